// The commission engine from real Shopify deliveries: signed webhooks over HTTP to the running
// app, jobs drained from the PostgreSQL queue, money read back from the ledger.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Creator, Shop } from "@prisma/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { COMMISSION_SUBJECT } from "~/commissions/commission-amounts.server";
import { releaseDueCommissions } from "~/commissions/release-due-commissions.server";
import { db } from "~/db.server";
import { decodeOrderState } from "~/domain/commission/order-state";
import { startFakeShopifyAdmin } from "../support/fake-shopify-admin";
import { drainJobs } from "../support/jobs";
import { orderPayload, refundPayload, type OrderSpec } from "../support/shopify-payloads";
import { sendShopifyWebhook } from "../support/shopify-webhook";
import { startTestApp, type TestApp } from "../support/test-app";
import { createCreator, createShopWithTenPercentPlan, planSnapshotOf } from "../support/factories";

const fixtureOrder = readFileSync("tests/fixtures/shopify/orders-create.json", "utf8");
const fixtureRefund = readFileSync("tests/fixtures/shopify/refunds-create.json", "utf8");

let app: TestApp;
let nextOrderId = 9_100_000_000;

/** A creator whose referral code (and name) is `referralCode`, as the tests' orders name it. */
async function createReferrer(shop: Shop, referralCode: string, changes: Partial<Creator> = {}) {
  return createCreator(shop.id, `Creator ${referralCode}`, { referralCode, ...changes });
}

async function deliver(shop: Shop, topic: string, payload: unknown, webhookId: string = randomUUID()) {
  const response = await sendShopifyWebhook(app.url, { topic, shop: shop.domain, body: JSON.stringify(payload), webhookId });
  expect(response.status).toBe(200);
  return webhookId;
}

async function commissionOf(shop: Shop, shopifyOrderId: string | number) {
  const order = await db().attributedOrder.findUnique({
    where: { shopId_shopifyOrderId: { shopId: shop.id, shopifyOrderId: String(shopifyOrderId) } },
    include: { commission: true },
  });
  return { order, commission: order?.commission ?? null };
}

/** Net amounts per account of everything posted for a commission. */
async function commissionLedger(commissionId: string) {
  const entries = await db().ledgerEntry.findMany({
    where: { transaction: { subjectType: COMMISSION_SUBJECT, subjectId: commissionId } },
  });
  const sums: Record<string, number> = {};
  for (const e of entries) sums[e.account] = (sums[e.account] ?? 0) + Number(e.amountMinor);
  return sums;
}

function spec(changes: Partial<OrderSpec> = {}): OrderSpec {
  const orderId = nextOrderId++;
  return {
    orderId,
    createdAt: "2026-10-03T14:21:09-04:00",
    updatedAt: "2026-10-03T14:21:09-04:00",
    lines: [
      { lineId: orderId * 10 + 1, productId: 7001, quantity: 1, unitPriceMinor: 4500, discountMinor: 675 },
      { lineId: orderId * 10 + 2, productId: 7002, quantity: 2, unitPriceMinor: 2250, discountMinor: 675 },
    ],
    creatorRef: "MAYA",
    ...changes,
  };
}

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});
afterEach(() => {
  delete process.env.CREATOR_PAYOUTS_CLOCK;
});

