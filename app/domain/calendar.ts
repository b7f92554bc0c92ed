// The shop's calendar: every date rule and every date shown to a person goes through here.
//
// A "calendar date" is a day as the merchant reads it, "YYYY-MM-DD" in the shop's time zone (ISO
// dates compare correctly as strings). An instant is a Date. Days alone are plain UTC arithmetic;
// days in a zone (start of day, daylight saving time) are done by @date-fns/tz, whose functions
// tree-shake, so screens that import this module stay light; display uses cached Intl formatters. No clock here: callers pass `now()` from app/lib/clock.server.ts.
import { TZDate } from "@date-fns/tz";

/** "YYYY-MM-DD", a day in the shop's time zone. */
export type CalendarDate = string;

/** Calendar days, both included. */
export interface CalendarRange {
  from: CalendarDate;
  to: CalendarDate;
}

/** Instants covering calendar days: `start` included, `end` excluded (the next day's midnight). */
export interface InstantRange {
  start: Date;
  end: Date;
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const two = (value: number) => String(value).padStart(2, "0");

// ------------------------------------------------------------------ time zones

const knownZones = new Map<string, string>();

/** The zone if the runtime knows it, else "UTC": an unknown zone name shows UTC rather than failing a page or export. */
export function shopZone(timeZone: string): string {
  let zone = knownZones.get(timeZone);
  if (!zone) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone });
      zone = timeZone;
    } catch {
      zone = "UTC";
    }
    knownZones.set(timeZone, zone);
  }
  return zone;
}

// ------------------------------------------------------------------ calendar dates (zone-free)

// Zone-free day arithmetic is plain UTC arithmetic on the day's midnight UTC: exact (no DST in UTC)
// and without Intl, which @date-fns/tz asks on every date it makes — a lifetime report plans ~300
// months, and that made the TZDate offsets a fifth of the creator page's CPU.
const DAY_MS = 86_400_000;

/** The day's midnight UTC (years 0000–0099 included, which Date.UTC would read as 19xx). */
function dayOf(date: CalendarDate): Date {
  const [year, month, day] = date.split("-").map(Number);
  const midnight = new Date(0);
  midnight.setUTCFullYear(year, month - 1, day);
  return midnight;
}

function utcCalendarDateOf(date: Date): CalendarDate {
  return `${String(date.getUTCFullYear()).padStart(4, "0")}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}`;
}

