// Shopify Flow triggers over HTTP, against the schema-validating Admin API stand-in playing Flow
// (tests/support/fake-shopify-admin.ts checks every flowTriggerReceive payload against the
// extension's declared fields): a commission approved at the end of its hold, a payout paid
// offline, a Stripe payout failed (once per failed attempt), a creator applying from the portal.
// Each event is sent once whatever is replayed; a shop without Flow or a Shopify outage is
// recorded on the event, never a 5xx, and never holds up the money path.
import { randomUUID } from "node:crypto";
import type { Shop } from "@prisma/client";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { releaseDueCommissions } from "~/commissions/release-due-commissions.server";
import { db } from "~/db.server";
import { withTransaction } from "~/db/transaction.server";
import { queuePayoutStatusTrigger } from "~/flow/flow-trigger-events.server";
import { FLOW_TRIGGER } from "~/flow/flow-trigger-payloads";
import { sendFlowTrigger } from "~/flow/send-flow-trigger.server";
import { createPayout } from "~/payouts/create-payout.server";
import { proxyFetch, type ProxyTarget } from "../support/app-proxy";
import { createCreator, createShopWithTenPercentPlan, MIA } from "../support/factories";
import { startFakeShopifyAdmin, type FakeCustomer, type FakeShopifyAdmin } from "../support/fake-shopify-admin";
import { forTransferGroup, type FakeStripe } from "../support/fake-stripe";
import { drainJobs } from "../support/jobs";
import { mentioning } from "../support/mentioning";
import { orderPayload } from "../support/shopify-payloads";
import { adminFetch, installShopSession } from "../support/shopify-session";
import { sendShopifyWebhook } from "../support/shopify-webhook";
import { createStripeCreator, createStripeShop, givePayableUsd, startStripeTestApp, stopStripeTestApp } from "../support/stripe-fixtures";
import type { TestApp } from "../support/test-app";

const ORDERED_AT = "2026-10-01T10:00:00Z";
const AFTER_THE_HOLD = "2026-11-15T10:00:00Z";

let app: TestApp;
let stripe: FakeStripe;
let admin: FakeShopifyAdmin;
const customers: Record<string, FakeCustomer> = {};

beforeAll(async () => {
  ({ app, fake: stripe } = await startStripeTestApp());
  admin = await startFakeShopifyAdmin({ accessToken: "shpat_test_offline_token", customers });
  process.env.SHOPIFY_ADMIN_API_ORIGIN = admin.origin;
});
afterAll(async () => {
  delete process.env.SHOPIFY_ADMIN_API_ORIGIN;
  await admin?.close(); // throws if any flowTriggerReceive failed the schema or the extension's fields
  await stopStripeTestApp({ app, fake: stripe });
});
beforeEach(() => {
  admin.flow.refuseWith = null;
  stripe.clearInjections();
});
afterEach(() => {
  delete process.env.CREATOR_PAYOUTS_CLOCK;
  admin.assertNoInvalidOperations();
});

const received = (handle: string, key: string, value: unknown) =>
  admin.flow.received.filter((trigger) => trigger.handle === handle && trigger.payload[key] === value);

const events = (shopId: string) => db().flowTriggerEvent.findMany({ where: { shopId }, orderBy: { createdAt: "asc" } });

let customerSeq = 9_100_000;
function newCustomerId(profile: FakeCustomer = { email: null }): string {
  const id = String(customerSeq++);
  customers[id] = profile;
  return id;
}

/** A signed orders/create for a paid $120.00 order that used `code`, processed as the worker would. */
async function orderWithCode(shop: Shop, code: string) {
  process.env.CREATOR_PAYOUTS_CLOCK = ORDERED_AT;
  const orderId = 6_200_000_000 + Math.floor(Math.random() * 1_000_000);
  const payload = orderPayload({
    orderId,
    createdAt: ORDERED_AT,
    updatedAt: ORDERED_AT,
    lines: [{ lineId: orderId * 10, productId: 7001, quantity: 1, unitPriceMinor: 12000 }],
    discountCodes: [code],
  });
  const response = await sendShopifyWebhook(app.url, { topic: "orders/create", shop: shop.domain, body: JSON.stringify(payload) });
  expect(response.status).toBe(200);
  await drainJobs();
  return { orderId };
}

