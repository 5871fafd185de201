import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.js';
import { escapeHelp, escapeLabelValue, formatValue, PROMETHEUS_CONTENT_TYPE, toPrometheus } from './prometheus.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0);

interface ParsedFamily {
  help?: string;
  type?: string;
  samples: { labels: Record<string, string>; value: string }[];
}

const METRIC_NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';

/** Reverses the 0.0.4 escapes of a HELP docstring (`\\`, `\n`). */
function unescapeHelp(text: string): string {
  return text.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}

/** Parses `{name="value",…}` character by character, honouring `\\`, `\"` and `\n`. */
function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    const name = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(i))?.[0];
    if (name === undefined || text.slice(i + name.length, i + name.length + 2) !== '="') throw new Error(`bad label at ${i}: ${text}`);
    i += name.length + 2;
    let value = '';
    for (;;) {
      const c = text[i++];
      if (c === undefined) throw new Error(`unterminated label value: ${text}`);
      if (c === '"') break;
      if (c === '\n') throw new Error('raw line feed in label value');
      if (c === '\\') {
        const escaped = text[i++];
        if (escaped === 'n') value += '\n';
        else if (escaped === '\\' || escaped === '"') value += escaped;
        else throw new Error(`bad escape \\${String(escaped)}`);
      } else value += c;
    }
    labels[name] = value;
    if (i < text.length) {
      if (text[i] !== ',') throw new Error(`expected , at ${i}: ${text}`);
      i++;
    }
  }
  return labels;
}

/**
 * A strict reader of the text format: every line is HELP, TYPE or a sample;
 * HELP and TYPE come once per family, before its samples; the text ends with a line feed.
 */
function parseExposition(text: string): Map<string, ParsedFamily> {
  expect(text.endsWith('\n')).toBe(true);
  const families = new Map<string, ParsedFamily>();
  const familyOf = (name: string) => {
    let family = families.get(name);
    if (family === undefined) families.set(name, (family = { samples: [] }));
    return family;
  };
  for (const line of text.slice(0, -1).split('\n')) {
    const help = new RegExp(`^# HELP (${METRIC_NAME}) (.*)$`).exec(line);
    const type = new RegExp(`^# TYPE (${METRIC_NAME}) (counter|gauge|histogram|summary|untyped)$`).exec(line);
    const sample = new RegExp(`^(${METRIC_NAME})(?:\\{(.*)\\})? (\\S+)$`).exec(line);
    if (help) {
      const family = familyOf(help[1]!);
      expect(family.help, `second HELP for ${help[1]}`).toBeUndefined();
      expect(family.samples, `HELP after samples of ${help[1]}`).toEqual([]);
      family.help = unescapeHelp(help[2]!);
    } else if (type) {
      const family = familyOf(type[1]!);
      expect(family.type, `second TYPE for ${type[1]}`).toBeUndefined();
      expect(family.samples, `TYPE after samples of ${type[1]}`).toEqual([]);
      family.type = type[2]!;
    } else if (sample) {
      const family = families.get(sample[1]!);
      expect(family?.type, `sample of ${sample[1]} before its TYPE`).toBeDefined();
      expect(Number.isNaN(Number(sample[3])) && sample[3] !== 'NaN').toBe(false);
      family!.samples.push({ labels: parseLabels(sample[2] ?? ''), value: sample[3]! });
    } else {
      throw new Error(`not a valid exposition line: ${JSON.stringify(line)}`);
    }
  }
  return families;
}

describe('toPrometheus', () => {
  it('writes the exact text format 0.0.4 for requests, rejections and the start time', () => {
    const metrics = createMetrics({ now: () => T0 });
    for (let i = 0; i < 12; i++) metrics.recordRequest('mcp');
    metrics.recordRequest('metrics');
    for (let i = 0; i < 3; i++) metrics.recordRejection({ status: 401, reason: 'AUTH_INVALID_KEY', client: 'ip:::1', path: '/mcp' });
    metrics.recordRejection({ status: 429, reason: 'RATE_LIMITED', client: 'key:3f9a1c…', path: '/mcp' });

    expect(toPrometheus(metrics)).toBe(
      [
        '# HELP mcp_toolkit_requests_total HTTP requests received, by path group.',
        '# TYPE mcp_toolkit_requests_total counter',
        'mcp_toolkit_requests_total{path="mcp"} 12',
        'mcp_toolkit_requests_total{path="tools"} 0',
        'mcp_toolkit_requests_total{path="metrics"} 1',
        'mcp_toolkit_requests_total{path="health"} 0',
        'mcp_toolkit_requests_total{path="well_known"} 0',
        'mcp_toolkit_requests_total{path="other"} 0',
        '# HELP mcp_toolkit_rejections_total Requests rejected, by HTTP status and reason code.',
        '# TYPE mcp_toolkit_rejections_total counter',
        'mcp_toolkit_rejections_total{status="401",reason="AUTH_INVALID_KEY"} 3',
        'mcp_toolkit_rejections_total{status="429",reason="RATE_LIMITED"} 1',
        '# HELP mcp_toolkit_start_time_seconds Unix time when these counters started (server start or last reset).',
        '# TYPE mcp_toolkit_start_time_seconds gauge',
        `mcp_toolkit_start_time_seconds ${T0 / 1000}`,
        '',
      ].join('\n'),
    );
  });

  it('exports labelled counters with the prefix, their help, and escaped label values that parse back', () => {
    const metrics = createMetrics({ now: () => T0 + 1_500 });
    const nasty = 'C:\\path "quoted"\nsecond line';
    metrics.counter('jwks_fetch_errors_total', 'JWKS fetch errors.\nSee the [oauth] log; path C:\\x.').increment({ issuer: nasty }, 2);
    metrics.increment('token_refresh_failures_total');

    const families = parseExposition(toPrometheus(metrics.snapshot()));
    expect(families.get('mcp_toolkit_jwks_fetch_errors_total')).toEqual({
      help: 'JWKS fetch errors.\nSee the [oauth] log; path C:\\x.',
      type: 'counter',
      samples: [{ labels: { issuer: nasty }, value: '2' }],
    });
    expect(families.get('mcp_toolkit_token_refresh_failures_total')?.samples).toEqual([{ labels: {}, value: '1' }]);
    expect(families.get('mcp_toolkit_start_time_seconds')?.samples).toEqual([{ labels: {}, value: '1767268801.5' }]);
  });

  it('stays parseable whatever reasons and paths the server reports', () => {
    const metrics = createMetrics();
    metrics.recordRejection({ status: 400, reason: 'WEIRD "code"\\\n', client: 'c', path: '/x' });
    metrics.recordRequest('mcp');
    const families = parseExposition(toPrometheus(metrics));
    expect(families.get('mcp_toolkit_rejections_total')?.samples).toEqual([
      { labels: { status: '400', reason: 'WEIRD "code"\\\n' }, value: '1' },
    ]);
    expect([...families.values()].every((f) => f.help !== undefined && f.type !== undefined)).toBe(true);
  });

  it('escapes exactly what the format asks for', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    expect(escapeHelp('a\\b"c\nd')).toBe('a\\\\b"c\\nd'); // quotes stay as they are in HELP
    expect([0, 12, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY].map(formatValue)).toEqual([
      '0',
      '12',
      '1.5',
      'NaN',
      '+Inf',
      '-Inf',
    ]);
  });

  it('names the content type of version 0.0.4', () => {
    expect(PROMETHEUS_CONTENT_TYPE).toBe('text/plain; version=0.0.4; charset=utf-8');
  });
});
