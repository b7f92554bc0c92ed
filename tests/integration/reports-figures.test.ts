// Reports figures against hand-computed expectations: refunds, clawbacks, a reversed commission,
// fees (one canceled, one in EUR), adjustments (one negative, one in EUR), clicks, test, unpaid
// and cancelled orders, and the shop's time zone at the period's edge.
import type { Shop } from "@prisma/client";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { addFixedFee } from "~/fees/add-fixed-fee.server";
import { cancelFixedFee } from "~/fees/cancel-fixed-fee.server";
import { postAdjustment } from "~/adjustments/post-adjustment.server";
import { readReport, readReportTotals, type ReportShop } from "~/reports/read-report.server";
import { readReportSeries } from "~/reports/read-report-series.server";
import { findCommissionCostDifferences, rebuildCommissionCosts } from "~/reports/commission-costs.server";
import { addSums, costMinor, displayFigures, reportFigures, type ReportSums } from "~/reports/report-definitions";
import { MIA, createCreator } from "../support/deal-fixtures";
import { seedClicks, seedOrder } from "../support/reports.testkit";
import { useTestDatabase } from "../support/test-database";
import { createShop } from "../support/factories";

beforeAll(async () => {
  await useTestDatabase();
});

const MARCH = { from: "2026-03-01", to: "2026-03-31" };

const createNewYorkShop = (changes: Partial<Shop> = {}) => createShop({ timezone: "America/New_York", ...changes });
const reportShop = (shop: Shop): ReportShop => ({
  id: shop.id,
  currency: shop.currency.trim(),
  timezone: shop.timezone,
  countPaidOrdersOnly: shop.countPaidOrdersOnly,
});

async function backdate(table: "fixedFee" | "adjustment", id: string, at: string) {
  if (table === "fixedFee") await db().fixedFee.update({ where: { id }, data: { createdAt: new Date(at) } });
  else await db().adjustment.update({ where: { id }, data: { createdAt: new Date(at) } });
}

