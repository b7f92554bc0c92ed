// The monthly aggregates behind Reports ("ReportMonth" and its per-creator sum "ReportCreatorMonth",
// issue 16 §3): kept by triggers in the writing transaction, they always equal a recompute from the
// base tables, and a report read from whole months plus edge days equals the same report read from
// the base tables alone — for random orders, refunds, clawbacks, cancellations, reattributions,
// adjustments and clicks near month edges, in several time zones and after a change of time zone or
// currency, for random ranges, groupings and filters.
import fc from "fast-check";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { COMMISSION_SUBJECT } from "~/commissions/commission-amounts.server";
import { returnToExpense } from "~/domain/ledger";
import { addDays } from "~/domain/calendar";
import { postAdjustment } from "~/adjustments/post-adjustment.server";
import { postLedgerTransaction } from "~/ledger/post-ledger-transaction.server";
import { readReport, type ReportQuery, type ReportShop } from "~/reports/read-report.server";
import {
  findReportCreatorMonthDifferences,
  findReportMonthDifferences,
  rebuildReportCreatorMonths,
  rebuildReportMonths,
} from "~/reports/report-months.server";
import { findReportDayDifferences, rebuildReportDays } from "~/reports/report-days.server";
import { readReportSeries } from "~/reports/read-report-series.server";
import { baseTablesPlan, reportMonthPlan } from "~/reports/report-month-plan";
import { MIA, createCreator } from "../support/deal-fixtures";
import { seedClicks, seedOrder } from "../support/reports.testkit";
import { useTestDatabase } from "../support/test-database";
import { createShop } from "../support/factories";

beforeAll(async () => {
  await useTestDatabase();
});

const ZONES = ["UTC", "America/New_York", "Pacific/Auckland", "Asia/Kolkata", "America/Los_Angeles"] as const;
// Instants within 30 hours of a UTC month start (the shop's month edge is somewhere in there in
// every zone), or anywhere from December 2025 to May 2026.
const MONTH_STARTS = [
  Date.UTC(2025, 11, 1),
  Date.UTC(2026, 0, 1),
  Date.UTC(2026, 1, 1),
  Date.UTC(2026, 2, 1),
  Date.UTC(2026, 3, 1),
  Date.UTC(2026, 4, 1),
];
const instant = fc.oneof(
  fc
    .record({ month: fc.integer({ min: 0, max: 5 }), minutes: fc.integer({ min: -30 * 60, max: 30 * 60 }) })
    .map(({ month, minutes }) => new Date(MONTH_STARTS[month] + minutes * 60_000).toISOString()),
  fc.integer({ min: MONTH_STARTS[0], max: Date.UTC(2026, 5, 1) - 1 }).map((ms) => new Date(ms).toISOString()),
);
const day = fc.integer({ min: 0, max: 200 }).map((n) => addDays("2025-11-20", n));

const orderSpec = fc.record({
  creator: fc.integer({ min: 0, max: 2 }),
  deal: fc.integer({ min: 0, max: 2 }),
  orderedAt: instant,
  subtotalMinor: fc.integer({ min: 1, max: 100_000 }),
  refundedShare: fc.integer({ min: 0, max: 100 }),
  paid: fc.boolean(),
  isTest: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, fc.constant(true)),
  cancelled: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, fc.constant(true)),
  isNewCustomer: fc.boolean(),
  currency: fc.oneof({ weight: 5, arbitrary: fc.constant("USD") }, fc.constant("EUR")),
  commissionMinor: fc.integer({ min: 0, max: 5_000 }),
  approved: fc.boolean(),
  reversed: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, fc.constant(true)),
});

// Changes after the fact, through the same tables the app writes.
const change = fc.oneof(
  fc.record({ kind: fc.constant("refund" as const), order: fc.nat(), share: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ kind: fc.constant("reattribute" as const), order: fc.nat(), creator: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant("cancel" as const), order: fc.nat() }),
  fc.record({ kind: fc.constant("redate" as const), order: fc.nat(), orderedAt: instant }),
  fc.record({
    kind: fc.constant("adjust" as const),
    creator: fc.integer({ min: 0, max: 2 }),
    amountMinor: fc.integer({ min: -5_000, max: 5_000 }),
    at: instant,
  }),
  fc.record({ kind: fc.constant("clicks" as const), creator: fc.integer({ min: 0, max: 2 }), day, count: fc.integer({ min: 1, max: 3 }) }),
);

const range = fc.tuple(day, fc.integer({ min: 0, max: 150 })).map(([from, length]) => ({ from, to: addDays(from, length) }));
const reportQuery = fc.record({
  period: range,
  groupBy: fc.constantFrom("creator" as const, "campaign" as const),
  filter: fc.constantFrom("none" as const, "campaign" as const, "creator" as const),
  sort: fc.constantFrom("revenue" as const, "name" as const, "cost" as const),
});

