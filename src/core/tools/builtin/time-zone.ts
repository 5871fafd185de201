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

/** A zone spelling's formatter and the spelling {@link checkTimeZone} shows for it. */
interface ZoneEntry {
  readonly formatter: Intl.DateTimeFormat;
  readonly shown: string;
}

/**
 * Per zone spelling, built once: constructing an `Intl.DateTimeFormat` and
 * asking its resolved options costs more than the rest of a tool call.
 * Bounded because the spelling comes from callers.
 */
const zones = new Map<string, ZoneEntry>();
const MAX_CACHED_ZONES = 256;
/** Standard-time (smaller of January and July) offsets per `zone\nyear`, for {@link isDaylightSavingTime}. */
const standardOffsets = new Map<string, number>();
const MAX_CACHED_STANDARD_OFFSETS = 1024;

/** The system zone, resolved again only when `TZ` changes (Node re-reads the zone then, and only then). */
let systemZone: { readonly tz: string | undefined; readonly zone: string } | undefined;

/** The zone this machine runs in, e.g. `Europe/Paris`. */
export function systemTimeZone(): string {
  const tz = process.env.TZ;
  if (systemZone === undefined || systemZone.tz !== tz) {
    systemZone = { tz, zone: Intl.DateTimeFormat().resolvedOptions().timeZone };
  }
  return systemZone.zone;
}

/**
 * Checks an IANA zone name and returns it with the spelling to show: the tz
 * database's own casing (`utc` → `UTC`), an alias kept as given (`Asia/Kolkata`).
 * @throws ToolFailure `TIME_INVALID_ZONE` naming the zone when `Intl` does not know it.
 */
export function checkTimeZone(zone: string): string {
  try {
    return zoneEntry(zone).shown;
  } catch {
    throw new ToolFailure(
      'TIME_INVALID_ZONE',
      `Unknown time zone "${zone}". Use an IANA time zone name such as "Europe/Paris", "America/New_York", "Asia/Kolkata" or "UTC".`,
    );
  }
}

/** What the en-US formatter writes for years 1–9999: `7/30/2026, 14:03:05`. */
const FORMATTED_WALL_CLOCK = /^(\d{1,2})\/(\d{1,2})\/(\d{1,4}), (\d{2}):(\d{2}):(\d{2})$/;

/** The wall-clock time in `zone` at the instant `epochMs` (to the second). */
export function wallClockAt(zone: string, epochMs: number): WallClock {
  const { formatter } = zoneEntry(zone);
  // The formatted string read with a regex costs a third of `formatToParts`; other years (eras) take the general path.
  const match = FORMATTED_WALL_CLOCK.exec(formatter.format(epochMs));
  if (match) {
    const [, month, day, year, hour, minute, second] = match;
    return { year: Number(year), month: Number(month), day: Number(day), hour: Number(hour), minute: Number(minute), second: Number(second) };
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(epochMs)) {
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
  return zonedTime(zone, epochMs).offsetMinutes;
}

/** The wall clock in `zone` at `epochMs` and the zone's UTC offset then, read with one formatting. */
export function zonedTime(zone: string, epochMs: number): { readonly wall: WallClock; readonly offsetMinutes: number } {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  const wall = wallClockAt(zone, wholeSecond);
  return { wall, offsetMinutes: Math.round((wallClockAsUtc(wall) - wholeSecond) / MINUTE_MS) };
}

/** `+05:30`, `-04:00`, `+00:00` (ISO 8601 / RFC 3339 offset form). */
export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
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
export function isDaylightSavingTime(zone: string, epochMs: number, offsetMinutes = utcOffsetMinutes(zone, epochMs)): boolean {
  return offsetMinutes > standardOffsetMinutes(zone, new Date(epochMs).getUTCFullYear());
}

function standardOffsetMinutes(zone: string, year: number): number {
  const key = `${zone}\n${year}`;
  let offset = standardOffsets.get(key);
  if (offset === undefined) {
    offset = Math.min(utcOffsetMinutes(zone, Date.UTC(year, 0, 1)), utcOffsetMinutes(zone, Date.UTC(year, 6, 1)));
    if (standardOffsets.size >= MAX_CACHED_STANDARD_OFFSETS) standardOffsets.clear();
    standardOffsets.set(key, offset);
  }
  return offset;
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
  // `Date.UTC` reads years 0–99 as 1900–1999; those take the slower exact path.
  if (wall.year >= 100) return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  return date.getTime();
}

/** @throws RangeError when `Intl` does not know the zone. */
function zoneEntry(zone: string): ZoneEntry {
  let entry = zones.get(zone);
  if (!entry) {
    const formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    const resolved = formatter.resolvedOptions().timeZone;
    entry = { formatter, shown: resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone };
    if (zones.size >= MAX_CACHED_ZONES) zones.clear();
    zones.set(zone, entry);
  }
  return entry;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
