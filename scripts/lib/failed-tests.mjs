#!/usr/bin/env node
// Usage: node scripts/lib/failed-tests.mjs vitest|playwright REPORT.json
//
// Prints one line per failed (or, for Playwright, flaky) test of a JSON report (its file, its full title
// and the first line of its error), so that the end of `npm test`'s output,
// which is often all a CI log keeps, names what failed and not only which
// suite. Prints nothing when nothing failed; a missing or unreadable report
// is said in one line. Always exits 0: the suite's own exit code decides.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const MAX_LINES = 40;

const firstLine = (text) => stripVTControlCharacters(String(text ?? '')).split('\n').map((line) => line.trim()).find(Boolean) ?? '';

function vitestFailures(report) {
  return (report.testResults ?? []).flatMap((file) => {
    const failed = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    if (failed.length === 0 && file.status === 'failed') return [{ file: file.name, title: '(the file itself)', error: file.message }];
    return failed.map((test) => ({ file: file.name, title: test.fullName, error: test.failureMessages?.[0] }));
  });
}

function playwrightFailures(report) {
  const found = [];
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected' && test.status !== 'flaky') continue;
        // A flaky test failed first and passed on its retry: named too, with its first failure.
        const failedRun = test.results?.find((result) => result.status !== 'passed' && result.status !== 'skipped');
        const verdict = test.status === 'flaky' ? 'flaky (passed on its retry; its first failure)' : 'failed';
        found.push({ verdict, file: spec.file, title: [...titles, spec.title].join(' › '), error: failedRun?.error?.message ?? failedRun?.status });
      }
    }
    for (const child of suite.suites ?? []) walk(child, child.title && child.title !== child.file ? [...titles, child.title] : titles);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  for (const error of report.errors ?? []) found.push({ file: '', title: '(outside any test)', error: error.message });
  return found;
}

const [kind, path] = process.argv.slice(2);
let report;
try {
  report = JSON.parse(readFileSync(path, 'utf8'));
} catch (error) {
  console.log(`[test] ${kind} wrote no readable report (${error.code ?? error.message})`);
  process.exit(0);
}
const failures = kind === 'vitest' ? vitestFailures(report) : playwrightFailures(report);
for (const failure of failures.slice(0, MAX_LINES)) {
  const file = failure.file ? relative(process.cwd(), failure.file) || failure.file : '';
  console.log(`[test] ${kind} ${failure.verdict ?? 'failed'}: ${file ? `${file} › ` : ''}${failure.title}: ${firstLine(failure.error)}`);
}
if (failures.length > MAX_LINES) console.log(`[test] ${kind}: ${failures.length - MAX_LINES} more failures above`);
