// The merchant's deal page for one creator: profile, deals, fees, deliverables, adjustments,
// balances per currency, commissions by status, attributed orders and the transaction history
// whose remaining balance (a SQL window function) must match a hand computation.
import type { Prisma } from "@prisma/client";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "~/audit/actor";
import { COMMISSION_SUBJECT } from "~/commissions/commission-amounts.server";
import { addDealComment } from "~/deals/add-deal-comment.server";
import { addFixedFee } from "~/fees/add-fixed-fee.server";
import { createDeal } from "~/deals/create-deal.server";
import { createDeliverable } from "~/deliverables/create-deliverable.server";
import { approveDeliverable } from "~/deliverables/decide-deliverable.server";
import { getDealPage } from "~/deal-page/get-deal-page.server";
import { postAdjustment } from "~/adjustments/post-adjustment.server";
import { readTransactionHistory } from "~/deal-page/read-transaction-history.server";
import { approvePayoutRequest } from "~/payout-requests/decide-payout-request.server";
import { requestPayout } from "~/payout-requests/request-payout.server";
import { submitDeliverable } from "~/deliverables/submit-deliverable.server";
import { commissionPlanVersion } from "~/commissions/commission-plan-version.server";
import { db } from "~/db.server";
import { pgPool } from "~/lib/pg-pool.server";
import { listCampaignChoices } from "~/campaigns/campaigns.server";
import { listCreatorDiscounts } from "~/discounts/creator-discounts.server";
import { listPlanChoices } from "~/plans/plans.server";
import { readPlanInEffect } from "~/plans/plan-in-effect.server";
import { readCreatorTaxStatus } from "~/tax-forms/read-creator-tax-status.server";
import { earnCommission, releaseHold, returnToExpense, type LedgerTransactionDraft } from "~/domain/ledger";
import { postLedgerTransaction } from "~/ledger/post-ledger-transaction.server";
import { markPayoutPaidOffline } from "~/payouts/mark-payout-paid-offline.server";
import { createCreator, createShop } from "../support/factories";
import { useTestDatabase } from "../support/test-database";

const MIA: Actor = { type: "staff", id: "staff_mia" };
const SHOPIFY: Actor = { type: "shopify" };
const SYSTEM: Actor = { type: "system" };
const DAY = 24 * 60 * 60 * 1000;

const northwind = () => createShop({ name: "Northwind Outfitters" });
const creatorWithHandle = (shopId: string, name: string) => createCreator(shopId, name, { socialHandle: "@avacooks" });

function post(shopId: string, draft: LedgerTransactionDraft, commissionId: string, action: string, actor: Actor, postedAt: Date) {
  return db().$transaction((tx) =>
    postLedgerTransaction(tx, {
      shopId,
      draft,
      subject: { type: COMMISSION_SUBJECT, id: commissionId },
      action,
      actor,
      postedAt,
      idempotencyKey: `commission:${commissionId}:${action}`,
    }),
  );
}

/** An order credited to the creator and its commission, as the commission engine would leave them. */
async function orderWithCommission(shopId: string, creatorId: string, orderName: string, subtotalMinor: number, orderedAt: Date) {
  const order = await db().attributedOrder.create({
    data: {
      shopId,
      creatorId,
      shopifyOrderId: String(5_500_000_000 + Number(orderName.slice(1))),
      orderName,
      attributionSource: "referral",
      currency: "USD",
      subtotalMinor: BigInt(subtotalMinor),
      eligibleMinor: BigInt(subtotalMinor),
      orderedAt,
      paidAt: orderedAt,
      orderState: {} as Prisma.InputJsonValue,
    },
  });
  const commission = await db().commission.create({
    data: {
      shopId,
      creatorId,
      orderId: order.id,
      currency: "USD",
      planVersionId: await commissionPlanVersion(db(), shopId, { rateBasisPoints: 1000 }),
      holdUntil: new Date(orderedAt.getTime() + 30 * DAY),
    },
  });
  return commission;
}

/**
 * Ava's story, in order, with her payable balance after each step written out by hand:
 *   1. commission earned on #1042 ($18.90, held)           payable     0.00
 *   2. #1042's hold ends: held → payable                    payable    18.90
 *   3. commission earned on #1043 ($24.50, held)            payable    18.90
 *   4. commission earned on #1044 ($10.00, held)            payable    18.90
 *   5. #1044 rejected (fraud): held → expense               payable    18.90
 *   6. fixed fee $500 added (no gate)                       payable   518.90
 *   7. fixed fee $300 added, gated by the TikTok video       payable   518.90
 *   8. adjustment −$12.50                                   payable   506.40
 *   9. video approved: the $300 fee gated → payable          payable   806.40
 *  10. payout request of $600 approved: reserved            payable   206.40
 *  11. the payout paid offline, reference WIRE-2291          payable   206.40
 */
