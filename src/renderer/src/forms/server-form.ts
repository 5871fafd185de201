/**
 * The add-server form as text fields → a `servers.add` request, with the
 * checks a form can make before sending (name rule, command line quoting,
 * http(s) URL, row names). The gateway checks everything again (the command
 * on PATH, a name already taken) and answers field by field.
 */
import { UPSTREAM_NAME } from '../../../shared/gateway-types.js';
import { SECRET_NAME, type SecretEntry, type ServerAddRequest } from '../../../shared/servers-types.js';
import { splitCommandLine } from './command-line.js';

export interface NameValueRow {
  readonly name: string;
  readonly value: string;
}

export interface ServerForm {
  readonly kind: 'stdio' | 'http';
  readonly name: string;
  /** The command and its arguments as one line (quoting: see `splitCommandLine`). */
  readonly commandLine: string;
  readonly cwd: string;
  readonly env: readonly NameValueRow[];
  readonly url: string;
  readonly headers: readonly NameValueRow[];
  /** Values typed into password fields; sent once, kept in the keychain. */
  readonly secrets: readonly NameValueRow[];
}

export const EMPTY_SERVER_FORM: ServerForm = { kind: 'stdio', name: '', commandLine: '', cwd: '', env: [], url: '', headers: [], secrets: [] };

export interface ServerFormResult {
  /** Absent when `errors` is not empty. */
  readonly request?: ServerAddRequest;
  /** Field id (`name`, `commandLine`, `url`, `env.0.name`…) → message. */
  readonly errors: Record<string, string>;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/;

export function serverAddRequest(form: ServerForm): ServerFormResult {
  const errors: Record<string, string> = {};
  const name = form.name.trim();
  if (!UPSTREAM_NAME.test(name)) errors.name = 'Use lower-case letters, digits and "-" (at most 32), starting with a letter or digit.';
  const secrets = rows(form.secrets, 'secrets', SECRET_NAME, 'letters, digits and "_", not starting with a digit', errors);
  for (const [index, row] of form.secrets.entries()) {
    if (row.name.trim() !== '' && row.value === '') errors[`secrets.${index}.value`] = 'Enter the secret value.';
  }
  const common = { name, enabled: true, disabledTools: [], secrets: secrets.map(([key, value]): SecretEntry => ({ key, value })) };

  if (form.kind === 'stdio') {
    const split = splitCommandLine(form.commandLine.trim());
    if (!split.ok) errors.commandLine = capitalise(split.error);
    const env = rows(form.env, 'env', SECRET_NAME, 'letters, digits and "_", not starting with a digit', errors);
    const cwd = form.cwd.trim();
    if (Object.keys(errors).length > 0 || !split.ok) return { errors };
    return {
      errors,
      request: { ...common, kind: 'stdio', command: split.command, args: split.args, env: Object.fromEntries(env), ...(cwd !== '' && { cwd }) },
    };
  }
  const url = form.url.trim();
  if (!isHttpUrl(url)) errors.url = 'Enter an http:// or https:// URL.';
  const headers = rows(form.headers, 'headers', HEADER_NAME, 'a header name such as Authorization', errors);
  if (Object.keys(errors).length > 0) return { errors };
  return { errors, request: { ...common, kind: 'http', url, headers: Object.fromEntries(headers) } };
}

/** The filled rows as [name, value]; a blank row is skipped, a bad or repeated name is an error at `<prefix>.<index>.name`. */
function rows(list: readonly NameValueRow[], prefix: string, rule: RegExp, ruleText: string, errors: Record<string, string>): [string, string][] {
  const seen = new Set<string>();
  const filled: [string, string][] = [];
  for (const [index, row] of list.entries()) {
    const name = row.name.trim();
    if (name === '' && row.value === '') continue;
    if (!rule.test(name)) errors[`${prefix}.${index}.name`] = `Use ${ruleText}.`;
    else if (seen.has(name)) errors[`${prefix}.${index}.name`] = `${name} is already listed.`;
    seen.add(name);
    filled.push([name, row.value]);
  }
  return filled;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** The fields the add form shows an error at; a gateway error for any other field shows in the form's note. */
const FORM_FIELD = /^(name|commandLine|cwd|url|(env|headers|secrets)\.\d+\.(name|value))$/;

export interface PlacedErrors {
  /** Form field id → message. */
  readonly at: Record<string, string>;
  /** `field: message` for the errors no field of the form shows. */
  readonly elsewhere: string[];
}

/** Puts each field error (the form's own, or the gateway's: `command`, `args.0`, `env.TOKEN`…) where the form can show it. */
export function placeFieldErrors(fields: Readonly<Record<string, string>>): PlacedErrors {
  const at: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const [field, message] of Object.entries(fields)) {
    const formField = field === 'command' || field === 'args' || field.startsWith('args.') ? 'commandLine' : field;
    if (FORM_FIELD.test(formField)) at[formField] ??= message;
    else elsewhere.push(`${field}: ${message}`);
  }
  return { at, elsewhere };
}
