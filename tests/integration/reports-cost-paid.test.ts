// Reports: the period's creator cost split into paid and owed — paid is what paid payouts carried
// of that period's commissions, fees and adjustments; owed is the rest. Shop-scoped.
import { describe, expect, it } from "vitest";
import { createPayout } from "~/payouts/create-payout.server";
import { markPayoutPaidOffline } from "~/payouts/mark-payout-paid-offline.server";
import { createCreator, createInstalledShop, givePayable, MIA } from "../support/factories";
import { readPeriodCostPaid } from "~/reports/read-cost-paid.server";
import { readReport } from "~/reports/read-report.server";
import { costSettlement, reportFigures } from "~/reports/report-definitions";
import { adminFetch } from "../support/shopify-session";
import { useTestApp } from "../support/test-app";

const app = useTestApp();

const today = new Date().toISOString().slice(0, 10);
// The testkit's commissions are on orders of 2025-12-01; its fees and adjustments are made now.
const SINCE_DECEMBER = { from: "2025-12-01", to: today };

async function shopWithOnePaidPayout() {
  const shop = await createInstalledShop();
  const ava = await createCreator(shop.id, "Ava Ames");
  await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 12_000 });
  await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor: 30_000 });
  await givePayable(shop.id, ava.id, { kind: "adjustment", amountMinor: 5_000 });
  const payout = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });
  await markPayoutPaidOffline(shop.id, payout.payoutId, MIA, { method: "Bank transfer", reference: "WIRE-1", paidOn: today });
  // Earned after the payout: owed.
  await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor: 20_000 });
  return {
    shop,
    ava,
    reportShop: { id: shop.id, currency: "USD", timezone: shop.timezone, countPaidOrdersOnly: shop.countPaidOrdersOnly },
  };
}

describe("creator cost paid and owed", () => {
  it("splits the period's cost into what paid payouts carried and the rest", async () => {
    const { reportShop } = await shopWithOnePaidPayout();
    // Another shop's paid payout never counts.
    await shopWithOnePaidPayout();
    const report = await readReport(reportShop, { period: SINCE_DECEMBER, groupBy: "creator", sort: "revenue", direction: "desc" });
    const cost = reportFigures(report.totals).costMinor;
    expect(cost).toBe(12_000 + 30_000 + 5_000 + 20_000);
    const paid = await readPeriodCostPaid(reportShop, { period: SINCE_DECEMBER });
    expect(paid).toEqual([{ currency: "USD", amountMinor: 47_000 }]);
    expect(costSettlement(cost, paid, "USD")).toEqual({ paidMinor: 47_000, owedMinor: 20_000 });
  });

  it("counts only the cost that arose in the period, and only the chosen campaign's", async () => {
    const { reportShop, ava } = await shopWithOnePaidPayout();
    // Only the commission's order is in December 2025: its 120.00 was paid.
    expect(await readPeriodCostPaid(reportShop, { period: { from: "2025-12-01", to: "2025-12-31" } })).toEqual([
      { currency: "USD", amountMinor: 12_000 },
    ]);
    expect(await readPeriodCostPaid(reportShop, { period: { from: "2025-11-01", to: "2025-11-30" } })).toEqual([]);
    expect(await readPeriodCostPaid(reportShop, { period: SINCE_DECEMBER, campaignId: "cmp_none" })).toEqual([]);
    expect(await readPeriodCostPaid(reportShop, { period: SINCE_DECEMBER, creatorId: ava.id })).toEqual([
      { currency: "USD", amountMinor: 47_000 },
    ]);
  });

  it("shows the split on the Reports screen", async () => {
    const { shop } = await shopWithOnePaidPayout();
    const response = await adminFetch(
      app.url,
      shop.domain,
      `/app/reports?period=custom&from=${SINCE_DECEMBER.from}&to=${SINCE_DECEMBER.to}`,
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Of the creator cost in USD: $470.00 paid · $200.00 owed");
  });
});
