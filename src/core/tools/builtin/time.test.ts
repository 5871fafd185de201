import { afterEach, describe, expect, it } from 'vitest';
import { connectProviders } from '../testing/tool-client.js';
import type { ToolClient } from '../testing/tool-client.js';
import { createTimeProvider } from './time.js';
import { systemTimeZone } from './time-zone.js';

let client: ToolClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

/** A client whose clock is frozen at `iso`. */
async function at(iso: string): Promise<ToolClient> {
  client = await connectProviders(createTimeProvider({ now: () => new Date(iso) }));
  return client;
}

describe('get_current_time', () => {
  it('tells the time in a half-hour zone', async () => {
    const tools = await at('2026-07-30T12:03:05.250Z');

    const { isError, json } = await tools.call('get_current_time', { timezone: 'Asia/Kolkata' });

    expect(isError).toBe(false);
    expect(json).toEqual({
      timezone: 'Asia/Kolkata',
      datetime: '2026-07-30T17:33:05+05:30',
      utcOffset: '+05:30',
      isDst: false,
      dayOfWeek: 'Thursday',
      utc: '2026-07-30T12:03:05.250Z',
    });
  });

  it('knows daylight saving time in both hemispheres', async () => {
    const tools = await at('2026-07-30T12:00:00Z');

    const london = (await tools.call('get_current_time', { timezone: 'Europe/London' })).json;
    const sydney = (await tools.call('get_current_time', { timezone: 'Australia/Sydney' })).json;
    const stJohns = (await tools.call('get_current_time', { timezone: 'America/St_Johns' })).json;

    expect(london).toMatchObject({ datetime: '2026-07-30T13:00:00+01:00', isDst: true });
    expect(sydney).toMatchObject({ datetime: '2026-07-30T22:00:00+10:00', isDst: false });
    expect(stJohns).toMatchObject({ datetime: '2026-07-30T09:30:00-02:30', utcOffset: '-02:30', isDst: true });
  });

  it("defaults to this machine's zone and fixes the casing of a zone name", async () => {
    const tools = await at('2026-01-15T08:00:00Z');

    const local = (await tools.call('get_current_time')).json;
    const utc = (await tools.call('get_current_time', { timezone: 'utc' })).json;

    expect(local).toMatchObject({ timezone: systemTimeZone() });
    expect(utc).toMatchObject({ timezone: 'UTC', datetime: '2026-01-15T08:00:00+00:00', isDst: false });
  });

  it('names an unknown zone in a tool error', async () => {
    const tools = await at('2026-07-30T12:00:00Z');

    const { isError, text } = await tools.call('get_current_time', { timezone: 'Mars/Olympus_Mons' });

    expect(isError).toBe(true);
    expect(text).toContain('Unknown time zone "Mars/Olympus_Mons"');
  });
});

describe('convert_time', () => {
  it('converts a full local date-time and reports the difference', async () => {
    const tools = await at('2026-07-30T12:00:00Z');

    const { json } = await tools.call('convert_time', {
      time: '2026-12-24T18:00',
      source_timezone: 'Europe/Paris',
      target_timezone: 'Asia/Kathmandu',
    });

    expect(json).toEqual({
      source: { timezone: 'Europe/Paris', datetime: '2026-12-24T18:00:00+01:00', utcOffset: '+01:00', isDst: false, dayOfWeek: 'Thursday' },
      target: { timezone: 'Asia/Kathmandu', datetime: '2026-12-24T22:45:00+05:45', utcOffset: '+05:45', isDst: false, dayOfWeek: 'Thursday' },
      utc: '2026-12-24T17:00:00.000Z',
      timeDifference: '+4.75h',
    });
  });

  it('reads a bare HH:MM as today in the source zone, even when the source is already on the next day', async () => {
    const tools = await at('2026-07-30T20:00:00Z'); // already 31 July, 05:00 in Tokyo

    const { json } = await tools.call('convert_time', { time: '09:00', source_timezone: 'Asia/Tokyo', target_timezone: 'Europe/Paris' });

    expect(json).toMatchObject({
      source: { datetime: '2026-07-31T09:00:00+09:00' },
      target: { datetime: '2026-07-31T02:00:00+02:00', isDst: true },
      timeDifference: '-7h',
    });
  });

  it('moves a time skipped by spring-forward and takes the earlier instant of a fall-back overlap', async () => {
    const tools = await at('2026-07-30T12:00:00Z');

    const gap = await tools.call('convert_time', { time: '2026-03-29T02:30', source_timezone: 'Europe/Berlin', target_timezone: 'UTC' });
    const overlap = await tools.call('convert_time', { time: '2026-11-01 01:30:15', source_timezone: 'America/New_York', target_timezone: 'UTC' });

    expect(gap.json).toMatchObject({ source: { datetime: '2026-03-29T03:30:00+02:00' }, utc: '2026-03-29T01:30:00.000Z' });
    expect(overlap.json).toMatchObject({ source: { datetime: '2026-11-01T01:30:15-04:00', isDst: true }, utc: '2026-11-01T05:30:15.000Z' });
  });

  it('refuses impossible times and unknown zones with tool errors', async () => {
    const tools = await at('2026-07-30T12:00:00Z');
    const convert = (time: string, source = 'UTC', target = 'UTC') =>
      tools.call('convert_time', { time, source_timezone: source, target_timezone: target });

    const results = await Promise.all([convert('25:00'), convert('2026-02-30T10:00'), convert('noon'), convert('10:00', 'UTC', 'Europe/Atlantis')]);

    expect(results.map((r) => r.isError)).toEqual([true, true, true, true]);
    expect(results[0]?.text).toBe('"25:00" is not a valid date and time.');
    expect(results[1]?.text).toBe('"2026-02-30T10:00" is not a valid date and time.');
    expect(results[2]?.text).toContain('Cannot read the time "noon"');
    expect(results[3]?.text).toContain('"Europe/Atlantis"');
  });
});