async function seedMarch() {
  const shop = await createNewYorkShop();
  const ava = await createCreator(shop.id, "Ava Stone");
  const ben = await createCreator(shop.id, "Ben Ray");
  const spring = await db().campaign.create({ data: { shopId: shop.id, name: "Spring", budgetMinor: 50000n, currency: "USD" } });
  const avaDeal = await db().deal.create({ data: { shopId: shop.id, creatorId: ava.id, title: "Spring reels", campaignId: spring.id } });
  const benDeal = await db().deal.create({ data: { shopId: shop.id, creatorId: ben.id, title: "Affiliate" } });

  // Ava: $100 refunded $40 after approval (commission $10, clawback $4); $50 held ($5).
  await seedOrder(shop.id, {
    creatorId: ava.id,
    dealId: avaDeal.id,
    subtotalMinor: 10000,
    refundedMinor: 4000,
    orderedAt: "2026-03-05T15:00:00Z",
    isNewCustomer: true,
    commissionMinor: 1000,
    approved: true,
    clawbackMinor: 400,
  });
  await seedOrder(shop.id, {
    creatorId: ava.id,
    dealId: avaDeal.id,
    subtotalMinor: 5000,
    orderedAt: "2026-03-31T23:30:00-04:00",
    commissionMinor: 500,
  });
  // 03:00 UTC on March 1st is still February 28th in New York: not in March.
  await seedOrder(shop.id, {
    creatorId: ava.id,
    dealId: avaDeal.id,
    subtotalMinor: 3000,
    orderedAt: "2026-03-01T03:00:00Z",
    commissionMinor: 300,
  });
  // Ben: $200 new customer ($20); a test order, an unpaid order, a cancelled order reversed in the hold.
  await seedOrder(shop.id, {
    creatorId: ben.id,
    dealId: benDeal.id,
    subtotalMinor: 20000,
    orderedAt: "2026-03-10T12:00:00Z",
    isNewCustomer: true,
    commissionMinor: 2000,
  });
  await seedOrder(shop.id, { creatorId: ben.id, dealId: benDeal.id, subtotalMinor: 8000, orderedAt: "2026-03-11T12:00:00Z", isTest: true });
  await seedOrder(shop.id, { creatorId: ben.id, dealId: benDeal.id, subtotalMinor: 4000, orderedAt: "2026-03-12T12:00:00Z", paid: false });
  await seedOrder(shop.id, {
    creatorId: ben.id,
    dealId: benDeal.id,
    subtotalMinor: 6000,
    orderedAt: "2026-03-13T12:00:00Z",
    cancelled: true,
    commissionMinor: 600,
    reversed: true,
  });

  const avaFee = await addFixedFee(shop.id, { dealId: avaDeal.id, amount: "150.00", comment: "Two reels" }, MIA);
  await backdate("fixedFee", avaFee.feeId, "2026-03-10T12:00:00Z");
  const benEuroFee = await addFixedFee(shop.id, { dealId: benDeal.id, amount: "50.00", currency: "EUR", comment: "Story" }, MIA);
  await backdate("fixedFee", benEuroFee.feeId, "2026-03-12T12:00:00Z");
  const benCanceled = await addFixedFee(shop.id, { dealId: benDeal.id, amount: "30.00", comment: "Canceled post" }, MIA);
  await cancelFixedFee(shop.id, benCanceled.feeId, MIA);
  await backdate("fixedFee", benCanceled.feeId, "2026-03-14T12:00:00Z");
  const avaCorrection = await postAdjustment(
    shop.id,
    { creatorId: ava.id, dealId: avaDeal.id, amount: "-2.00", reason: "Correction" },
    MIA,
  );
  await backdate("adjustment", avaCorrection.adjustmentId, "2026-03-15T12:00:00Z");
  const benBonus = await postAdjustment(shop.id, { creatorId: ben.id, amount: "10.00", currency: "EUR", reason: "Bonus" }, MIA);
  await backdate("adjustment", benBonus.adjustmentId, "2026-03-20T12:00:00Z");

  await seedClicks(shop.id, ava.id, "2026-03-04", 3);
  await seedClicks(shop.id, ava.id, "2026-03-31", 1);
  await seedClicks(shop.id, ava.id, "2026-02-28", 5);
  return { shop, ava, ben, spring };
}

const sums = (partial: Partial<ReportSums>): ReportSums => ({ ...addSums([]), ...partial });