async function seedShop(timezone: string, countPaidOrdersOnly: boolean) {
  const shop = await createShop({ timezone, countPaidOrdersOnly });
  const creators = await Promise.all([0, 1, 2].map((i) => createCreator(shop.id, `Creator ${i}`)));
  const campaign = await db().campaign.create({ data: { shopId: shop.id, name: "Spring" } });
  // Deal 0: the creator's deal in the campaign; 1: outside any campaign; 2: no deal.
  const deals = await Promise.all(
    creators.map(async (creator) => [
      (await db().deal.create({ data: { shopId: shop.id, creatorId: creator.id, title: "In campaign", campaignId: campaign.id } })).id,
      (await db().deal.create({ data: { shopId: shop.id, creatorId: creator.id, title: "Alone" } })).id,
      null,
    ]),
  );
  return { shop, creators, campaign, deals };
}

describe("the reports' monthly and daily aggregates", () => {
  it("equal a recompute from the base tables, and reports and the chart's series from them equal those from the base tables (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ZONES),
        fc.boolean(),
        fc.array(orderSpec, { minLength: 1, maxLength: 8 }),
        fc.array(change, { maxLength: 6 }),
        fc.array(reportQuery, { minLength: 1, maxLength: 4 }),
        fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
        // A new shop currency moves the clicks of "ReportCreatorMonth" to that currency's row.
        fc.option(fc.constant("EUR"), { nil: undefined, freq: 2 }),
        async (timezone, countPaidOrdersOnly, orders, changes, queries, newZone, newCurrency) => {
          const { shop, creators, campaign, deals } = await seedShop(timezone, countPaidOrdersOnly);
          const seeded = [];
          for (const spec of orders) {
            const order = await seedOrder(shop.id, {
              ...spec,
              creatorId: creators[spec.creator].id,
              dealId: deals[spec.creator][spec.deal],
              refundedMinor: Math.floor((spec.subtotalMinor * spec.refundedShare) / 100),
              clawbackMinor: spec.approved && !spec.reversed ? Math.floor(spec.commissionMinor / 3) : 0,
            });
            seeded.push(order);
          }
          for (const step of changes) {
            const order = seeded[("order" in step ? step.order : 0) % seeded.length];
            if (step.kind === "refund") {
              await db().attributedOrder.update({
                where: { id: order.id },
                data: { refundedMinor: (order.subtotalMinor * BigInt(step.share)) / 100n },
              });
              const commission = await db().commission.findUnique({ where: { orderId: order.id } });
              if (commission && order.creatorId) {
                await db().$transaction((tx) =>
                  postLedgerTransaction(tx, {
                    shopId: shop.id,
                    actor: MIA,
                    action: "commission.clawed_back",
                    subject: { type: COMMISSION_SUBJECT, id: commission.id },
                    draft: returnToExpense({
                      creatorId: order.creatorId!,
                      currency: order.currency,
                      amountMinor: step.share,
                      kind: "clawback",
                      from: "payable",
                    }),
                    idempotencyKey: `test:${commission.id}:refund:${Math.random()}`,
                  }),
                );
              }
            } else if (step.kind === "reattribute") {
              await db().attributedOrder.update({
                where: { id: order.id },
                data: { creatorId: creators[step.creator].id, dealId: deals[step.creator][1] },
              });
            } else if (step.kind === "cancel") {
              await db().attributedOrder.update({ where: { id: order.id }, data: { cancelledAt: order.orderedAt } });
            } else if (step.kind === "redate") {
              await db().attributedOrder.update({ where: { id: order.id }, data: { orderedAt: new Date(step.orderedAt) } });
            } else if (step.kind === "adjust" && step.amountMinor !== 0) {
              const adjustment = await postAdjustment(
                shop.id,
                {
                  creatorId: creators[step.creator].id,
                  amount: (step.amountMinor / 100).toFixed(2),
                  reason: "Correction",
                  dealId: deals[step.creator][0] ?? undefined,
                },
                MIA,
              );
              await db().adjustment.update({ where: { id: adjustment.adjustmentId }, data: { createdAt: new Date(step.at) } });
            } else if (step.kind === "clicks") {
              await seedClicks(shop.id, creators[step.creator].id, step.day, step.count);
            }
          }
          // As the triggers kept it, and again after the recomputes of a zone or currency change.
          expect(await findReportCreatorMonthDifferences(shop.id)).toEqual([]);
          if (newZone) await db().shop.update({ where: { id: shop.id }, data: { timezone: newZone } });
          if (newCurrency) await db().shop.update({ where: { id: shop.id }, data: { currency: newCurrency } });
          expect(await findReportMonthDifferences(shop.id)).toEqual([]);
          expect(await findReportCreatorMonthDifferences(shop.id)).toEqual([]);
          expect(await findReportDayDifferences(shop.id)).toEqual([]);

          const reportShop: ReportShop = {
            id: shop.id,
            currency: newCurrency ?? "USD",
            timezone: newZone ?? timezone,
            countPaidOrdersOnly,
          };
          for (const q of queries) {
            const query: ReportQuery = {
              period: q.period,
              groupBy: q.groupBy,
              sort: q.sort,
              direction: "desc",
              campaignId: q.filter === "campaign" ? campaign.id : undefined,
              creatorId: q.filter === "creator" ? creators[0].id : undefined,
            };
            const fromAggregate = await readReport(reportShop, query, { plan: reportMonthPlan(q.period) });
            const fromBase = await readReport(reportShop, query, { plan: baseTablesPlan(q.period) });
            expect(fromAggregate).toEqual(fromBase);
            // By creator, whole months come from "ReportCreatorMonth"; from "ReportMonth" they give the same report.
            const fromMonthRows = await readReport(reportShop, query, { plan: reportMonthPlan(q.period), creatorMonths: false });
            expect(fromMonthRows).toEqual(fromBase);
            // The chart's series (the whole shop's, by day up to 92 days, by month beyond) from "ReportDay" equals it from the base tables.
            const seriesFromAggregate = await readReportSeries(reportShop, q.period, undefined, { source: "aggregate" });
            const seriesFromBase = await readReportSeries(reportShop, q.period, undefined, { source: "base" });
            expect(seriesFromAggregate).toEqual(seriesFromBase);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it("finds a wrong or lost row, and the rebuild restores it", async () => {
    const { shop, creators, deals } = await seedShop("America/New_York", true);
    // 03:00 UTC on March 1st is still February in New York.
    await seedOrder(shop.id, {
      creatorId: creators[0].id,
      dealId: deals[0][0],
      subtotalMinor: 5000,
      orderedAt: "2026-03-01T03:00:00Z",
      commissionMinor: 500,
    });
    await seedOrder(shop.id, {
      creatorId: creators[0].id,
      dealId: deals[0][0],
      subtotalMinor: 7000,
      orderedAt: "2026-03-01T06:00:00Z",
      commissionMinor: 700,
    });
    const months = await db().reportMonth.findMany({ where: { shopId: shop.id }, orderBy: { month: "asc" } });
    expect(months.map((m) => [m.month.toISOString().slice(0, 10), Number(m.paidRevenueMinor), Number(m.commissionMinor)])).toEqual([
      ["2026-02-01", 5000, 500],
      ["2026-03-01", 7000, 700],
    ]);
    expect(await findReportMonthDifferences(shop.id)).toEqual([]);

    await db().reportMonth.updateMany({ where: { shopId: shop.id, month: new Date("2026-03-01") }, data: { paidRevenueMinor: 1n } });
    await db().reportMonth.deleteMany({ where: { shopId: shop.id, month: new Date("2026-02-01") } });
    expect(await findReportMonthDifferences(shop.id)).toHaveLength(2);
    expect(await rebuildReportMonths(shop.id)).toBe(2);
    expect(await findReportMonthDifferences(shop.id)).toEqual([]);

    // The per-creator rows: one a month (the order's deal merged), found when wrong or lost, rebuilt.
    await seedClicks(shop.id, creators[0].id, "2026-03-05", 2);
    const creatorMonths = await db().reportCreatorMonth.findMany({ where: { shopId: shop.id }, orderBy: { month: "asc" } });
    expect(
      creatorMonths.map((m) => [m.month.toISOString().slice(0, 10), m.currency, Number(m.paidRevenueMinor), Number(m.clicks)]),
    ).toEqual([
      ["2026-02-01", "USD", 5000, 0],
      ["2026-03-01", "USD", 7000, 2],
    ]);
    expect(await findReportCreatorMonthDifferences(shop.id)).toEqual([]);
    await db().reportCreatorMonth.updateMany({ where: { shopId: shop.id, month: new Date("2026-03-01") }, data: { clicks: 1n } });
    await db().reportCreatorMonth.deleteMany({ where: { shopId: shop.id, month: new Date("2026-02-01") } });
    expect(await findReportCreatorMonthDifferences(shop.id)).toHaveLength(2);
    expect(await rebuildReportCreatorMonths(shop.id)).toBe(2);
    expect(await findReportCreatorMonthDifferences(shop.id)).toEqual([]);
  });

  it("finds a wrong or lost day row, and the rebuild restores it; a day's figure is the sum over its stripes", async () => {
    const { shop, creators, deals } = await seedShop("America/New_York", false);
    // 03:00 UTC on March 1st is still February 28th in New York.
    await seedOrder(shop.id, {
      creatorId: creators[0].id,
      dealId: deals[0][0],
      subtotalMinor: 5000,
      orderedAt: "2026-03-01T03:00:00Z",
      commissionMinor: 500,
      paid: false,
    });
    await seedOrder(shop.id, {
      creatorId: creators[1].id,
      dealId: deals[1][0],
      subtotalMinor: 7000,
      orderedAt: "2026-03-01T06:00:00Z",
      commissionMinor: 700,
    });
    const summed = async () =>
      (
        await db().reportDay.groupBy({
          by: ["day"],
          where: { shopId: shop.id },
          _sum: { revenueMinor: true, paidRevenueMinor: true, commissionMinor: true },
          orderBy: { day: "asc" },
        })
      ).map((d) => [
        d.day.toISOString().slice(0, 10),
        Number(d._sum.revenueMinor),
        Number(d._sum.paidRevenueMinor),
        Number(d._sum.commissionMinor),
      ]);
    expect(await summed()).toEqual([
      ["2026-02-28", 5000, 0, 500],
      ["2026-03-01", 7000, 7000, 700],
    ]);
    expect(await findReportDayDifferences(shop.id)).toEqual([]);

    // The same day split over two stripes is one figure.
    const marchRows = await db().reportDay.findMany({ where: { shopId: shop.id, day: new Date("2026-03-01") } });
    const march = marchRows.find((row) => row.revenueMinor !== 0n)!;
    await db().reportDay.update({
      where: { shopId_day_currency_stripe: { shopId: shop.id, day: march.day, currency: "USD", stripe: march.stripe } },
      data: { revenueMinor: 3000n },
    });
    const spareStripe = [0, 1, 2].find((stripe) => !marchRows.some((row) => row.stripe === stripe))!;
    await db().reportDay.create({ data: { shopId: shop.id, day: march.day, currency: "USD", stripe: spareStripe, revenueMinor: 4000n } });
    expect(await findReportDayDifferences(shop.id)).toEqual([]);

    const { count: marchStripes } = await db().reportDay.updateMany({
      where: { shopId: shop.id, day: new Date("2026-03-01") },
      data: { commissionMinor: 1n },
    });
    await db().reportDay.deleteMany({ where: { shopId: shop.id, day: new Date("2026-02-28") } });
    expect(await findReportDayDifferences(shop.id)).toEqual([
      {
        day: "2026-02-28",
        currency: "USD",
        stored: null,
        recomputed: { revenueMinor: "5000", paidRevenueMinor: "0", commissionMinor: "500" },
      },
      {
        day: "2026-03-01",
        currency: "USD",
        stored: { revenueMinor: "7000", paidRevenueMinor: "7000", commissionMinor: String(marchStripes) },
        recomputed: { revenueMinor: "7000", paidRevenueMinor: "7000", commissionMinor: "700" },
      },
    ]);
    expect(await rebuildReportDays(shop.id)).toBe(2);
    expect(await findReportDayDifferences(shop.id)).toEqual([]);
  });

  it("lets two transactions add orders of one shop and day at once: each adds to its own stripe of the day", async () => {
    const { shop, creators, deals } = await seedShop("UTC", false);
    const clients: pg.Client[] = [];
    const connect = async () => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      clients.push(client);
      const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      return { client, stripe: rows[0].pid % 16 };
    };
    const addOrder = (client: pg.Client, creator: number) =>
      client.query(
        `INSERT INTO "AttributedOrder" ("shopId", "shopifyOrderId", "orderName", "creatorId", "dealId", "attributionSource", "currency",
          "subtotalMinor", "orderedAt", "paidAt", "orderState", "updatedAt")
         VALUES ($1, $2, '#1', $3, $4, 'referral', 'USD', 1000, '2026-03-10T12:00:00Z', '2026-03-10T12:00:00Z', '{}', now())`,
        [shop.id, `stripe-${creator}`, creators[creator].id, deals[creator][0]],
      );
    try {
      const first = await connect();
      // A second connection whose backend falls in another stripe (pids are not chosen by us).
      let second = await connect();
      while (second.stripe === first.stripe) second = await connect();
      await first.client.query("BEGIN");
      await addOrder(first.client, 0);
      await second.client.query("BEGIN");
      // With one row per shop and day, this would wait for the first transaction's commit.
      await second.client.query("SET LOCAL lock_timeout = '2s'");
      await addOrder(second.client, 1);
      await second.client.query("COMMIT");
      await first.client.query("COMMIT");
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
    const days = await db().reportDay.findMany({ where: { shopId: shop.id } });
    expect(days).toHaveLength(2);
    expect(days.reduce((sum, day) => sum + day.revenueMinor, 0n)).toBe(2000n);
    expect(await findReportDayDifferences(shop.id)).toEqual([]);
  });
});
