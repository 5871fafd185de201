import { parse, type ParseError } from 'jsonc-parser';

/**
 * JSON with comments, as VS Code writes its `mcp.json`: `//` and `/* *\/`
 * comments and trailing commas are allowed (read with `jsonc-parser`, the
 * parser the clients' config editing uses too); any other departure from JSON
 * throws, without quoting the text (it may hold secrets).
 */
export function parseJsonWithComments(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parse(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) throw new SyntaxError(`not valid JSON with comments (at offset ${errors[0]!.offset})`);
  return value;
}
