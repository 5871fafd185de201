import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { cleanLine, createStderrLog, readStderrLogFile, stderrLogFile } from './stderr-log.js';

function stateDir(): string {
  return mkdtempSync(join(tmpdir(), 'stderr-log-'));
}

function ended(stream: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    stream.on('end', resolve);
    stream.end();
    stream.resume();
  });
}

describe('stderr log', () => {
  it('splits a stream into lines, across chunks and multi-byte characters', async () => {
    const log = createStderrLog({ name: 'x' });
    const stream = new PassThrough();
    log.attach(stream);
    const euro = Buffer.from('€');
    stream.write('first li');
    stream.write(Buffer.concat([Buffer.from('ne\r\nsecond '), euro.subarray(0, 1)]));
    stream.write(Buffer.concat([euro.subarray(1), Buffer.from('\nno newline at the end')]));
    await ended(stream);
    expect(log.tail().map((line) => line.text)).toEqual(['first line', 'second €', 'no newline at the end']);
  });

  it('keeps the last 1,000 lines in memory, each cut at 4 KiB', async () => {
    const log = createStderrLog({ name: 'x' });
    const stream = new PassThrough();
    log.attach(stream);
    for (let i = 0; i < 1_500; i += 1) stream.write(`line ${i}\n`);
    stream.write(`${'a'.repeat(10_000)}\n`);
    stream.write(`${'b'.repeat(3_000)}`);
    stream.write(`${'b'.repeat(3_000)}\nafter\n`);
    await ended(stream);
    const lines = log.tail();
    expect(lines).toHaveLength(1_000);
    expect(lines.at(-3)?.text).toBe(`${'a'.repeat(4_096)} … (cut)`);
    expect(lines.at(-2)?.text.startsWith('b'.repeat(4_096))).toBe(true);
    expect(lines.at(-1)?.text).toBe('after');
    expect(log.tail(2).map((line) => line.text)[1]).toBe('after');
    expect(log.since(log.nextSeq - 1).map((line) => line.text)).toEqual(['after']);
  });

  it('removes terminal escapes and shows other control characters', () => {
    expect(cleanLine('\u001b[31mred\u001b[0m\tok\u0007\u001b]0;title\u0007')).toBe('red\tok\\u0007');
  });

  it('writes <state>/logs/<name>.log with mode 0600 and rotates it at the size limit, keeping one .1', async () => {
    const state = stateDir();
    const log = createStderrLog({ name: 'github', stateDir: state, maxFileBytes: 1_000, now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
    for (let i = 0; i < 40; i += 1) {
      log.append(`line ${String(i).padStart(2, '0')} ${'x'.repeat(40)}`);
      await log.flush();
    }
    const file = stderrLogFile(state, 'github');
    expect(log.file).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(file).size).toBeLessThanOrEqual(1_000);
    expect(statSync(`${file}.1`).size).toBeLessThanOrEqual(1_000);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toMatch(/^2026-01-02T03:04:05\.000Z line \d\d x+$/);
    const lastFive = readStderrLogFile(state, 'github', 5);
    expect(lastFive.map((line) => line.split(' ')[2])).toEqual(['35', '36', '37', '38', '39']);
    // Asking for more than the current file holds reads the rotation too.
    const many = readStderrLogFile(state, 'github', 30);
    expect(many.at(-1)).toContain('line 39');
    expect(many.length).toBeGreaterThan(readFileSync(file, 'utf8').split('\n').length - 1);
  });

  it('appends to the file it finds, and reads nothing from a log that does not exist', async () => {
    const state = stateDir();
    mkdirSync(join(state, 'logs'));
    writeFileSync(stderrLogFile(state, 'kept'), '2026-01-01T00:00:00.000Z old line\n', { mode: 0o644 });
    const log = createStderrLog({ name: 'kept', stateDir: state });
    log.append('new line');
    await log.flush();
    expect(readStderrLogFile(state, 'kept', 10).map((line) => line.replace(/^\S+ /, ''))).toEqual(['old line', 'new line']);
    expect(statSync(stderrLogFile(state, 'kept')).mode & 0o777).toBe(0o600);
    expect(readStderrLogFile(state, 'none', 10)).toEqual([]);
  });

  it.skipIf(!existsSync('/dev/full'))('says once that the disk is full, and keeps memory only', async () => {
    const state = stateDir();
    mkdirSync(join(state, 'logs'));
    symlinkSync('/dev/full', stderrLogFile(state, 'full'));
    const reports: string[] = [];
    const log = createStderrLog({ name: 'full', stateDir: state, report: (line) => reports.push(line) });
    for (let i = 0; i < 5; i += 1) {
      log.append(`line ${i}`);
      await log.flush();
    }
    expect(reports).toEqual(['[gateway] cannot write the log of upstream `full` (ENOSPC); keeping its last 1000 lines in memory only']);
    expect(log.file).toBeUndefined();
    expect(log.tail().map((line) => line.text)).toEqual(['line 0', 'line 1', 'line 2', 'line 3', 'line 4']);
  });

  it('keeps memory only, and says so, when the state folder cannot be used', () => {
    const state = join(stateDir(), 'a-file');
    writeFileSync(state, '');
    const reports: string[] = [];
    const log = createStderrLog({ name: 'x', stateDir: state, report: (line) => reports.push(line) });
    log.append('still kept');
    expect(reports).toEqual([expect.stringMatching(/^\[gateway\] cannot write the log of upstream `x` \(ENOTDIR\)/)]);
    expect(log.tail().map((line) => line.text)).toEqual(['still kept']);
  });
});