describe("commission approved and payout paid", () => {
  it("starts each trigger once, with the creator's customer, decimal amounts and the payment's facts", async () => {
    const shop = await createShopWithTenPercentPlan();
    await installShopSession(shop.domain);
    const customerId = newCustomerId();
    const creator = await createCreator(shop.id, "Dev Patel", { shopifyCustomerId: customerId });
    const code = `DEV${randomUUID().slice(0, 6).toUpperCase()}`;
    await db().discountCode.create({ data: { shopId: shop.id, creatorId: creator.id, code } });
    const { orderId } = await orderWithCode(shop, code);

    process.env.CREATOR_PAYOUTS_CLOCK = AFTER_THE_HOLD;
    expect(await releaseDueCommissions()).toBeGreaterThanOrEqual(1);
    await drainJobs();
    const commission = await db().commission.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(received(FLOW_TRIGGER.commissionApproved, "Commission ID", commission.id)).toEqual([
      {
        handle: "commission-approved",
        payload: {
          customer_id: Number(customerId),
          order_id: orderId,
          "Creator ID": creator.id,
          "Creator name": "Dev Patel",
          "Creator email": creator.email,
          "Referral code": creator.referralCode,
          "Commission ID": commission.id,
          "Commission amount": 12,
          "Currency code": "USD",
          "Order name": expect.any(String),
        },
      },
    ]);

    const draft = await createPayout({ shopId: shop.id, creatorId: creator.id, currency: "USD", origin: "manual", actor: MIA });
    const post = (form: Record<string, string>) =>
      adminFetch(app.url, shop.domain, `/app/payouts/${draft.payoutId}`, { method: "POST", body: new URLSearchParams(form) });
    expect(await (await post({ intent: "send" })).text()).toContain("Payout sent.");
    const paid = await post({ intent: "pay_offline", method: "Cash", reference: "HANDED-OVER-1", paidOn: "2026-11-15" });
    expect(await paid.text()).toContain("Payout marked paid.");
    await drainJobs();
    const payout = await db().payout.findUniqueOrThrow({ where: { id: draft.payoutId } });
    expect(received(FLOW_TRIGGER.payoutPaid, "Payout ID", draft.payoutId)).toEqual([
      {
        handle: "payout-paid",
        payload: {
          customer_id: Number(customerId),
          "Creator ID": creator.id,
          "Creator name": "Dev Patel",
          "Creator email": creator.email,
          "Referral code": creator.referralCode,
          "Payout ID": draft.payoutId,
          "Invoice number": payout.invoiceLabel,
          "Payout amount": 12,
          "Currency code": "USD",
          "Payment method": "Cash",
          "Payment reference": "HANDED-OVER-1",
          "Paid on": "2026-11-15",
        },
      },
    ]);

    // Replays change nothing: the hold released again, the payment posted again, the event queued again.
    expect(await releaseDueCommissions()).toBe(0);
    expect((await post({ intent: "pay_offline", method: "Cash", reference: "AGAIN", paidOn: "2026-11-15" })).status).toBeLessThan(500);
    await withTransaction("short", (tx) => queuePayoutStatusTrigger(tx, shop.id, draft.payoutId, "paid"));
    await drainJobs();
    expect(received(FLOW_TRIGGER.commissionApproved, "Commission ID", commission.id)).toHaveLength(1);
    expect(received(FLOW_TRIGGER.payoutPaid, "Payout ID", draft.payoutId)).toHaveLength(1);
    expect((await events(shop.id)).map((e) => [e.handle, e.status])).toEqual([
      ["commission-approved", "sent"],
      ["payout-paid", "sent"],
    ]);
  });
});

describe("payout failed", () => {
  it("starts the trigger once per failed Stripe attempt, with Stripe's reason, and never for a replay", async () => {
    const shop = await createStripeShop();
    const ava = await createStripeCreator(shop.id, stripe, "Ava Ames");
    await givePayableUsd(shop.id, ava.id, 4_200);
    const { payoutId } = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });
    const payStripe = () =>
      adminFetch(app.url, shop.domain, `/app/payouts/${payoutId}`, { method: "POST", body: new URLSearchParams({ intent: "pay_stripe" }) });

    for (const attempt of [1, 2]) {
      const refusal = { kind: "status", status: 400, code: "balance_insufficient", message: "Not enough money." } as const;
      stripe.inject(/^\/v1\/transfers$/, refusal, 1, "POST", forTransferGroup(payoutId));
      expect((await payStripe()).status).toBeLessThan(400);
      await drainJobs();
      stripe.clearInjections();
      expect((await db().payout.findUniqueOrThrow({ where: { id: payoutId } })).status).toBe("failed");
      expect(received(FLOW_TRIGGER.payoutFailed, "Payout ID", payoutId)).toHaveLength(attempt);
    }
    const [first] = received(FLOW_TRIGGER.payoutFailed, "Payout ID", payoutId);
    expect(first.payload).toMatchObject({ "Payout amount": 42, "Currency code": "USD", "Creator name": "Ava Ames" });
    expect(first.payload["Failure reason"]).toEqual(expect.stringMatching(/\S/));
    expect(first.payload).not.toHaveProperty("customer_id"); // Ava is not linked to a customer

    await withTransaction("short", (tx) => queuePayoutStatusTrigger(tx, shop.id, payoutId, "failed"));
    await drainJobs();
    expect(received(FLOW_TRIGGER.payoutFailed, "Payout ID", payoutId)).toHaveLength(2);
  });
});

