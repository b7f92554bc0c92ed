import { addDays, firstOfNextMonth, weekday } from "../domain/calendar";

/**
 * The next day the shop's automatic schedule creates payouts (app/payout-runs/run-periods.ts:
 * Mondays for weekly, the 1st for monthly), strictly after `today` (YYYY-MM-DD in the shop's
 * zone); null for a manual schedule.
 */
export function nextPayoutDate(schedule: "manual" | "weekly" | "monthly", today: string): string | null {
  if (schedule === "monthly") return firstOfNextMonth(today);
  if (schedule === "weekly") return addDays(today, (8 - weekday(today)) % 7 || 7);
  return null;
}
