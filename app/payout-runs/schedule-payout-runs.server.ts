// The automatic schedule (DOMAIN §5): an hourly cron task starts, for each installed shop on a
// weekly or monthly schedule, one run for the period that just ended. A per-shop advisory lock
// plus "is there already a scheduled run for exactly this range?" make a second cron firing, or a
// second app instance, start nothing.
import type { Task } from "graphile-worker";
import { actorLabel, type Actor } from "../audit/actor";
import { db } from "../db.server";
import { now } from "../lib/clock.server";
import { todayInTimeZone } from "../domain/calendar";
import { resolveRunRequest } from "./resolve-run-request.server";
import { createPayoutRun } from "./start-payout-run.server";
import { lockPayoutRunSchedule } from "../db/locks.server";
import { withTransaction } from "../db/transaction.server";
import { payableWindow, scheduledPeriod } from "./run-periods";

export const SCHEDULE_ACTOR: Actor = { type: "system", id: "schedule" };

export const schedulePayoutRunsTask: Task = async () => {
  await schedulePayoutRuns();
};

/** Starts the runs due now; returns their ids. */
export async function schedulePayoutRuns(): Promise<string[]> {
  const shops = await db().shop.findMany({
    where: { installState: "installed", payoutSchedule: { in: ["weekly", "monthly"] } },
    select: { id: true, timezone: true, payoutSchedule: true },
  });
  const started: string[] = [];
  for (const shop of shops) {
    const period = scheduledPeriod(shop.payoutSchedule, todayInTimeZone(now(), shop.timezone));
    if (!period) continue;
    const runId = await startScheduledRun(shop.id, period);
    if (runId) started.push(runId);
  }
  return started;
}

async function startScheduledRun(shopId: string, period: { from: string; to: string }): Promise<string | null> {
  return withTransaction("longRunning", async (tx) => {
    await lockPayoutRunSchedule(tx, shopId);
    const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { timezone: true, installState: true } });
    if (shop.installState !== "installed") return null;
    const { payableFrom, payableTo } = payableWindow(period, shop.timezone);
    const existing = await tx.payoutRun.findFirst({
      where: { shopId, createdBy: actorLabel(SCHEDULE_ACTOR), payableFrom, payableTo },
      select: { id: true },
    });
    if (existing) return null;
    const run = await resolveRunRequest(tx, shopId, { ...period, creatorId: null, honourMinimum: true });
    return createPayoutRun(tx, run, SCHEDULE_ACTOR);
  });
}