describe("creator applied", () => {
  const tokenIn = (html: string) => /name="_portal_token" value="([^"]+)"/.exec(html)?.[1] ?? null;

  async function apply(target: ProxyTarget, name: string) {
    const page = await (await proxyFetch(app.url, "/portal?locale=en", target)).text();
    const body = new URLSearchParams({ _portal_token: tokenIn(page)!, intent: "apply", name, message: "I make\ntrail videos." });
    return proxyFetch(app.url, "/portal?locale=en", target, { method: "POST", body });
  }

  it("starts the trigger with the applicant's customer when a customer applies from the portal", async () => {
    const shop = await createShopWithTenPercentPlan({ selfSignupEnabled: true });
    await installShopSession(shop.domain);
    const customerId = newCustomerId({ email: `fay.${randomUUID().slice(0, 6)}@example.com`, firstName: "Fay" });
    const response = await apply({ shop: shop.domain, customerId }, "Fay Fox");
    expect(response.status).toBe(200);
    await drainJobs();
    const creator = await db().creator.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(received(FLOW_TRIGGER.creatorApplied, "Creator ID", creator.id)).toEqual([
      {
        handle: "creator-applied",
        payload: {
          customer_id: Number(customerId),
          "Creator ID": creator.id,
          "Creator name": "Fay Fox",
          "Creator email": creator.email,
          "Referral code": creator.referralCode,
          "Social handle": "",
          "Application message": "I make trail videos.",
        },
      },
    ]);
  });

  it("records Shopify's refusal (a shop without Flow) on the event, answers the applicant 200 and does not retry", async () => {
    const shop = await createShopWithTenPercentPlan({ selfSignupEnabled: true });
    await installShopSession(shop.domain);
    admin.flow.refuseWith = "Shopify Flow is not installed on this shop.";
    const customerId = newCustomerId({ email: `gus.${randomUUID().slice(0, 6)}@example.com`, firstName: "Gus" });
    expect((await apply({ shop: shop.domain, customerId }, "Gus Gale")).status).toBe(200);
    await drainJobs();
    const [event] = await events(shop.id);
    expect(event).toMatchObject({ handle: "creator-applied", status: "refused", lastError: "Shopify Flow is not installed on this shop." });
    const queued = await db().$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM graphile_worker.jobs WHERE key = ${`flow:${event.id}`}`;
    expect(Number(queued[0].count)).toBe(0);
  });

  it("keeps the event pending through a Shopify outage, then sends it on the retry", async () => {
    const shop = await createShopWithTenPercentPlan({ selfSignupEnabled: true });
    await installShopSession(shop.domain);
    const customerId = newCustomerId({ email: `hal.${randomUUID().slice(0, 6)}@example.com`, firstName: "Hal" });
    expect((await apply({ shop: shop.domain, customerId }, "Hal Hart")).status).toBe(200);
    admin.inject({ kind: "status", status: 503 }, 1, mentioning("Hal Hart")); // the trigger's first try
    await drainJobs();
    const [pending] = await events(shop.id);
    expect(pending).toMatchObject({ status: "pending", attempts: 1 });
    expect(pending.lastError).toContain("Shopify did not answer");
    expect(received(FLOW_TRIGGER.creatorApplied, "Creator name", "Hal Hart")).toHaveLength(0);

    expect(await sendFlowTrigger(pending.id, 2)).toBe("sent"); // the queue's retry, run now
    expect(await sendFlowTrigger(pending.id, 3)).toBe("already_done");
    expect(received(FLOW_TRIGGER.creatorApplied, "Creator name", "Hal Hart")).toHaveLength(1);
    expect((await events(shop.id))[0]).toMatchObject({ status: "sent", attempts: 2, lastError: null });
  });
});
