// ISSUE13 item 1 (DOMAIN.md §3): a creator the merchant added earns from the first order,
// `invited` included; an applicant earns only once approved; and a creator with no payout details
// can still be paid, offline: payout created, shown as having no details, marked paid.
import { randomUUID } from "node:crypto";
import type { Creator, Shop } from "@prisma/client";
import { afterEach, expect, it } from "vitest";
import { releaseDueCommissions } from "~/commissions/release-due-commissions.server";
import { inviteCreator } from "~/creators/invite-creator.server";
import { db } from "~/db.server";
import { createPayout } from "~/payouts/create-payout.server";
import { createCreator, createShopWithTenPercentPlan, MIA } from "../support/factories";
import { drainJobs } from "../support/jobs";
import { orderPayload } from "../support/shopify-payloads";
import { adminFetch, installShopSession } from "../support/shopify-session";
import { sendShopifyWebhook } from "../support/shopify-webhook";
import { describeWithApp } from "../support/test-app";

const ORDERED_AT = "2026-10-01T10:00:00Z";
const AFTER_THE_HOLD = "2026-11-15T10:00:00Z"; // the shop holds commissions 30 days

afterEach(() => {
  delete process.env.CREATOR_PAYOUTS_CLOCK;
});

async function shopWithCreator(status: Creator["status"], name: string) {
  const shop = await createShopWithTenPercentPlan();
  await installShopSession(shop.domain);
  const creator = await createCreator(shop.id, name, { status });
  const code = `${name.split(" ")[0]!.toUpperCase()}${randomUUID().slice(0, 6).toUpperCase()}`;
  await db().discountCode.create({ data: { shopId: shop.id, creatorId: creator.id, code } });
  return { shop, creator, code };
}

/** A signed orders/create for a paid $120.00 order that used `code`, processed as the worker would. */
async function orderWithCode(appUrl: string, shop: Shop, code: string) {
  process.env.CREATOR_PAYOUTS_CLOCK = ORDERED_AT;
  const orderId = 6_100_000_000 + Math.floor(Math.random() * 1_000_000);
  const payload = orderPayload({
    orderId,
    createdAt: ORDERED_AT,
    updatedAt: ORDERED_AT,
    lines: [{ lineId: orderId * 10, productId: 7001, quantity: 1, unitPriceMinor: 12000 }],
    discountCodes: [code],
  });
  const response = await sendShopifyWebhook(appUrl, { topic: "orders/create", shop: shop.domain, body: JSON.stringify(payload) });
  expect(response.status).toBe(200);
  await drainJobs();
  return db().attributedOrder.findUniqueOrThrow({
    where: { shopId_shopifyOrderId: { shopId: shop.id, shopifyOrderId: String(orderId) } },
    include: { commission: true },
  });
}

describeWithApp("a creator the merchant added earns from the first order", (app) => {
  it("an order with an invited creator's discount code earns a held commission", async () => {
    const { shop, creator, code } = await shopWithCreator("invited", "Dev Patel");
    const order = await orderWithCode(app.url, shop, code);
    expect(order.creatorId).toBe(creator.id);
    expect(order.notEarningReason).toBeNull();
    expect(order.commission).toMatchObject({ creatorId: creator.id, status: "held", currency: "USD" });
    const held = await db().ledgerEntry.aggregate({
      where: { shopId: shop.id, creatorId: creator.id, account: "held" },
      _sum: { amountMinor: true },
    });
    expect(Number(held._sum.amountMinor)).toBe(1200); // 10 % of $120.00
  });

  it("an applicant's code earns nothing until the merchant approves them", async () => {
    const { shop, code } = await shopWithCreator("applied", "Nina Applies");
    const order = await orderWithCode(app.url, shop, code);
    expect(order.commission).toBeNull();
    expect(order.notEarningReason).toBe("creator is applied: earns nothing new");
  });

  it("a creator with no payout details gets a payout created and marked paid offline", async () => {
    const { shop, creator, code } = await shopWithCreator("invited", "Dev Patel");
    expect(creator.payoutDetailsStatus).toBe("missing");
    const order = await orderWithCode(app.url, shop, code);
    process.env.CREATOR_PAYOUTS_CLOCK = AFTER_THE_HOLD;
    await releaseDueCommissions();
    expect((await db().commission.findUniqueOrThrow({ where: { id: order.commission!.id } })).status).toBe("approved");

    const draft = await createPayout({ shopId: shop.id, creatorId: creator.id, currency: "USD", origin: "manual", actor: MIA });
    expect(draft.amountMinor).toBe(1200);
    const path = `/app/payouts/${draft.payoutId}`;
    const post = (form: Record<string, string>) =>
      adminFetch(app.url, shop.domain, path, { method: "POST", body: new URLSearchParams(form) });
    expect(await (await post({ intent: "send" })).text()).toContain("Payout sent.");

    const page = await (await adminFetch(app.url, shop.domain, path)).text();
    expect(page).toContain("Dev Patel has no payout details: ask them to add them in the portal, or pay by a method you agree on.");
    const paid = await (await post({ intent: "pay_offline", method: "Cash", reference: "HANDED-OVER-1", paidOn: "2026-11-15" })).text();
    expect(paid).toContain("Payout marked paid.");
    expect(await db().payout.findUniqueOrThrow({ where: { id: draft.payoutId } })).toMatchObject({
      status: "paid",
      channel: "offline",
      offlineMethod: "Cash",
      offlineReference: "HANDED-OVER-1",
    });
    expect((await db().commission.findUniqueOrThrow({ where: { id: order.commission!.id } })).status).toBe("paid");
  });

  it("the deal page shows the invitation and the payout details as two separate lines", async () => {
    const { shop, creator } = await shopWithCreator("invited", "Dev Patel");
    const dealPage = async () => (await adminFetch(app.url, shop.domain, `/app/creators/${creator.id}`)).text();
    expect(await dealPage()).toMatch(/Invitation: (<!-- -->)?not sent/);
    await inviteCreator(shop.id, creator.id, MIA);
    const html = await dealPage();
    expect(html).toMatch(/Invitation: (<!-- -->)?sent, waiting for the creator \(expires /);
    expect(html).toMatch(/Payout details: (<!-- -->)?none yet \(they can still be paid offline\)/);
  });
});
