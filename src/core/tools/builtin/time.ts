import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { ToolFailure, jsonResult } from '../tool-result.js';
import type { ToolProvider } from '../types.js';
import {
  checkTimeZone,
  formatUtcOffset,
  formatWallClock,
  instantOfWallClock,
  isDaylightSavingTime,
  isValidWallClock,
  systemTimeZone,
  utcOffsetMinutes,
  wallClockAt,
  weekdayOf,
  zonedTime,
} from './time-zone.js';
import type { WallClock } from './time-zone.js';

export interface TimeProviderOptions {
  /** The clock; tests pin it. Defaults to the system clock. */
  readonly now?: () => Date;
}

const READ_ONLY = { readOnlyHint: true, openWorldHint: false } as const;

const zoneName = (role: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .describe(`IANA time zone name ${role}, e.g. "Europe/Paris", "America/New_York", "Asia/Tokyo" or "UTC"`);

/** `HH:MM`, or `YYYY-MM-DDTHH:MM[:SS]` (a space may replace the `T`). */
const LOCAL_TIME = /^(?:(\d{4})-(\d{2})-(\d{2})[T ])?(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Everything a caller needs to know about one instant in one zone. */
function describeInstant(zone: string, epochMs: number) {
  const { wall, offsetMinutes } = zonedTime(zone, epochMs);
  const utcOffset = formatUtcOffset(offsetMinutes);
  return {
    timezone: zone,
    datetime: `${formatWallClock(wall)}${utcOffset}`,
    utcOffset,
    isDst: isDaylightSavingTime(zone, epochMs, offsetMinutes),
    dayOfWeek: weekdayOf(wall),
  };
}

/** Parses the `time` argument of `convert_time`; a bare `HH:MM` means today in the source zone. */
function parseLocalTime(text: string, zone: string, nowMs: number): WallClock {
  const match = LOCAL_TIME.exec(text.trim());
  if (!match) {
    throw new ToolFailure('TIME_INVALID_TIME', `Cannot read the time "${text}". Use "HH:MM" (24-hour) or "YYYY-MM-DDTHH:MM[:SS]".`);
  }
  const today = wallClockAt(zone, nowMs);
  const [, year, month, day, hour, minute, second] = match;
  const wall: WallClock = {
    year: year ? Number(year) : today.year,
    month: month ? Number(month) : today.month,
    day: day ? Number(day) : today.day,
    hour: Number(hour),
    minute: Number(minute),
    second: second ? Number(second) : 0,
  };
  if (!isValidWallClock(wall)) {
    throw new ToolFailure('TIME_INVALID_TIME', `"${text}" is not a valid date and time.`);
  }
  return wall;
}

/** `+5.5h`, `-3h`, `+0h`. */
function formatHourDifference(minutes: number): string {
  const hours = Math.round((minutes / 60) * 100) / 100;
  return `${hours < 0 ? '-' : '+'}${Math.abs(hours)}h`;
}

/**
 * `get_current_time` and `convert_time`: what time it is in a zone, and what a
 * local time in one zone is in another. Read-only, no network.
 */
export function createTimeProvider(options: TimeProviderOptions = {}): ToolProvider {
  const now = options.now ?? (() => new Date());

  const getCurrentTime = defineTool({
    name: 'get_current_time',
    title: 'Current time',
    description:
      'Returns the current date and time in a time zone (default: this machine\'s zone) as RFC 3339 local time with UTC offset, plus the offset, whether daylight saving time is in effect and the weekday.',
    inputSchema: z.object({ timezone: zoneName('to show the time in; defaults to this machine\'s zone').optional() }),
    annotations: READ_ONLY,
    run: async ({ timezone }) => {
      const zone = checkTimeZone(timezone ?? systemTimeZone());
      const instant = now().getTime();
      return jsonResult({ ...describeInstant(zone, instant), utc: new Date(instant).toISOString() });
    },
  });

  const convertTime = defineTool({
    name: 'convert_time',
    title: 'Convert time between zones',
    description:
      'Converts a local time in one time zone to the same instant in another. "time" is "HH:MM" (24-hour, today in the source zone) or "YYYY-MM-DDTHH:MM[:SS]". A time that falls in a daylight-saving gap is moved forward; an ambiguous time takes the earlier instant.',
    inputSchema: z.object({
      time: z.string().min(4).max(32).describe('Local time in the source zone: "HH:MM" (today) or "YYYY-MM-DDTHH:MM[:SS]"'),
      source_timezone: zoneName('the time is given in'),
      target_timezone: zoneName('to convert to'),
    }),
    annotations: READ_ONLY,
    run: async ({ time, source_timezone, target_timezone }) => {
      const source = checkTimeZone(source_timezone);
      const target = checkTimeZone(target_timezone);
      const instant = instantOfWallClock(source, parseLocalTime(time, source, now().getTime()));
      const difference = utcOffsetMinutes(target, instant) - utcOffsetMinutes(source, instant);
      return jsonResult({
        source: describeInstant(source, instant),
        target: describeInstant(target, instant),
        utc: new Date(instant).toISOString(),
        timeDifference: formatHourDifference(difference),
      });
    },
  });

  return { id: 'time', tools: () => [getCurrentTime, convertTime] };
}
