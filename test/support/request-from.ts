import { request } from 'node:http';

export interface PlainResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * One HTTP request sent from a chosen loopback address (`127.0.0.2`, …), so a
 * test can play several clients that the server tells apart by peer address.
 * A fresh connection per request; the whole answer is read before resolving.
 */
export function requestFrom(
  localAddress: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<PlainResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, localAddress, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer from ${url} within 10 s`)));
    req.on('error', reject);
    req.end(init.body);
  });
}

/** The `n`-th address of 127/8 after 127.0.0.1 (n ≥ 1): 127.0.0.2, 127.0.0.3, … */
export function loopbackAddress(n: number): string {
  const value = n + 1;
  return `127.${(value >> 16) & 255}.${(value >> 8) & 255}.${value & 255}`;
}
