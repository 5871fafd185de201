/** Shows only the last four characters of a secret: `••••••••3f9a`. Short secrets are fully masked. */
export function maskSecret(secret: string): string {
  const visible = secret.length >= 16 ? secret.slice(-4) : '';
  return `${'•'.repeat(8)}${visible}`;
}