describe("report figures", () => {
  it("adds up a month by creator: revenue net of refunds, cost net of clawbacks, other currencies apart", async () => {
    const { shop, ava, ben } = await seedMarch();
    const report = await readReport(reportShop(shop), { period: MARCH, groupBy: "creator", sort: "revenue", direction: "desc" });
    expect(report.rowCount).toBe(2);
    const avaSums = sums({
      orders: 2,
      newCustomerOrders: 1,
      revenueMinor: 6000 + 5000,
      commissionMinor: 600 + 500,
      feesMinor: 15000,
      adjustmentsMinor: -200,
      clicks: 4,
    });
    const benSums = sums({
      orders: 1,
      newCustomerOrders: 1,
      revenueMinor: 20000,
      commissionMinor: 2000,
      clicks: 0,
      otherCurrencyCosts: [{ currency: "EUR", amountMinor: 5000 + 1000 }],
    });
    expect(report.rows).toEqual([
      { key: ben.id, name: "Ben Ray", sums: benSums },
      { key: ava.id, name: "Ava Stone", sums: avaSums },
    ]);
    expect(report.totals).toEqual(
      sums({
        orders: 3,
        newCustomerOrders: 2,
        revenueMinor: 31000,
        commissionMinor: 3100,
        feesMinor: 15000,
        adjustmentsMinor: -200,
        clicks: 4,
        otherCurrencyCosts: [{ currency: "EUR", amountMinor: 6000 }],
      }),
    );

    const avaShown = displayFigures(reportFigures(avaSums), "USD");
    // cost 159.00; profit 110.00 − 159.00 = −49.00; ROI −49/159 = −30.82 %; CPA 159/2.
    expect(avaShown).toMatchObject({
      revenue: "$110.00",
      cost: "$159.00",
      profit: "-$49.00",
      roi: "-30.8 %",
      cpa: "$79.50",
      conversion: "50.0 %",
      newCustomerShare: "50.0 %",
      averageOrderValue: "$55.00",
      otherCurrencyCost: "—",
    });
    const benShown = displayFigures(reportFigures(benSums), "USD");
    expect(benShown).toMatchObject({ cost: "$20.00", roi: "900.0 %", cpa: "$20.00", conversion: "—", otherCurrencyCost: "€60.00" });
  });

  it("groups the same money by campaign with the same totals, clicks not attributable", async () => {
    const { shop, spring } = await seedMarch();
    const byCampaign = await readReport(reportShop(shop), { period: MARCH, groupBy: "campaign", sort: "name", direction: "asc" });
    expect(byCampaign.rows.map((row) => [row.key, row.name])).toEqual([
      ["", "No campaign"],
      [spring.id, "Spring"],
    ]);
    expect(byCampaign.rows[1].sums).toEqual(
      sums({
        orders: 2,
        newCustomerOrders: 1,
        revenueMinor: 11000,
        commissionMinor: 1100,
        feesMinor: 15000,
        adjustmentsMinor: -200,
        clicks: null,
      }),
    );
    const byCreator = await readReport(reportShop(shop), { period: MARCH, groupBy: "creator", sort: "name", direction: "asc" });
    expect({ ...byCampaign.totals, clicks: 0 }).toEqual({ ...byCreator.totals, clicks: 0 });

    const springOnly = await readReportTotals(reportShop(shop), MARCH, { campaignId: spring.id });
    expect(costMinor(springOnly)).toBe(15900);
  });

  it("keeps the commission-cost aggregate equal to a recompute from the ledger, through reattribution", async () => {
    const { shop, ava, ben } = await seedMarch();
    expect(await findCommissionCostDifferences(shop.id)).toEqual([]);
    const stored = await db().commissionCost.findMany({ where: { shopId: shop.id }, orderBy: [{ orderedAt: "asc" }] });
    // Seven orders, five with a commission: 10 − 4 clawed back, 5, 3, 20, and 6 reversed to 0.
    expect(stored.map((row) => Number(row.amountMinor))).toEqual([300, 600, 2000, 0, 500]);

    // An order moved from Ava to Ben (manual assignment) moves its cost with it.
    const order = await db().attributedOrder.findFirstOrThrow({ where: { shopId: shop.id, creatorId: ava.id, subtotalMinor: 5000n } });
    await db().attributedOrder.update({ where: { id: order.id }, data: { creatorId: ben.id, dealId: null } });
    expect(await findCommissionCostDifferences(shop.id)).toEqual([]);
    const report = await readReport(reportShop(shop), { period: MARCH, groupBy: "creator", sort: "name", direction: "asc" });
    expect(report.rows.find((row) => row.key === ben.id)?.sums).toMatchObject({ orders: 2, revenueMinor: 25000, commissionMinor: 2500 });

    // A lost or wrong row is found, and the rebuild restores the figures.
    await db().commissionCost.updateMany({ where: { shopId: shop.id, amountMinor: 2000n }, data: { amountMinor: 1n } });
    expect(await findCommissionCostDifferences(shop.id)).toHaveLength(1);
    expect(await rebuildCommissionCosts(shop.id)).toBe(5);
    expect(await findCommissionCostDifferences(shop.id)).toEqual([]);
  });

  it("finds nothing in an empty period and says — rather than 0 for ratios", async () => {
    const { shop } = await seedMarch();
    const report = await readReport(reportShop(shop), {
      period: { from: "2025-01-01", to: "2025-01-31" },
      groupBy: "creator",
      sort: "revenue",
      direction: "desc",
    });
    expect(report).toEqual({ rows: [], rowCount: 0, totals: sums({ clicks: 0 }) });
    expect(displayFigures(reportFigures(report.totals), "USD")).toMatchObject({
      roi: "—",
      cpa: "—",
      conversion: "—",
      averageOrderValue: "—",
      newCustomerShare: "—",
    });
  });

  it("charts revenue and shop-currency cost per day, summing to the table's totals", async () => {
    const { shop } = await seedMarch();
    const series = await readReportSeries(reportShop(shop), MARCH);
    expect(series.points).toHaveLength(31);
    expect(series.points.reduce((s, p) => s + Number(p.revenueMinor), 0)).toBe(31000);
    expect(series.points.reduce((s, p) => s + Number(p.costMinor), 0)).toBe(3100 + 15000 - 200);
    expect(series.points.find((p) => p.bucket === "2026-03-31")).toEqual({ bucket: "2026-03-31", revenueMinor: 5000, costMinor: 500 });
  });

  it("keeps totals equal to the sum of rows, and creator and campaign groupings agree (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            creator: fc.integer({ min: 0, max: 3 }),
            campaign: fc.integer({ min: 0, max: 2 }),
            subtotalMinor: fc.integer({ min: 1, max: 100_000 }),
            refundedShare: fc.integer({ min: 0, max: 100 }),
            commissionMinor: fc.integer({ min: 0, max: 5_000 }),
            day: fc.integer({ min: 1, max: 28 }),
            isNewCustomer: fc.boolean(),
            feeMinor: fc.integer({ min: 0, max: 20_000 }),
          }),
          { maxLength: 12 },
        ),
        fc.integer({ min: 1, max: 3 }),
        async (orders, pageSize) => {
          const shop = await createShop({ timezone: "UTC" });
          const creators = await Promise.all([0, 1, 2, 3].map((i) => createCreator(shop.id, `Creator ${i}`)));
          const campaigns = await Promise.all(
            [0, 1].map((i) => db().campaign.create({ data: { shopId: shop.id, name: `Campaign ${i}` } })),
          );
          const deals = new Map<string, string>();
          const dealFor = async (creator: number, campaign: number) => {
            const key = `${creator}:${campaign}`;
            if (!deals.has(key)) {
              const deal = await db().deal.create({
                data: { shopId: shop.id, creatorId: creators[creator].id, title: key, campaignId: campaigns[campaign]?.id ?? null },
              });
              deals.set(key, deal.id);
            }
            return deals.get(key)!;
          };
          for (const order of orders) {
            const dealId = await dealFor(order.creator, order.campaign);
            const orderedAt = `2026-03-${String(order.day).padStart(2, "0")}T12:00:00Z`;
            await seedOrder(shop.id, {
              creatorId: creators[order.creator].id,
              dealId,
              subtotalMinor: order.subtotalMinor,
              refundedMinor: Math.floor((order.subtotalMinor * order.refundedShare) / 100),
              orderedAt,
              isNewCustomer: order.isNewCustomer,
              commissionMinor: order.commissionMinor,
            });
            if (order.feeMinor > 0) {
              const fee = await addFixedFee(shop.id, { dealId, amount: (order.feeMinor / 100).toFixed(2), comment: "Post" }, MIA);
              await backdate("fixedFee", fee.feeId, orderedAt);
            }
          }
          expect(await findCommissionCostDifferences(shop.id)).toEqual([]);
          const all = (groupBy: "creator" | "campaign") =>
            readReport(reportShop(shop), { period: MARCH, groupBy, sort: "cost", direction: "desc" });
          const [byCreator, byCampaign] = await Promise.all([all("creator"), all("campaign")]);
          for (const report of [byCreator, byCampaign]) {
            const rowSums = addSums(report.rows.map((row) => row.sums));
            expect({ ...rowSums, clicks: report.totals.clicks }).toEqual(report.totals);
          }
          expect({ ...byCampaign.totals, clicks: 0 }).toEqual({ ...byCreator.totals, clicks: 0 });
          // Pages partition the rows in the sort order.
          const paged = [];
          for (let offset = 0; offset < byCreator.rowCount; offset += pageSize) {
            const page = await readReport(reportShop(shop), {
              period: MARCH,
              groupBy: "creator",
              sort: "cost",
              direction: "desc",
              page: { limit: pageSize, offset },
            });
            paged.push(...page.rows);
          }
          expect(paged).toEqual(byCreator.rows);
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});
