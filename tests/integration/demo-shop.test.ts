// The demo shop's figures, computed by hand from the seed (app/demo/seed-demo-shop.server.ts),
// against what Home reads from the ledger with SQL sums.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { DEMO_SHOP_DOMAIN } from "~/demo/demo-mode.server";
import { seedDemoShop } from "~/demo/seed-demo-shop.server";
import { getHomeSummary } from "~/home/get-home-summary.server";
import { listCreators } from "~/creators/list-creators.server";
import { listPayouts } from "~/payouts/read-payout.server";
import { getCampaign, listCampaigns } from "~/campaigns/campaigns.server";
import { listPayoutRequests } from "~/payout-requests/list-payout-requests.server";
import { getPayoutRun, listPayoutRuns } from "~/payout-runs/read-payout-runs.server";
import { getDealPage } from "~/deal-page/get-deal-page.server";
import { loadReport } from "~/reports/load-report.server";
import { readOfflinePayoutCandidates } from "~/documents/read-offline-payout-candidates.server";
import { planPaypalPayouts } from "~/documents/paypal-payouts-csv";
import { buildSepaCreditTransfer, planSepaTransfers } from "~/documents/sepa-credit-transfer";
import { useTestDatabase } from "../support/test-database";

const DAY = 24 * 60 * 60 * 1000;

function sameMonth(a: Date, b: Date, timeZone: string) {
  const month = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" });
  return month.format(a) === month.format(b);
}

