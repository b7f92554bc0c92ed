// Which parts of a report's period come from the monthly aggregate ("ReportMonth") and which from
// the base tables. Whole months inside the period are read from the aggregate. An edge month the
// period covers only partly is read whichever way touches fewer days: its days inside the period
// from the base tables, or the month's aggregate row minus its days outside the period (for "last
// 90 days" the rest of the current month is mostly in the future, so almost nothing to subtract).
// Pure: calendar dates in the shop's time zone in, calendar dates out.
import { addDays, daysInRange, firstOfMonth, firstOfNextMonth, type CalendarDate, type CalendarRange } from "../domain/calendar";

export interface ReportMonthPlan {
  /** First days of the months read from the aggregate: every month from `from` to `to`, or none. */
  months: CalendarRange | null;
  /** Days added from the base tables. */
  add: CalendarRange[];
  /** Days of aggregated months outside the period, subtracted from the base tables. */
  subtract: CalendarRange[];
}

const later = (a: CalendarDate, b: CalendarDate) => (a > b ? a : b);
const earlier = (a: CalendarDate, b: CalendarDate) => (a < b ? a : b);

// Pages ask for the same few periods request after request (the deal page's lifetime value walks
// ~300 months from 2000, ≈ 2 ms of date arithmetic a request): the last plans are kept, frozen
// (callers only read them). A plan depends on the period alone.
const RECENT_PLANS = 32;
const recentPlans = new Map<string, ReportMonthPlan>();

export function reportMonthPlan(period: CalendarRange): ReportMonthPlan {
  const key = `${period.from}/${period.to}`;
  const known = recentPlans.get(key);
  if (known) return known;
  const plan = frozen(planMonths(period));
  if (recentPlans.size >= RECENT_PLANS) recentPlans.delete(recentPlans.keys().next().value as string);
  recentPlans.set(key, plan);
  return plan;
}

function frozen(plan: ReportMonthPlan): ReportMonthPlan {
  if (plan.months) Object.freeze(plan.months);
  for (const range of [...plan.add, ...plan.subtract]) Object.freeze(range);
  Object.freeze(plan.add);
  Object.freeze(plan.subtract);
  return Object.freeze(plan);
}

function planMonths(period: CalendarRange): ReportMonthPlan {
  const months: CalendarDate[] = [];
  const add: CalendarRange[] = [];
  const subtract: CalendarRange[] = [];
  for (let month = firstOfMonth(period.from); month <= period.to; month = firstOfNextMonth(month)) {
    const last = addDays(firstOfNextMonth(month), -1);
    const inside = { from: later(period.from, month), to: earlier(period.to, last) };
    const insideDays = daysInRange(inside);
    const outsideDays = daysInRange({ from: month, to: last }) - insideDays;
    if (outsideDays === 0) {
      months.push(month);
    } else if (insideDays <= outsideDays) {
      add.push(inside);
    } else {
      months.push(month);
      if (inside.from > month) subtract.push({ from: month, to: addDays(inside.from, -1) });
      if (inside.to < last) subtract.push({ from: addDays(inside.to, 1), to: last });
    }
  }
  // Only edge months can be left out, so the aggregated months are consecutive.
  return { months: months.length > 0 ? { from: months[0], to: months[months.length - 1] } : null, add, subtract };
}

/** The plan that reads everything from the base tables: the recompute the aggregate is checked against. */
export const baseTablesPlan = (period: CalendarRange): ReportMonthPlan => ({ months: null, add: [period], subtract: [] });
