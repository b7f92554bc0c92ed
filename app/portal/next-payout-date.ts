import { addDays } from "../payout-runs/run-periods";

/**
 * The next day the shop's automatic schedule creates payouts (app/payout-runs/run-periods.ts:
 * Mondays for weekly, the 1st for monthly), strictly after `today` (YYYY-MM-DD in the shop's
 * zone); null for a manual schedule.
 */
export function nextPayoutDate(schedule: "manual" | "weekly" | "monthly", today: string): string | null {
  if (schedule === "monthly") {
    const [year, month] = today.split("-").map(Number);
    const next = new Date(Date.UTC(year, month, 1));
    return next.toISOString().slice(0, 10);
  }
  if (schedule === "weekly") {
    const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
    return addDays(today, ((8 - weekday) % 7) || 7);
  }
  return null;
}