describe("the demo shop", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  it("is seeded once, deterministically", async () => {
    const first = await seedDemoShop();
    const second = await seedDemoShop();
    expect(first.created).toBe(true);
    expect(second).toEqual({ created: false, shopId: first.shopId });
    expect(await db().creator.count({ where: { shopId: first.shopId } })).toBe(8 + 24);
  });

  it("shows on Home the balances a finance team would compute by hand", async () => {
    const shop = await db().shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP_DOMAIN } });
    const summary = await getHomeSummary(shop);
    const usd = summary.figures.find((f) => f.currency === "USD")!;
    const eur = summary.figures.find((f) => f.currency === "EUR")!;
    expect(summary.figures[0].currency).toBe("USD"); // the shop currency first

    // Payable: Ava 12.00 + 9.95 + 500.00 fee; Ben 0 (reserved); Carla 27.50 (canceled payout) + 25.00.
    expect(usd.payableMinor).toBe(1200 + 995 + 50000 + 2750 + 2500);
    // Held: Ava 15.60 + 8.80, Ben 6.40, Carla 5.40, extras 4.00 + 5.30 + 7.90 + 9.20 + 10.50 + 11.80.
    expect(usd.heldMinor).toBe(1560 + 880 + 640 + 540 + 400 + 530 + 790 + 920 + 1050 + 1180);
    expect(usd.gatedMinor).toBe(30000);
    // Ben's ready payout, Carla's draft, Ava's failed Stripe payout.
    expect(usd.inPayoutMinor).toBe(1420 + 1180 + 1600 + 1400);
    expect(usd.dueNowMinor).toBe(1420 + 1180);
    expect(usd.failedMinor).toBe(1400);
    expect(usd.requestedMinor).toBe(50000);
    const today = new Date();
    today.setUTCHours(12, 0, 0, 0);
    const now = new Date();
    const paid =
      (sameMonth(new Date(today.getTime() - 2 * DAY), now, shop.timezone) ? 1890 + 2450 : 0) +
      (sameMonth(new Date(today.getTime() - 20 * DAY), now, shop.timezone) ? 3000 : 0);
    expect(usd.paidThisMonthMinor).toBe(paid);
    expect(eur).toMatchObject({ payableMinor: 0, inPayoutMinor: 80000, heldMinor: 0, dueNowMinor: 80000 });

    expect(summary.alerts.map((a) => a.id).sort()).toEqual(["failed_payouts", "payout_details_missing", "requests_waiting"]);
    expect(summary.alerts.find((a) => a.id === "payout_details_missing")!.title).toBe("1 creator is missing payout details");
  });

  it("pages through creators by name with exact cursors", async () => {
    const shop = await db().shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP_DOMAIN } });
    const first = await listCreators(shop.id, { query: "", sort: "name" });
    expect(first.rows).toHaveLength(25);
    expect(first.previousCursor).toBeNull();
    const second = await listCreators(shop.id, { query: "", sort: "name", after: first.nextCursor! });
    expect(second.rows).toHaveLength(7);
    expect(second.nextCursor).toBeNull();
    const back = await listCreators(shop.id, { query: "", sort: "name", before: second.previousCursor! });
    expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    const missing = await listCreators(shop.id, { query: "", sort: "name", details: "missing" });
    expect(missing.rows.map((r) => r.payoutDetailsStatus)).not.toContain("complete");
    expect(missing.rows.map((r) => r.name)).toContain("Carla Mendes");
    const names = [...first.rows, ...second.rows].map((r) => r.name);
    expect(names).toEqual([...names].sort());
  });

  it("tells one story: things happen in order and nothing has happened in the future", async () => {
    const shop = await db().shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP_DOMAIN } });
    const at = new Date();
    const wrong: string[] = [];
    const inOrder = (what: string, ...dates: (Date | null | undefined)[]) => {
      const known = dates.filter((d): d is Date => !!d);
      for (let i = 1; i < known.length; i++)
        if (known[i - 1] > known[i]) wrong.push(`${what}: ${known.map((d) => d.toISOString()).join(" > ")}`);
    };

    const payouts = await db().payout.findMany({ where: { shopId: shop.id }, include: { items: { include: { payableItem: true } } } });
    for (const p of payouts) {
      const label = `payout ${p.invoiceLabel ?? p.id} (${p.status})`;
      inOrder(label, p.createdAt, p.approvedAt, p.paidAt, at);
      inOrder(label, p.createdAt, p.canceledAt, at);
      // Money is in a payout only once it is payable (after the hold, after the deliverable).
      for (const item of p.items) inOrder(`${label} item`, item.payableItem.payableSince, p.createdAt);
    }
    // Invoice numbers follow the dates the payouts were made.
    const numbered = payouts.filter((p) => p.invoiceNumber !== null).sort((a, b) => a.invoiceNumber! - b.invoiceNumber!);
    inOrder("invoice numbers", ...numbered.map((p) => p.createdAt));

    const commissions = await db().commission.findMany({ where: { shopId: shop.id }, include: { order: true } });
    for (const c of commissions) inOrder(`commission on ${c.order.orderName}`, c.order.paidAt, c.createdAt, c.approvedAt, at);
    const creators = new Map((await db().creator.findMany({ where: { shopId: shop.id } })).map((c) => [c.id, c]));
    for (const c of commissions)
      inOrder(`order ${c.order.orderName} of a creator added later`, creators.get(c.creatorId)!.createdAt, c.order.orderedAt);

    for (const fee of await db().fixedFee.findMany({ where: { shopId: shop.id }, include: { deal: true } })) {
      inOrder(`fee ${fee.comment}`, fee.deal.createdAt, fee.createdAt, at);
    }
    const deals = await db().deal.findMany({ where: { shopId: shop.id } });
    for (const deal of deals) inOrder(`deal ${deal.title}`, creators.get(deal.creatorId)!.createdAt, deal.createdAt);
    for (const r of await db().payoutRequest.findMany({ where: { shopId: shop.id } })) inOrder("payout request", r.createdAt, at);

    // The history: every movement at or after what it moves was created, none in the future.
    const created = new Map<string, Date>([
      ...payouts.map((p) => [p.id, p.createdAt] as const),
      ...commissions.map((c) => [c.id, c.createdAt] as const),
      ...(await db().fixedFee.findMany({ where: { shopId: shop.id } })).map((f) => [f.id, f.createdAt] as const),
      ...(await db().adjustment.findMany({ where: { shopId: shop.id } })).map((a) => [a.id, a.createdAt] as const),
    ]);
    for (const t of await db().ledgerTransaction.findMany({ where: { shopId: shop.id } })) {
      inOrder(`ledger ${t.kind} of ${t.subjectType}`, t.subjectId ? created.get(t.subjectId) : null, t.postedAt, at);
    }
    expect(wrong).toEqual([]);
  });

  it("pays offline creators from their sealed details: the PayPal and SEPA files are not empty", async () => {
    const shop = await db().shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP_DOMAIN } });
    const { candidates, unknownIds } = await readOfflinePayoutCandidates(shop.id, []);
    const paypal = planPaypalPayouts({ shopName: shop.name, currency: "USD", candidates, unknownIds, now: new Date() });
    expect(paypal.payments).toHaveLength(1);
    expect(JSON.stringify(paypal.payments)).toContain("ben.okafor@example.com");
    const sepa = planSepaTransfers({ candidates, unknownIds, now: new Date() });
    expect(sepa.transfers.map((t) => [t.creatorName, t.accountHolder, t.amount])).toEqual([["Hugo Laurent", "Hugo Laurent", "800.00"]]);
    const file = buildSepaCreditTransfer({
      debtor: { name: "Northwind Outfitters", iban: "DE89370400440532013000", bic: null, executionDate: "2099-01-04" },
      transfers: sepa.transfers,
      messageId: "demo-test",
      createdAt: new Date(),
    });
    expect(file.xml).toContain("FR1420041010050500013M02606");
    // Every creator whose details are "complete" and paid offline has details on file.
    const offline = await db().creator.findMany({
      where: { shopId: shop.id, payoutDetailsStatus: "complete", payoutMethod: { in: ["paypal", "bank_transfer"] } },
    });
    expect(offline.length).toBeGreaterThan(2);
    expect(offline.filter((c) => !c.payoutDetailsCiphertext).map((c) => c.name)).toEqual([]);
  });

  it("gives every admin screen something to show", async () => {
    const shop = await db().shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP_DOMAIN } });
    for (const status of ["draft", "ready", "paid", "failed", "canceled"] as const) {
      expect((await listPayouts(shop.id, { status })).payouts.length, `payouts ${status}`).toBeGreaterThan(0);
    }
    expect(await listPayoutRequests(shop.id)).toHaveLength(1);
    const runs = await listPayoutRuns(shop.id);
    expect(runs.map((r) => r.status)).toContain("completed");
    const run = await getPayoutRun(shop.id, runs[0].id);
    expect(run.payouts.map((p) => p.creatorName).sort()).toEqual(["Ben Okafor", "Hugo Laurent"]);
    expect(run.skipped.map((s) => s.creatorName)).toEqual(["Carla Mendes"]);

    const campaigns = await listCampaigns(shop);
    expect(campaigns[0].dealCount).toBeGreaterThan(0);
    const campaign = await getCampaign(shop, campaigns[0].id);
    expect(campaign!.deals.some((d) => d.fees.length > 0)).toBe(true);

    const ava = await db().creator.findFirstOrThrow({ where: { shopId: shop.id, name: "Ava Chen" } });
    const page = await getDealPage(shop.id, ava.id);
    expect(page.deliverables.length).toBeGreaterThan(0);
    expect(page.history.rows.length).toBeGreaterThan(5);
    expect(await db().adjustment.count({ where: { shopId: shop.id } })).toBeGreaterThan(0);

    const report = await loadReport(shop, new URLSearchParams({ period: "last_90_days" }));
    expect(report.ok && report.report.rows.length).toBeGreaterThan(3);
  });
});
