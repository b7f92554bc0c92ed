// Calendar arithmetic for payout runs. Dates are YYYY-MM-DD calendar days in the shop's time zone
// (as the merchant reads them); both ends of a range are included.
import { addDays, instantRange, previousMonth, weekday, type CalendarRange } from "../domain/calendar";

export type { CalendarRange };

/** A run's range as instants: items payable at or after `payableFrom` and at or before `payableTo`. */
export interface InstantRange {
  payableFrom: Date;
  /** The last millisecond of `to` in the shop's zone: createPayout's `payableUntil` is inclusive. */
  payableTo: Date;
}

/** The previous calendar month: the form's default range. */
export function lastMonthRange(today: string): CalendarRange {
  return previousMonth(today);
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

/** The calendar's half-open day range, its end made inclusive for createPayout's `payableUntil`. */
export function payableWindow(range: CalendarRange, timeZone: string): InstantRange {
  const { start, end } = instantRange(range, timeZone);
  return { payableFrom: start, payableTo: new Date(end.getTime() - 1) };
}
