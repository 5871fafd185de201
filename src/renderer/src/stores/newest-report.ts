/**
 * Keeps only the newest of a backend's progress reports. The answer to a call
 * (`signIn.start`) and the events pushed meanwhile travel apart, so the UI may
 * get a later step first; each report carries its place (`seq`), and one that
 * comes after a newer one is dropped. A report without `seq` (the state before
 * any report) counts as the oldest.
 */
export function createNewestReport(): (seq: number | undefined) => boolean {
  let newest = 0;
  return (seq) => {
    const place = seq ?? 0;
    if (place < newest) return false;
    newest = place;
    return true;
  };
}