async function avasStory() {
  const shop = await northwind();
  const ava = await creatorWithHandle(shop.id, "Ava Chen");
  const start = new Date(Date.now() - 60 * DAY);
  const at = (days: number) => new Date(start.getTime() + days * DAY);

  const c1042 = await orderWithCommission(shop.id, ava.id, "#1042", 18900, at(0));
  const c1043 = await orderWithCommission(shop.id, ava.id, "#1043", 24500, at(2));
  const c1044 = await orderWithCommission(shop.id, ava.id, "#1044", 10000, at(3));
  const money = (amountMinor: number) => ({ creatorId: ava.id, currency: "USD", amountMinor });
  await post(shop.id, earnCommission(money(1890)), c1042.id, "commission.earned", SHOPIFY, at(0));
  await post(shop.id, releaseHold(money(1890)), c1042.id, "commission.approved", SYSTEM, at(1));
  await db().commission.update({ where: { id: c1042.id }, data: { status: "approved" } });
  await db().payableItem.create({
    data: {
      shopId: shop.id,
      creatorId: ava.id,
      kind: "commission",
      amountMinor: 1890n,
      currency: "USD",
      payableSince: at(1),
      commissionId: c1042.id,
    },
  });
  await post(shop.id, earnCommission(money(2450)), c1043.id, "commission.earned", SHOPIFY, at(2));
  await post(shop.id, earnCommission(money(1000)), c1044.id, "commission.earned", SHOPIFY, at(3));
  await post(
    shop.id,
    returnToExpense({ ...money(1000), kind: "reject_commission", from: "held" }),
    c1044.id,
    "commission.rejected",
    MIA,
    at(4),
  );
  await db().commission.update({ where: { id: c1044.id }, data: { status: "rejected", statusReason: "Order flagged as fraud" } });

  const { dealId } = await createDeal(shop.id, { creatorId: ava.id, title: "Spring launch collaboration" }, MIA);
  await addDealComment(shop.id, dealId, { body: "Video due on Friday." }, MIA);
  const { deliverableId } = await createDeliverable(shop.id, dealId, { title: "TikTok: spring trail run", dueOn: "2026-05-31" }, MIA);
  const reel = await addFixedFee(shop.id, { dealId, amount: "500", comment: "Instagram reel, 1 post" }, MIA);
  const video = await addFixedFee(shop.id, { dealId, amount: "300", comment: "TikTok video", deliverableId }, MIA);
  const correction = await postAdjustment(shop.id, { creatorId: ava.id, amount: "-12.50", reason: "Correction: duplicate sample" }, MIA);
  await submitDeliverable(
    shop.id,
    deliverableId,
    { contentUrl: "https://www.tiktok.com/@avacooks/video/1" },
    { type: "creator", id: ava.id },
  );
  await approveDeliverable(shop.id, deliverableId, { note: "Great energy!" }, MIA);
  const { requestId } = await requestPayout(
    shop.id,
    { creatorId: ava.id, amount: "600", currency: "USD", comment: "Spring fees" },
    "creator",
    {
      type: "creator",
      id: ava.id,
    },
  );
  const { payoutId } = await approvePayoutRequest(shop.id, requestId, MIA);
  const today = new Date().toISOString().slice(0, 10);
  await markPayoutPaidOffline(shop.id, payoutId, MIA, { method: "Bank transfer", reference: "WIRE-2291", paidOn: today });
  return { shop, ava, dealId, deliverableId, reel, video, correction, requestId, payoutId, commissions: { c1042, c1043, c1044 } };
}

