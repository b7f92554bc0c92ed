// Payout runs under load and on a schedule: many runs at once over the same creators pay each
// item exactly once with the books balanced, and the automatic schedule starts exactly one run
// per period however often its cron fires.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { CLOCK, createPayee, FEBRUARY, utc } from "../support/payout-runs.testkit";
import { processPayoutRun } from "~/payout-runs/process-payout-run.server";
import { schedulePayoutRuns } from "~/payout-runs/schedule-payout-runs.server";
import { startPayoutRun } from "~/payout-runs/start-payout-run.server";
import { createShop, givePayable, MIA } from "../support/factories";
import { brokenMoneyInvariants, readMoneyInvariants } from "../support/money-invariants";
import { drainJobs } from "../support/jobs";
import { useTestDatabase } from "../support/test-database";

beforeAll(async () => {
  await useTestDatabase();
});
afterEach(() => {
  delete process.env.CREATOR_PAYOUTS_CLOCK;
});

describe("concurrent payout runs", () => {
  it("50 runs started and worked at once over the same creators: each item in exactly one payout, books balanced", async () => {
    process.env.CREATOR_PAYOUTS_CLOCK = CLOCK;
    const shop = await createShop();
    const ava = await createPayee(shop.id, "Ava Ames");
    const ben = await createPayee(shop.id, "Ben Brook");
    let avaTotal = 0;
    for (let day = 1; day <= 12; day++) {
      await givePayable(shop.id, ava.id, {
        kind: day % 2 ? "commission" : "fixed_fee",
        amountMinor: 1000 + day * 37,
        payableSince: utc(2, day),
      });
      avaTotal += 1000 + day * 37;
    }
    await givePayable(shop.id, ava.id, { kind: "clawback", amountMinor: -850, payableSince: utc(1, 30) });
    await givePayable(shop.id, ava.id, { kind: "clawback", amountMinor: -400, payableSince: utc(2, 14) });
    avaTotal -= 1250;
    for (let day = 1; day <= 5; day++)
      await givePayable(shop.id, ben.id, { kind: "commission", amountMinor: 2000, payableSince: utc(2, day) });

    // Half the runs are for Ava alone, half for everyone; each is worked as soon as it starts.
    const runIds = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const { runId } = await startPayoutRun(shop.id, { ...FEBRUARY, creatorId: i % 2 ? ava.id : null, honourMinimum: true }, MIA);
        await processPayoutRun(runId);
        return runId;
      }),
    );
    await drainJobs();

    const payouts = await db().payout.findMany({ where: { shopId: shop.id }, include: { items: true } });
    const total = (creatorId: string) =>
      payouts
        .filter((p) => p.creatorId === creatorId)
        .flatMap((p) => p.items)
        .reduce((sum, item) => sum + Number(item.amountMinor), 0);
    expect(payouts.map((p) => p.creatorId).sort()).toEqual([ava.id, ben.id].sort());
    expect(total(ava.id)).toBe(avaTotal);
    expect(total(ben.id)).toBe(10000);
    expect(new Set(payouts.map((p) => p.runId)).size).toBeLessThanOrEqual(2);
    for (const creator of [ava, ben]) {
      const invariants = await readMoneyInvariants(shop.id, creator.id);
      expect(invariants).toMatchObject({ ledgerPayable: 0, itemsInTwoActivePayouts: 0 });
      expect(brokenMoneyInvariants(invariants)).toEqual([]);
    }
    const runs = await db().payoutRun.findMany({ where: { id: { in: runIds } } });
    expect(runs.every((run) => run.status === "completed" && run.doneCreators === run.totalCreators)).toBe(true);
  });
});

describe("the automatic schedule", () => {
  async function scheduledShop(payoutSchedule: "manual" | "weekly" | "monthly", installState: "installed" | "uninstalled" = "installed") {
    const shop = await createShop();
    await db().shop.update({ where: { id: shop.id }, data: { payoutSchedule, installState } });
    const ava = await createPayee(shop.id, "Ava Ames");
    await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor: 5000, payableSince: utc(2, 25) });
    return { shop, ava };
  }
  const runsOf = (shopId: string) =>
    db().payoutRun.findMany({ where: { shopId }, select: { createdBy: true, payableFrom: true, payableTo: true, honourMinimum: true } });

  it("starts exactly one run per period, even when the cron fires twice at once and again later", async () => {
    const monthly = await scheduledShop("monthly");
    const weekly = await scheduledShop("weekly");
    const manual = await scheduledShop("manual");
    const away = await scheduledShop("monthly", "uninstalled");

    process.env.CREATOR_PAYOUTS_CLOCK = "2026-03-01T10:00:00Z"; // a Sunday, the 1st
    await Promise.all([schedulePayoutRuns(), schedulePayoutRuns()]);
    await schedulePayoutRuns();
    process.env.CREATOR_PAYOUTS_CLOCK = "2026-03-02T10:00:00Z"; // a Monday
    await Promise.all([schedulePayoutRuns(), schedulePayoutRuns()]);
    await schedulePayoutRuns();

    expect(await runsOf(monthly.shop.id)).toEqual([
      {
        createdBy: "schedule",
        payableFrom: new Date("2026-02-01T00:00:00Z"),
        payableTo: new Date("2026-02-28T23:59:59.999Z"),
        honourMinimum: true,
      },
    ]);
    expect(await runsOf(weekly.shop.id)).toEqual([
      {
        createdBy: "schedule",
        payableFrom: new Date("2026-02-23T00:00:00Z"),
        payableTo: new Date("2026-03-01T23:59:59.999Z"),
        honourMinimum: true,
      },
    ]);
    expect(await runsOf(manual.shop.id)).toEqual([]);
    expect(await runsOf(away.shop.id)).toEqual([]);

    await drainJobs();
    for (const { shop, ava } of [monthly, weekly]) {
      const payouts = await db().payout.findMany({
        where: { shopId: shop.id },
        select: { creatorId: true, createdBy: true, status: true },
      });
      expect(payouts).toEqual([{ creatorId: ava.id, createdBy: "schedule", status: "ready" }]);
    }
  });

  it("does nothing on other days", async () => {
    const monthly = await scheduledShop("monthly");
    process.env.CREATOR_PAYOUTS_CLOCK = "2026-03-10T10:00:00Z";
    expect(await schedulePayoutRuns()).toEqual([]);
    expect(await runsOf(monthly.shop.id)).toEqual([]);
  });
});
