import type { CounterFamily, Labels } from './types.js';

/** Prometheus metric and label name rules (exposition format 0.0.4). */
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Label combinations kept across all families; more is a bug (unbounded labels), not traffic. */
export const MAX_COUNTER_SAMPLES = 1_000;
const MAX_LABEL_VALUE_CHARS = 128;

interface Family {
  help: string;
  /** Sorted-label key → sample. */
  readonly samples: Map<string, { readonly labels: Labels; value: number }>;
}

/** Thrown for a counter name or label the exposition format cannot carry. */
export class InvalidMetricError extends TypeError {
  override readonly name = 'InvalidMetricError';
  readonly code = 'METRICS_INVALID_NAME';
}

/** The exporter adds this prefix; names given here must not carry it already. */
const EXPORT_PREFIX = 'mcp_toolkit_';

function checkMetricName(name: string, reserved: ReadonlySet<string>): void {
  if (!METRIC_NAME.test(name)) throw new InvalidMetricError(`invalid metric name: ${JSON.stringify(name)}`);
  if (name.startsWith(EXPORT_PREFIX)) {
    throw new InvalidMetricError(`give the metric name without the ${EXPORT_PREFIX} prefix (added on export): ${name}`);
  }
  if (reserved.has(name)) throw new InvalidMetricError(`metric name is reserved for built-in metrics: ${name}`);
}

/** Labels with names checked, values capped, in sorted name order; plus their identity key. */
function normalizeLabels(labels: Labels): { labels: Labels; key: string } {
  const names = Object.keys(labels).sort();
  const normalized: Record<string, string> = {};
  for (const name of names) {
    if (!LABEL_NAME.test(name) || name.startsWith('__')) {
      throw new InvalidMetricError(`invalid label name: ${JSON.stringify(name)}`);
    }
    normalized[name] = String(labels[name]).slice(0, MAX_LABEL_VALUE_CHARS);
  }
  return { labels: normalized, key: JSON.stringify(names.map((n) => [n, normalized[n]])) };
}

/**
 * Generic labelled counters for health signals of other modules
 * (`jwks_fetch_errors_total{issuer=…}`, `token_refresh_failures_total`…).
 * Names follow the Prometheus rules and get the exporter's prefix on output.
 */
export class CounterFamilies {
  readonly #families = new Map<string, Family>();
  #sampleCount = 0;
  #warnedFull = false;

  constructor(private readonly reservedNames: ReadonlySet<string> = new Set()) {}

  /** Declares a family (or updates its help text) without counting anything. */
  /** Whether a family of this name exists (declared or counted). */
  has(name: string): boolean {
    return this.#families.has(name);
  }

  describe(name: string, help: string): void {
    const family = this.#family(name);
    family.help = help;
  }

  /** Adds `by` (finite, ≥ 0) to the sample with these labels. */
  increment(name: string, labels: Labels = {}, by = 1): void {
    if (!Number.isFinite(by) || by < 0) throw new InvalidMetricError(`counter increment must be finite and ≥ 0, got ${by}`);
    const family = this.#family(name);
    const { labels: normalized, key } = normalizeLabels(labels);
    const sample = family.samples.get(key);
    if (sample !== undefined) {
      sample.value += by;
      return;
    }
    if (this.#sampleCount >= MAX_COUNTER_SAMPLES) {
      this.#warnOnceFull(name);
      return;
    }
    family.samples.set(key, { labels: normalized, value: by });
    this.#sampleCount++;
  }

  /** Families sorted by name, samples sorted by labels: plain data. */
  snapshot(): CounterFamily[] {
    return [...this.#families.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, family]) => ({
        name,
        help: family.help,
        samples: [...family.samples.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([, sample]) => ({ labels: { ...sample.labels }, value: sample.value })),
      }));
  }

  /** Zeroes every count; declared families and their help stay. */
  clear(): void {
    for (const family of this.#families.values()) family.samples.clear();
    this.#sampleCount = 0;
  }

  #family(name: string): Family {
    let family = this.#families.get(name);
    if (family === undefined) {
      checkMetricName(name, this.reservedNames);
      family = { help: `Counter ${name}.`, samples: new Map() };
      this.#families.set(name, family);
    }
    return family;
  }

  #warnOnceFull(name: string): void {
    if (this.#warnedFull) return;
    this.#warnedFull = true;
    process.stderr.write(
      `[metrics] more than ${MAX_COUNTER_SAMPLES} labelled counter samples; new label combinations are dropped (first: ${name})\n`,
    );
  }
}