describe("commissions from order webhooks", () => {
  it("earns a held commission on the shared fixture order, rounded once per line", async () => {
    const shop = await createShopWithTenPercentPlan();
    const maya = await createReferrer(shop, "MAYA");
    await deliver(shop, "orders/create", JSON.parse(fixtureOrder));
    await drainJobs();
    const { order, commission } = await commissionOf(shop, 5880473436254);
    expect(order).toMatchObject({ creatorId: maya.id, attributionSource: "referral", eligibleMinor: 7650n, isNewCustomer: true });
    expect(commission).toMatchObject({ status: "held", creatorId: maya.id, currency: "USD" });
    // 38.25 × 10 % = 3.825 → 3.83 on each of the two lines.
    expect(await commissionLedger(commission!.id)).toEqual({ expense: -766, held: 766 });
    expect(commission!.holdUntil!.toISOString()).toBe("2026-11-02T18:21:09.000Z");
    expect(await planSnapshotOf(commission!)).toMatchObject({ kind: "percentage", rateBasisPoints: 1000 });

    await deliver(shop, "refunds/create", JSON.parse(fixtureRefund));
    await drainJobs();
    // Line 2 keeps 38.25 − 19.13 = 19.12 → 1.91; line 1 still 3.83.
    expect(await commissionLedger(commission!.id)).toEqual({ expense: -574, held: 574 });
    const events = await db().inboundEvent.findMany({ where: { shopId: shop.id }, orderBy: { receivedAt: "asc" } });
    expect(events.map((e) => [e.topic, e.status])).toEqual([
      ["orders/create", "processed"],
      ["refunds/create", "processed"],
    ]);
  });

  it("stores the order's state positionally as json text (less WAL per order) and still recomputes from an order stored in the object form", async () => {
    const shop = await createShopWithTenPercentPlan();
    await createReferrer(shop, "MAYA");
    const stateOf = async (shopifyOrderId: string) =>
      (
        await db().$queryRaw<{ kind: string; bytes: number; asJsonb: number }[]>`
          SELECT jsonb_typeof("orderState"::jsonb) AS kind, pg_column_size("orderState")::int AS bytes,
            pg_column_size("orderState"::jsonb)::int AS "asJsonb"
          FROM "AttributedOrder" WHERE "shopId" = ${shop.id} AND "shopifyOrderId" = ${shopifyOrderId}`
      )[0];
    const fixture = JSON.parse(fixtureOrder) as { id: number };
    await deliver(shop, "orders/create", fixture);
    await drainJobs();
    // The object form of this order took 1,236 bytes, the positional one in jsonb 621; every order
    // worked logs the row in full. As json text (migration 20261211101000): about 400.
    const stored = await stateOf(String(fixture.id));
    expect(stored).toMatchObject({ kind: "array", asJsonb: expect.any(Number) });
    expect(stored!.bytes).toBeLessThan(450);

    // An order written before the positional form: its object form is still read, then rewritten positionally.
    const { order } = await commissionOf(shop, fixture.id);
    const legacy = JSON.stringify(decodeOrderState(order!.orderState));
    await db().$executeRaw`UPDATE "AttributedOrder" SET "orderState" = ${legacy}::json WHERE "id" = ${order!.id}`;
    expect((await stateOf(String(fixture.id))).kind).toBe("object");
    await deliver(shop, "refunds/create", JSON.parse(fixtureRefund));
    await drainJobs();
    const { commission } = await commissionOf(shop, fixture.id);
    expect(await commissionLedger(commission!.id)).toEqual({ expense: -574, held: 574 });
    expect((await stateOf(String(fixture.id))).kind).toBe("array");
    expect(decodeOrderState((await commissionOf(shop, fixture.id)).order!.orderState)).toMatchObject({
      latest: { shopifyOrderId: String(fixture.id) },
      refunds: [{ refundId: expect.any(String) }],
    });
  });

  it("counts a repeated delivery once, whether it repeats the webhook id or only the order", async () => {
    const shop = await createShopWithTenPercentPlan();
    await createReferrer(shop, "MAYA");
    const order = orderPayload(spec());
    const webhookId = await deliver(shop, "orders/create", order);
    await deliver(shop, "orders/create", order, webhookId);
    await deliver(shop, "orders/create", order);
    await deliver(shop, "orders/paid", order);
    await drainJobs();
    const { commission } = await commissionOf(shop, order.id as number);
    expect(await commissionLedger(commission!.id)).toEqual({ expense: -766, held: 766 });
    expect(await db().commission.count({ where: { shopId: shop.id } })).toBe(1);
    const statuses = (await db().inboundEvent.findMany({ where: { shopId: shop.id } })).map((e) => e.status).sort();
    expect(statuses).toEqual(["duplicate", "processed", "processed", "processed"]);
  });

  it("attributes by discount code before the referral attribute, and manual assignment before both", async () => {
    const shop = await createShopWithTenPercentPlan();
    await createReferrer(shop, "MAYA");
    const leo = await createReferrer(shop, "LEO");
    await db().discountCode.create({ data: { shopId: shop.id, creatorId: leo.id, code: "LEO15" } });
    const order = orderPayload(spec({ discountCodes: ["leo15"] }));
    await deliver(shop, "orders/create", order);
    await drainJobs();
    expect((await commissionOf(shop, order.id as number)).order).toMatchObject({ creatorId: leo.id, attributionSource: "discount_code" });

    const zoe = await createReferrer(shop, "ZOE");
    const manual = spec({ financialStatus: "pending" });
    await db().attributedOrder.create({
      data: {
        shopId: shop.id,
        shopifyOrderId: String(manual.orderId),
        orderName: "#manual",
        creatorId: zoe.id,
        attributionSource: "manual",
        currency: "USD",
        subtotalMinor: 0n,
        orderedAt: new Date(manual.createdAt),
        orderState: {},
      },
    });
    await deliver(shop, "orders/create", orderPayload({ ...manual, financialStatus: "paid", discountCodes: ["LEO15"] }));
    await drainJobs();
    const assigned = await commissionOf(shop, manual.orderId);
    expect(assigned.order).toMatchObject({ creatorId: zoe.id, attributionSource: "manual" });
    expect(assigned.commission).toMatchObject({ creatorId: zoe.id, status: "held" });
  });

  it("pays nothing for self-referrals, paused creators and test orders, and says why", async () => {
    const shop = await createShopWithTenPercentPlan();
    await createReferrer(shop, "MAYA", { shopifyCustomerId: "555" });
    await createReferrer(shop, "PAUL", { status: "paused" });
    const self = orderPayload(spec({ customer: { id: 555, email: "someone@else.test", ordersCount: 1 } }));
    const paused = orderPayload(spec({ creatorRef: "PAUL" }));
    const testOrder = orderPayload(spec({ test: true }));
    const stranger = orderPayload(spec({ creatorRef: "NOBODY" }));
    for (const order of [self, paused, testOrder, stranger]) await deliver(shop, "orders/create", order);
    await drainJobs();
    const reasons = await Promise.all(
      [self, paused, testOrder, stranger].map(async (o) => (await commissionOf(shop, o.id as number)).order!.notEarningReason),
    );
    expect(reasons).toEqual([
      "self-referral: the buyer is the creator",
      "creator is paused: earns nothing new",
      "test order (ignored by the shop's settings)",
      "not attributed to a creator",
    ]);
    expect(await db().commission.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("starts the hold when an unpaid order is paid", async () => {
    const shop = await createShopWithTenPercentPlan();
    await createReferrer(shop, "MAYA");
    const order = spec({ financialStatus: "pending" });
    await deliver(shop, "orders/create", orderPayload(order));
    await drainJobs();
    expect((await commissionOf(shop, order.orderId)).order!.notEarningReason).toBe("not paid yet");
    await deliver(shop, "orders/paid", orderPayload({ ...order, financialStatus: "paid", updatedAt: "2026-10-05T10:00:00Z" }));
    await drainJobs();
    const { commission } = await commissionOf(shop, order.orderId);
    expect(commission).toMatchObject({ status: "held" });
    expect(commission!.holdUntil!.toISOString()).toBe("2026-11-04T10:00:00.000Z");
  });

  it("parks a refund that arrives before its order and applies it when the order comes", async () => {
    const shop = await createShopWithTenPercentPlan();
    await createReferrer(shop, "MAYA");
    const order = spec();
    const refund = refundPayload({
      refundId: order.orderId + 1,
      orderId: order.orderId,
      createdAt: "2026-10-04T10:00:00Z",
      lines: [{ lineId: order.lines[1].lineId, quantity: 1, subtotalMinor: 1913 }],
    });
    await deliver(shop, "refunds/create", refund);
    await drainJobs();
    expect((await db().inboundEvent.findFirstOrThrow({ where: { shopId: shop.id, topic: "refunds/create" } })).reason).toBe(
      "parked until its order arrives",
    );
    await deliver(shop, "orders/create", orderPayload(order));
    await drainJobs();
    const { commission } = await commissionOf(shop, order.orderId);
    expect(await commissionLedger(commission!.id)).toEqual({ expense: -574, held: 574 });
    expect(await db().orderRefund.findFirstOrThrow({ where: { shopId: shop.id } })).toMatchObject({ appliedAt: expect.any(Date) });
  });

  it("ignores a stale orders/updated and reverses a commission canceled in the hold", async () => {
    const shop = await createShopWithTenPercentPlan();
    await createReferrer(shop, "MAYA");
    const order = spec();
    await deliver(shop, "orders/updated", orderPayload({ ...order, updatedAt: "2026-10-06T00:00:00Z", lines: [{ ...order.lines[0] }] }));
    await deliver(shop, "orders/create", orderPayload(order));
    await drainJobs();
    const { commission } = await commissionOf(shop, order.orderId);
    // Only the newer version (one line: 38.25 → 3.83) counts.
    expect(await commissionLedger(commission!.id)).toEqual({ expense: -383, held: 383 });
    const stale = await db().inboundEvent.findFirstOrThrow({ where: { shopId: shop.id, topic: "orders/create" } });
    expect(stale.reason).toBe("stale version (older updated_at): nothing changed");

    await deliver(
      shop,
      "orders/cancelled",
      orderPayload({ ...order, updatedAt: "2026-10-07T00:00:00Z", cancelledAt: "2026-10-07T00:00:00Z", lines: [order.lines[0]] }),
    );
    await drainJobs();
    const after = await commissionOf(shop, order.orderId);
    expect(after.commission).toMatchObject({ status: "reversed" });
    expect(await commissionLedger(commission!.id)).toEqual({ expense: 0, held: 0 });
  });

  it("releases the hold into payable, then claws a later refund back from payable", async () => {
    const shop = await createShopWithTenPercentPlan({ holdPeriodDays: 14 });
    const maya = await createReferrer(shop, "MAYA");
    const order = spec();
    await deliver(shop, "orders/create", orderPayload(order));
    await drainJobs();
    process.env.CREATOR_PAYOUTS_CLOCK = "2026-10-16T00:00:00Z"; // before the hold ends
    await releaseDueCommissions();
    expect((await commissionOf(shop, order.orderId)).commission!.status).toBe("held");

    process.env.CREATOR_PAYOUTS_CLOCK = "2026-10-18T00:00:00Z";
    expect(await releaseDueCommissions()).toBeGreaterThanOrEqual(1);
    expect(await releaseDueCommissions()).toBe(0);
    const { commission } = await commissionOf(shop, order.orderId);
    expect(commission).toMatchObject({ status: "approved" });
    expect(await commissionLedger(commission!.id)).toEqual({ expense: -766, held: 0, payable: 766 });
    expect(await db().payableItem.findMany({ where: { creatorId: maya.id }, select: { kind: true, amountMinor: true } })).toEqual([
      { kind: "commission", amountMinor: 766n },
    ]);

    await deliver(
      shop,
      "refunds/create",
      refundPayload({
        refundId: order.orderId + 7,
        orderId: order.orderId,
        createdAt: "2026-10-20T00:00:00Z",
        lines: [{ lineId: order.lines[0].lineId, quantity: 1, subtotalMinor: 3825 }],
      }),
    );
    await drainJobs();
    expect(await commissionLedger(commission!.id)).toEqual({ expense: -383, held: 0, payable: 383 });
    const clawback = await db().payableItem.findFirstOrThrow({ where: { creatorId: maya.id, kind: "clawback" } });
    expect(clawback.amountMinor).toBe(-383n);
    expect((await db().clawback.findFirstOrThrow({ where: { commissionId: commission!.id } })).amountMinor).toBe(-383n);
  });

  it("answers an authentic but unusable delivery with 200 and records it as rejected", async () => {
    const shop = await createShopWithTenPercentPlan();
    const webhookId = await deliver(shop, "orders/create", { id: "not-a-number", line_items: "nope" });
    await drainJobs();
    const event = await db().inboundEvent.findFirstOrThrow({ where: { deliveryId: webhookId } });
    expect(event.status).toBe("rejected");
    expect(event.reason).toMatch(/^unusable order payload: /);
  });

  it("answers missing headers with 400 and other methods with 405, storing nothing", async () => {
    const before = await db().inboundEvent.count();
    const missing = await fetch(`${app.url}/webhooks/orders/create`, {
      method: "POST",
      body: fixtureOrder,
      headers: { "Content-Type": "application/json" },
    });
    expect(missing.status).toBe(400);
    const get = await fetch(`${app.url}/webhooks/orders/create`);
    expect(get.status).toBe(405);
    expect(await db().inboundEvent.count()).toBe(before);
  });
});

describe("commission plans", () => {
  it("uses a deal's plan over the shop default, with per-product and per-collection rates from the Admin API", async () => {
    const shop = await createShopWithTenPercentPlan();
    const maya = await createReferrer(shop, "MAYA");
    const plan = await db().commissionPlan.create({
      data: {
        shopId: shop.id,
        name: "Launch deal",
        kind: "percentage",
        rateBasisPoints: 500,
        overrides: {
          create: [
            { shopId: shop.id, target: "product", targetId: "7001", rateBasisPoints: 2000 },
            { shopId: shop.id, target: "collection", targetId: "333", rateBasisPoints: 1500 },
          ],
        },
      },
    });
    await db().deal.create({ data: { shopId: shop.id, creatorId: maya.id, title: "Launch", commissionPlanId: plan.id } });
    await db().session.create({
      data: { id: `offline_${shop.domain}`, shop: shop.domain, state: "", isOnline: false, accessToken: "shpat_test_token" },
    });
    const admin = await startFakeShopifyAdmin({
      accessToken: "shpat_test_token",
      productCollections: { "7001": ["111"], "7002": ["333"] },
    });
    process.env.SHOPIFY_ADMIN_API_ORIGIN = admin.origin;
    try {
      const order = spec({
        lines: [
          { lineId: 1, productId: 7001, quantity: 1, unitPriceMinor: 10000 },
          { lineId: 2, productId: 7002, quantity: 1, unitPriceMinor: 10000 },
          { lineId: 3, productId: 7003, quantity: 1, unitPriceMinor: 10000 },
        ],
      });
      await deliver(shop, "orders/create", orderPayload(order));
      await drainJobs();
      const { commission, order: row } = await commissionOf(shop, order.orderId);
      // 100.00 at the product rate 20 % + 100.00 at the collection rate 15 % + 100.00 at the deal's 5 %.
      expect(await commissionLedger(commission!.id)).toEqual({ expense: -4000, held: 4000 });
      expect(row!.dealId).not.toBeNull();
      expect(await planSnapshotOf(commission!)).toMatchObject({ planId: plan.id, rateBasisPoints: 500 });
      expect(admin.requests).toHaveLength(1);
      expect(admin.requests[0].body.variables).toEqual({
        ids: ["gid://shopify/Product/7001", "gid://shopify/Product/7002", "gid://shopify/Product/7003"],
      });
    } finally {
      delete process.env.SHOPIFY_ADMIN_API_ORIGIN;
      await admin.close();
    }
  });
});

describe("uninstall, reinstall and compliance", () => {
  it("records deliveries while uninstalled and applies them when the shop reinstalls", async () => {
    const shop = await createShopWithTenPercentPlan();
    await createReferrer(shop, "MAYA");
    await deliver(shop, "app/uninstalled", {});
    const order = spec();
    await deliver(shop, "orders/create", orderPayload(order));
    await drainJobs();
    const deferred = await db().inboundEvent.findFirstOrThrow({ where: { shopId: shop.id, topic: "orders/create" } });
    expect(deferred).toMatchObject({ status: "deferred", reason: expect.stringMatching(/^deferred/), processedAt: null });
    expect((await commissionOf(shop, order.orderId)).commission).toBeNull();

    const { recordShopInstalled } = await import("~/shops/record-shop-installed.server");
    const admin = await startFakeShopifyAdmin({
      accessToken: "shpat_reinstalled",
      shop: { name: "Trail Co", currencyCode: "USD", ianaTimezone: "UTC" },
    });
    process.env.SHOPIFY_ADMIN_API_ORIGIN = admin.origin;
    try {
      await recordShopInstalled(shop.domain, { shopDomain: shop.domain, accessToken: "shpat_reinstalled" });
    } finally {
      delete process.env.SHOPIFY_ADMIN_API_ORIGIN;
      await admin.close();
    }
    const requeued = await db().inboundEvent.findUniqueOrThrow({ where: { id: deferred.id } });
    expect(requeued.status).toBe("received");
    expect(requeued.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now()); // due at once
    await drainJobs();
    expect((await commissionOf(shop, order.orderId)).commission).toMatchObject({ status: "held" });
    expect(await db().inboundEvent.findUniqueOrThrow({ where: { id: deferred.id } })).toMatchObject({ status: "processed" });
  });

  it("reports, anonymises and finally deletes a shop's customer data on the compliance webhooks", async () => {
    const shop = await createShopWithTenPercentPlan();
    await createReferrer(shop, "MAYA");
    const order = spec({ customer: { id: 8800, email: "privacy@buyer.test", ordersCount: 1 } });
    await deliver(shop, "orders/create", orderPayload(order));
    await drainJobs();
    const { commission } = await commissionOf(shop, order.orderId);
    const ledgerBefore = await commissionLedger(commission!.id);

    await deliver(shop, "customers/data_request", {
      shop_domain: shop.domain,
      customer: { id: 8800, email: "privacy@buyer.test" },
      orders_requested: [order.orderId],
      data_request: { id: 42 },
    });
    await drainJobs();
    const report = await db().customerDataRequest.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(report.report).toMatchObject({
      attributedOrders: [{ shopifyOrderId: String(order.orderId), customerEmail: "privacy@buyer.test" }],
    });

    await deliver(shop, "customers/redact", {
      shop_domain: shop.domain,
      customer: { id: 8800, email: "privacy@buyer.test" },
      orders_to_redact: [order.orderId],
    });
    await drainJobs();
    const redacted = await commissionOf(shop, order.orderId);
    expect(redacted.order).toMatchObject({ customerEmail: null, customerShopifyId: null, redactedAt: expect.any(Date) });
    expect(JSON.stringify(redacted.order!.orderState)).not.toContain("privacy@buyer.test");
    expect(await commissionLedger(commission!.id)).toEqual(ledgerBefore);

    const where = { shopId: shop.id };
    expect(await db().commissionCost.count({ where })).toBe(1);
    await deliver(shop, "shop/redact", { shop_domain: shop.domain, shop_id: 1 });
    await drainJobs();
    expect(await db().shop.findUnique({ where: { id: shop.id } })).toBeNull();
    // Entries, costs and risk flags go through their parents' keys (no key of their own to "Shop").
    expect(await db().ledgerEntry.count({ where })).toBe(0);
    expect(await db().commissionCost.count({ where })).toBe(0);
    expect(await db().riskFlag.count({ where })).toBe(0);
    expect(await db().inboundEvent.count({ where: { shopDomain: shop.domain } })).toBe(1);
    const record = await db().inboundEvent.findFirstOrThrow({ where: { shopDomain: shop.domain, topic: "shop/redact" } });
    expect(record).toMatchObject({ status: "processed", reason: "shop data deleted", shopId: null });
  });
});