describe("the deal page", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  it("shows the transaction history newest first, with who, how much, how and the remaining payable balance", async () => {
    const { shop, ava } = await avasStory();
    // Another creator's money never shows on Ava's page.
    const ben = await creatorWithHandle(shop.id, "Ben Okafor");
    const { dealId: bensDeal } = await createDeal(shop.id, { creatorId: ben.id, title: "Ben's run" }, MIA);
    await addFixedFee(shop.id, { dealId: bensDeal, amount: "999", comment: "Not Ava's" }, MIA);

    const page = await getDealPage(shop.id, ava.id);
    const rows = page.history.rows.map((r) => [r.description, r.who.label, r.amountMinor, r.movedMinor, r.payableAfterMinor]);
    expect(rows).toEqual([
      ["Paid offline (WIRE-2291)", "Staff (staff_mia)", -60000, null, 20640],
      ["Reserved for payout CP-00001", "Staff (staff_mia)", 0, 60000, 20640],
      ["Fixed fee approved with its deliverable (TikTok video)", "Staff (staff_mia)", 0, 30000, 80640],
      ["Adjustment: Correction: duplicate sample", "Staff (staff_mia)", -1250, null, 50640],
      ["Fixed fee added (TikTok video)", "Staff (staff_mia)", 30000, null, 51890],
      ["Fixed fee added (Instagram reel, 1 post)", "Staff (staff_mia)", 50000, null, 51890],
      ["Commission on #1044 rejected", "Staff (staff_mia)", -1000, null, 1890],
      ["Commission earned on #1044", "Shopify", 1000, null, 1890],
      ["Commission earned on #1043", "Shopify", 2450, null, 1890],
      ["Commission on #1042 approved at the end of the hold", "Creator Payouts (automatic)", 0, 1890, 1890],
      ["Commission earned on #1042", "Shopify", 1890, null, 0],
    ]);
    expect(page.history.nextCursor).toBeNull();
    const times = page.history.rows.map((r) => r.postedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("pages the history by cursor without changing the balances shown", async () => {
    const { shop, ava } = await avasStory();
    const all = (await getDealPage(shop.id, ava.id)).history.rows;
    const seen: typeof all = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await getDealPage(shop.id, ava.id, { historyCursor: cursor, historyPageSize: 4 });
      expect(page.history.rows.length).toBeLessThanOrEqual(4);
      seen.push(...page.history.rows);
      cursor = page.history.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(all);

    await expect(getDealPage(shop.id, ava.id, { historyCursor: "not-a-cursor" })).rejects.toMatchObject({ code: "invalid_input" });
    // The reader is usable on its own (e.g. for a "load more" route) in any transaction.
    const firstTwo = await db().$transaction((tx) => readTransactionHistory(tx, shop.id, ava, { pageSize: 2 }));
    expect(firstTwo.rows.map((r) => r.payableAfterMinor)).toEqual([20640, 20640]);
  });

  it("shows balances per currency, paid and lifetime earnings", async () => {
    const { shop, ava } = await avasStory();
    const page = await getDealPage(shop.id, ava.id);
    expect(page.balances).toEqual([
      {
        currency: "USD",
        heldMinor: 2450,
        gatedMinor: 0,
        payableMinor: 20640,
        inPayoutMinor: 0,
        paidMinor: 60000,
        // 18.90 + 24.50 + 500 + 300 − 12.50 (the rejected #1044 earns nothing)
        lifetimeEarningsMinor: 83090,
      },
    ]);
  });

  it("shows commissions by status with their ledger amounts, and the attributed orders", async () => {
    const { shop, ava, commissions } = await avasStory();
    const page = await getDealPage(shop.id, ava.id);
    // #1042 went into the paid payout with the fees, so it is paid.
    expect(page.commissions).toEqual([
      { status: "held", currency: "USD", count: 1, amountMinor: 2450 },
      { status: "paid", currency: "USD", count: 1, amountMinor: 1890 },
      { status: "rejected", currency: "USD", count: 1, amountMinor: 0 },
    ]);
    expect(page.orders.map((o) => [o.orderName, o.commission?.status, o.commission?.amountMinor])).toEqual([
      ["#1044", "rejected", 0],
      ["#1043", "held", 2450],
      ["#1042", "paid", 1890],
    ]);
    expect(page.orders[2].commission?.id).toBe(commissions.c1042.id);
  });

  it("shows the profile, deals with comments, fees, deliverables, adjustments and requests", async () => {
    const { shop, ava, dealId, deliverableId, reel, video, correction, requestId, payoutId } = await avasStory();
    const page = await getDealPage(shop.id, ava.id);
    expect(page.creator).toMatchObject({
      id: ava.id,
      name: "Ava Chen",
      socialHandle: "@avacooks",
      status: "active",
      invitationAccepted: false,
    });
    expect(page.deals).toMatchObject([
      { id: dealId, title: "Spring launch collaboration", comments: [{ author: "staff_mia", body: "Video due on Friday." }] },
    ]);
    expect(page.fixedFees.map((f) => [f.id, f.status, f.amountMinor])).toEqual([
      [video.feeId, "approved", 30000], // partly paid: the rest of it is still payable
      [reel.feeId, "paid", 50000],
    ]);
    expect(page.deliverables).toMatchObject([
      {
        id: deliverableId,
        status: "approved",
        dueOn: "2026-05-31",
        submissions: [{ contentUrl: "https://www.tiktok.com/@avacooks/video/1" }],
        decisions: [{ decision: "approved", note: "Great energy!" }],
      },
    ]);
    expect(page.adjustments).toMatchObject([{ id: correction.adjustmentId, amountMinor: -1250, reason: "Correction: duplicate sample" }]);
    expect(page.payoutRequests).toMatchObject([{ id: requestId, status: "approved", payoutId, amountMinor: 60000, origin: "creator" }]);
  });

  it("reads the whole page in one named statement: no transaction's round trips, no re-planning", async () => {
    const { shop, ava } = await avasStory();
    const query = vi.spyOn(pgPool(), "query");
    try {
      const first = await getDealPage(shop.id, ava.id);
      const second = await getDealPage(shop.id, ava.id, { historyCursor: first.history.nextCursor, historyPageSize: 4 });
      expect(first.history.rows.length).toBeGreaterThan(4);
      expect(second.history.rows.length).toBe(4);
      // Balances, history and lists come from one statement a page (one snapshot), sent by name
      // so PostgreSQL plans it once per connection (Prisma's statements do not go through pool.query).
      expect(query).toHaveBeenCalledTimes(2);
      const names = query.mock.calls.map(([config]) => (config as unknown as { name?: string }).name);
      expect(names.every((name) => typeof name === "string" && name.startsWith("deal-page-"))).toBe(true);
    } finally {
      query.mockRestore();
    }
  });

  it("reads the plan and campaign choices, plan in effect, codes and tax form in its statement, as their own readers list them", async () => {
    const { shop, ava } = await avasStory();
    const other = await northwind();
    const plan = (name: string, shopId = shop.id) =>
      db().commissionPlan.create({ data: { shopId, name, kind: "percentage", rateBasisPoints: 1000 } });
    const standard = await plan("Standard");
    await plan("VIP");
    await plan("Affiliate");
    await plan("Not ours", other.id);
    const withDefault = await db().shop.update({ where: { id: shop.id }, data: { defaultPlanId: standard.id } });
    await db().campaign.create({ data: { shopId: shop.id, name: "Spring", createdAt: new Date(Date.now() - DAY) } });
    await db().campaign.create({ data: { shopId: shop.id, name: "Summer" } });
    await db().campaign.create({ data: { shopId: other.id, name: "Not ours" } });
    await db().discountCode.create({ data: { shopId: shop.id, creatorId: ava.id, code: "AVA10", createdAt: new Date(Date.now() - DAY) } });
    await db().discountCode.create({
      data: {
        shopId: shop.id,
        creatorId: ava.id,
        code: "AVA15",
        shopifyDiscountId: "gid://shopify/DiscountCodeNode/1",
        shopifyState: "active",
        shopifyCheckedAt: new Date(),
      },
    });

    const page = await getDealPage(shop.id, ava.id);
    expect(page.planChoices.map((p) => p.name)).toEqual(["Affiliate", "VIP"]);
    expect(page.planChoices).toEqual(await listPlanChoices(withDefault));
    expect(page.campaignChoices.map((c) => c.name)).toEqual(["Summer", "Spring"]);
    expect(page.campaignChoices).toEqual(await listCampaignChoices(shop.id));
    expect(page.discounts.map((d) => [d.code, d.inShopify, d.stateLabel])).toEqual([
      ["AVA10", false, null],
      ["AVA15", true, "Active"],
    ]);
    expect(page.discounts).toEqual(await listCreatorDiscounts(shop.id, ava.id));
    expect(page.tax).toEqual(await readCreatorTaxStatus(withDefault, ava.id));
    expect(page.planInEffect).toMatchObject({ source: "shop_default", planName: "Standard" });
    expect(page.planInEffect).toEqual(await readPlanInEffect(withDefault, ava.id));
  });

  it("refuses a creator of another shop", async () => {
    const { ava } = await avasStory();
    const other = await northwind();
    await expect(getDealPage(other.id, ava.id)).rejects.toMatchObject({
      code: "not_found",
      message: "That creator does not exist in this shop.",
    });
  });
});
