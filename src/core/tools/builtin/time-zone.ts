import { ToolFailure } from '../tool-result.js';

/**
 * Time-zone arithmetic on top of `Intl` (Node's bundled ICU and IANA tz
 * database). Pure functions, no dependency.
 */

/** A local date and time as shown on a wall clock in some zone. Months are 1–12. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** Formatters per zone spelling; bounded because the spelling comes from callers. */
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_CACHED_FORMATTERS = 256;

/** The zone this machine runs in, e.g. `Europe/Paris`. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * Checks an IANA zone name and returns it with the spelling to show: the tz
 * database's own casing (`utc` → `UTC`), an alias kept as given (`Asia/Kolkata`).
 * @throws ToolFailure `TIME_INVALID_ZONE` naming the zone when `Intl` does not know it.
 */
export function checkTimeZone(zone: string): string {
  try {
    const resolved = formatterFor(zone).resolvedOptions().timeZone;
    return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
  } catch {
    throw new ToolFailure(
      'TIME_INVALID_ZONE',
      `Unknown time zone "${zone}". Use an IANA time zone name such as "Europe/Paris", "America/New_York", "Asia/Kolkata" or "UTC".`,
    );
  }
}

/** The wall-clock time in `zone` at the instant `epochMs` (to the second). */
export function wallClockAt(zone: string, epochMs: number): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of `zone` from UTC at `epochMs`, in minutes (east positive: Paris in summer is 120). */
export function utcOffsetMinutes(zone: string, epochMs: number): number {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return Math.round((wallClockAsUtc(wallClockAt(zone, wholeSecond)) - wholeSecond) / MINUTE_MS);
}

/** `+05:30`, `-04:00`, `+00:00` (ISO 8601 / RFC 3339 offset form). */
export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

/** RFC 3339 local time with offset, to the second: `2026-07-30T14:03:05+02:00`. */
export function zonedIsoString(zone: string, epochMs: number): string {
  const wall = wallClockAt(zone, epochMs);
  return `${formatWallClock(wall)}${formatUtcOffset(utcOffsetMinutes(zone, epochMs))}`;
}

/** `2026-07-30T14:03:05`, no offset. */
export function formatWallClock(wall: WallClock): string {
  return `${String(wall.year).padStart(4, '0')}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
}

/** English weekday name of the wall-clock date. */
export function weekdayOf(wall: WallClock): string {
  return WEEKDAYS[new Date(wallClockAsUtc(wall)).getUTCDay()] ?? '';
}

/**
 * Whether `zone` observes daylight saving time at `epochMs`: its offset then is
 * larger than the smaller of its January and July offsets that year (works for
 * both hemispheres).
 */
export function isDaylightSavingTime(zone: string, epochMs: number): boolean {
  const year = new Date(epochMs).getUTCFullYear();
  const january = utcOffsetMinutes(zone, Date.UTC(year, 0, 1));
  const july = utcOffsetMinutes(zone, Date.UTC(year, 6, 1));
  return utcOffsetMinutes(zone, epochMs) > Math.min(january, july);
}

/**
 * The instant a wall-clock time in `zone` denotes. Ambiguous and skipped times
 * follow the "compatible" rule of RFC 9557 / Temporal: in a fall-back overlap
 * the earlier instant is taken, a time skipped by a spring-forward gap is
 * moved forward by the gap's length (02:30 on the day Berlin jumps from 02:00
 * to 03:00 becomes 03:30 CEST).
 */
export function instantOfWallClock(zone: string, wall: WallClock): number {
  const asUtc = wallClockAsUtc(wall);
  const offsetBefore = utcOffsetMinutes(zone, asUtc - DAY_MS);
  const offsetAfter = utcOffsetMinutes(zone, asUtc + DAY_MS);
  const candidates = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => asUtc - offset * MINUTE_MS)
    .filter((instant) => wallClockAsUtc(wallClockAt(zone, instant)) === asUtc)
    .sort((a, b) => a - b);
  return candidates[0] ?? asUtc - offsetBefore * MINUTE_MS;
}

/** Whether the fields name a real calendar date and time (no 31 April, no 24:00). */
export function isValidWallClock(wall: WallClock): boolean {
  const date = new Date(wallClockAsUtc(wall));
  return (
    wall.hour <= 23 &&
    wall.minute <= 59 &&
    wall.second <= 59 &&
    date.getUTCFullYear() === wall.year &&
    date.getUTCMonth() + 1 === wall.month &&
    date.getUTCDate() === wall.day
  );
}

function wallClockAsUtc(wall: WallClock): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  return date.getTime();
}

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    if (formatters.size >= MAX_CACHED_FORMATTERS) formatters.clear();
    formatters.set(zone, formatter);
  }
  return formatter;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
