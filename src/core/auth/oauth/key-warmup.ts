/**
 * Fetches the issuer's keys in the background until one fetch works: once at
 * once, then every `retryMs` (one attempt per interval at most, none in
 * parallel). The timer does not keep the process alive. Returns the function
 * that stops it (the authenticator's `close`).
 */
export function startKeyWarmup(fetchKeys: () => Promise<boolean>, retryMs: number): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const attempt = async (): Promise<void> => {
    if (stopped) return;
    const fetched = await fetchKeys().catch(() => false);
    if (fetched || stopped) return;
    timer = setTimeout(() => void attempt(), retryMs);
    timer.unref();
  };
  void attempt();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
