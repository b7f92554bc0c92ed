// Instants as a spreadsheet reads them: the wall clock in the shop's time zone, whole seconds,
// "YYYY-MM-DD HH:MM:SS" (Excel, Numbers and Google Sheets parse it as a date-time), and the UTC
// offset in force at that instant beside it (it changes with daylight saving time).

export interface ZonedDateTime {
  /** "2026-03-31 18:05:09" */
  local: string;
  /** "UTC+09:00", "UTC-04:00", "UTC+05:30" */
  offset: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    } catch {
      // An unknown zone name: UTC, rather than refuse the export (export-filters does the same).
      formatter = formatterFor("UTC");
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const two = (value: number) => String(value).padStart(2, "0");

export function zonedDateTime(instant: Date, timeZone: string): ZonedDateTime {
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  const parts = formatterFor(timeZone).formatToParts(new Date(wholeSeconds));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const [year, month, day, hour, minute, second] = [get("year"), get("month"), get("day"), get("hour"), get("minute"), get("second")];
  const offsetMinutes = Math.round((Date.UTC(year, month - 1, day, hour, minute, second) - wholeSeconds) / 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const absolute = Math.abs(offsetMinutes);
  return {
    local: `${String(year).padStart(4, "0")}-${two(month)}-${two(day)} ${two(hour)}:${two(minute)}:${two(second)}`,
    offset: `UTC${sign}${two(Math.floor(absolute / 60))}:${two(absolute % 60)}`,
  };
}
