// Calendar arithmetic for payout runs. Dates are YYYY-MM-DD calendar days in the shop's time zone
// (as the merchant reads them); both ends of a range are included.
import { startOfDayInTimeZone } from "../documents/export-filters";

export interface CalendarRange {
  from: string;
  to: string;
}

/** A run's range as instants: items payable at or after `payableFrom` and at or before `payableTo`. */
export interface InstantRange {
  payableFrom: Date;
  /** The last millisecond of `to` in the shop's zone: createPayout's `payableUntil` is inclusive. */
  payableTo: Date;
}

export function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The previous calendar month: the form's default range. */
export function lastMonthRange(today: string): CalendarRange {
  const firstOfThisMonth = `${today.slice(0, 7)}-01`;
  const to = addDays(firstOfThisMonth, -1);
  return { from: `${to.slice(0, 7)}-01`, to };
}

/** Monday to Sunday of the week before the one `today` is in. */
export function lastWeekRange(today: string): CalendarRange {
  const mondayThisWeek = addDays(today, -((weekday(today) + 6) % 7));
  return { from: addDays(mondayThisWeek, -7), to: addDays(mondayThisWeek, -1) };
}

/**
 * The period an automatic schedule pays on `today`: on Mondays last week (weekly), on the 1st last
 * month (monthly); otherwise none. Any hour of that day will do, so a missed cron tick is caught up.
 */
export function scheduledPeriod(schedule: "manual" | "weekly" | "monthly", today: string): CalendarRange | null {
  if (schedule === "weekly" && weekday(today) === 1) return lastWeekRange(today);
  if (schedule === "monthly" && today.endsWith("-01")) return lastMonthRange(today);
  return null;
}

export function instantRange(range: CalendarRange, timeZone: string): InstantRange {
  return {
    payableFrom: startOfDayInTimeZone(range.from, timeZone),
    payableTo: new Date(startOfDayInTimeZone(addDays(range.to, 1), timeZone).getTime() - 1),
  };
}
