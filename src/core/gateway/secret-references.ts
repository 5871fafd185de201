/**
 * A remote upstream's header names a secret instead of holding it:
 * `Authorization: Bearer ${secret:GITHUB_TOKEN}`. The value comes from the
 * keychain when the toolkit connects, so `settings.json` never holds it.
 */
const REFERENCE = /\$\{secret:([A-Za-z_][A-Za-z0-9_]*)\}/g;

export type HeaderResolution = { ok: true; headers: Record<string, string> } | { ok: false; missing: string[] };

/** The secret names `text` refers to, in order of first use. */
export function secretReferences(text: string): string[] {
  return [...new Set([...text.matchAll(REFERENCE)].map((match) => match[1] as string))];
}

/** `headers` with each `${secret:KEY}` replaced by the value in `secrets`; the names of missing ones otherwise. */
export function resolveHeaderSecrets(headers: Readonly<Record<string, string>>, secrets: Readonly<Record<string, string>>): HeaderResolution {
  const missing = new Set<string>();
  const resolved: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    resolved[name] = value.replace(REFERENCE, (whole, key: string) => {
      const secret = secrets[key];
      if (secret === undefined) missing.add(key);
      return secret ?? whole;
    });
  }
  return missing.size === 0 ? { ok: true, headers: resolved } : { ok: false, missing: [...missing] };
}