/** A zone's date (TZDate's getters read its zone) as YYYY-MM-DD. */
function calendarDateOf(date: Date): CalendarDate {
  return `${String(date.getFullYear()).padStart(4, "0")}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

/** A real day written YYYY-MM-DD ("2026-02-30" is not). */
export function isCalendarDate(value: string): boolean {
  if (!CALENDAR_DATE.test(value)) return false;
  const day = dayOf(value);
  return !Number.isNaN(day.getTime()) && utcCalendarDateOf(day) === value;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const day = dayOf(date);
  day.setUTCDate(day.getUTCDate() + days);
  return utcCalendarDateOf(day);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: CalendarDate): number {
  return dayOf(date).getUTCDay();
}

/** Days from `from` to `to`, both included. */
export function daysInRange(range: CalendarRange): number {
  return Math.round((dayOf(range.to).getTime() - dayOf(range.from).getTime()) / DAY_MS) + 1;
}

export function firstOfMonth(date: CalendarDate): CalendarDate {
  return `${date.slice(0, 8)}01`;
}

/** The whole calendar month before the one `date` is in. */
export function previousMonth(date: CalendarDate): CalendarRange {
  const to = addDays(firstOfMonth(date), -1);
  return { from: firstOfMonth(to), to };
}

/** The 1st of the month after `date`'s. */
export function firstOfNextMonth(date: CalendarDate): CalendarDate {
  const day = dayOf(firstOfMonth(date));
  day.setUTCMonth(day.getUTCMonth() + 1);
  return utcCalendarDateOf(day);
}

// ------------------------------------------------------------------ date columns

// A `@db.Date` column (paidOn, dueOn, startsOn…) holds a calendar date; Prisma hands it over as
// the Date at midnight UTC of that day. These two convert, and nothing else should.

/** The value to write to a `@db.Date` column for `date`. */
export function toDateColumn(date: CalendarDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** The calendar date a `@db.Date` column holds. */
export function fromDateColumn(value: Date): CalendarDate {
  return value.toISOString().slice(0, 10);
}

// ------------------------------------------------------------------ days as instants in a zone

/** The shop's calendar date at `instant`: "today" when `instant` is now(). */
export function todayInTimeZone(instant: Date, timeZone: string): CalendarDate {
  return calendarDateOf(new TZDate(instant.getTime(), shopZone(timeZone)));
}

/** The instant the day `date` starts in `timeZone` (01:00 where a DST change skips midnight). */
export function startOfDayInTimeZone(date: CalendarDate, timeZone: string): Date {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(new TZDate(year, month - 1, day, shopZone(timeZone)).getTime());
}

/** The instants of the days from `from` to `to` (both included): [start of `from`, start of the day after `to`). */
export function instantRange(range: CalendarRange, timeZone: string): InstantRange;
export function instantRange(range: Partial<CalendarRange>, timeZone: string): Partial<InstantRange>;
export function instantRange(range: Partial<CalendarRange>, timeZone: string): Partial<InstantRange> {
  return {
    start: range.from ? startOfDayInTimeZone(range.from, timeZone) : undefined,
    end: range.to ? startOfDayInTimeZone(addDays(range.to, 1), timeZone) : undefined,
  };
}

/** The instant the shop's month containing `instant` started. */
export function startOfMonthInTimeZone(instant: Date, timeZone: string): Date {
  return startOfDayInTimeZone(firstOfMonth(todayInTimeZone(instant, timeZone)), timeZone);
}

// ------------------------------------------------------------------ display

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  const zone = shopZone(timeZone);
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// What the en-US formatter above writes, e.g. "03/11/2026, 08:30:00". Read directly, it costs a
// third of formatToParts (an object per field): the admin pages format a date per table row. Any
// other shape (a year before 1000, another runtime's punctuation) is read by its parts.
const WALL_CLOCK_TEXT = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;

function wallClock(instant: Date, timeZone: string): WallClock {
  const formatter = wallClockFormatter(timeZone);
  const text = WALL_CLOCK_TEXT.exec(formatter.format(instant));
  if (text) {
    const [, month, day, year, hour, minute, second] = text;
    return {
      year: Number(year),
      month: Number(month),
      day: Number(day),
      hour: Number(hour),
      minute: Number(minute),
      second: Number(second),
    };
  }
  const parts = formatter.formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

const dateText = (t: WallClock) => `${String(t.year).padStart(4, "0")}-${two(t.month)}-${two(t.day)}`;

/** Accepts a Date or an ISO instant string (loader data arrives as strings). */
const asInstant = (instant: Date | string) => (typeof instant === "string" ? new Date(instant) : instant);

/** "2026-03-11": the day the shop was in at `instant`. Every admin screen, export, email and PDF shows dates with this. */
export function formatShopDate(instant: Date | string, timeZone: string): string {
  return dateText(wallClock(asInstant(instant), timeZone));
}

/** "2026-03-11 08:30": the shop's wall clock at `instant`, to the minute. */
export function formatShopDateTime(instant: Date | string, timeZone: string): string {
  const t = wallClock(asInstant(instant), timeZone);
  return `${dateText(t)} ${two(t.hour)}:${two(t.minute)}`;
}

const localizedFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * "11 mars 2026", "Mar 11, 2026": the shop's day in a reader's language (the creator portal). A
 * calendar date ("2026-03-11", e.g. a paid-on day) is shown as that day; an instant as the shop's day.
 */
export function formatShopDateInLanguage(value: Date | CalendarDate, timeZone: string, locale: string): string {
  const isDay = typeof value === "string";
  const zone = isDay ? "UTC" : shopZone(timeZone);
  const key = `${locale}:${zone}`;
  let formatter = localizedFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: zone });
    localizedFormatters.set(key, formatter);
  }
  return formatter.format(isDay ? toDateColumn(value) : value);
}

/** An instant as a spreadsheet reads it (the audit CSV): the wall clock to the second, and the UTC offset in force then. */
export interface ZonedDateTime {
  /** "2026-03-31 18:05:09" (Excel, Numbers and Google Sheets parse it as a date-time) */
  local: string;
  /** "UTC+09:00", "UTC-04:00", "UTC+05:30": it changes with daylight saving time */
  offset: string;
}

export function zonedDateTime(instant: Date, timeZone: string): ZonedDateTime {
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  const t = wallClock(new Date(wholeSeconds), timeZone);
  const offsetMinutes = Math.round((Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) - wholeSeconds) / 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const absolute = Math.abs(offsetMinutes);
  return {
    local: `${dateText(t)} ${two(t.hour)}:${two(t.minute)}:${two(t.second)}`,
    offset: `UTC${sign}${two(Math.floor(absolute / 60))}:${two(absolute % 60)}`,
  };
}
