import type { Readable, Writable } from 'node:stream';

/** Longest secret read from a pipe: tokens and keys are well under this. */
const MAX_SECRET_BYTES = 64 * 1024;

export interface SecretInput {
  readonly stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  /** Where the prompt goes (never stdout, which scripts read). */
  readonly prompt: Writable;
}

/** Everything piped in, without its final line break. */
async function readPiped(stdin: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_SECRET_BYTES) throw new Error(`the secret on stdin is longer than ${MAX_SECRET_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** One line typed at a terminal without echo; Ctrl-C or Ctrl-D on an empty line gives up. */
function readHidden(input: SecretInput, text: string): Promise<string> {
  const { stdin, prompt } = input;
  prompt.write(text);
  stdin.setRawMode?.(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      prompt.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003' || (char === '\u0004' && value === '')) return done(new Error('cancelled'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (char >= ' ') value += char;
      }
    };
    stdin.on('data', onData);
  });
}

/**
 * A secret's value for `servers secret set`: typed at a hidden prompt when
 * stdin is a terminal, else read from stdin (`printf %s "$TOKEN" | …`).
 * Never from the command line, where other users can read it (`ps`) and
 * shells keep it in their history.
 */
export function readSecretValue(input: SecretInput, promptText: string): Promise<string> {
  return input.stdin.isTTY === true ? readHidden(input, promptText) : readPiped(input.stdin);
}
