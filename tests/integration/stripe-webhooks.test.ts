// Stripe webhooks over HTTP to the built app: signatures checked on the raw body (forged,
// stale, wrong endpoint secret → 400, nothing stored), events recorded once and worked:
// transfer.created settles a crashed attempt, transfer.reversed returns the money to payable,
// account.updated keeps payout-details status current, connected-account payouts recorded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createPayout } from "~/payouts/create-payout.server";
import { MIA } from "../support/factories";
import { readMoneyInvariants } from "../support/money-invariants";
import { claimStripePayout } from "~/rails/stripe/claim-stripe-payout.server";
import { listCreatorBankPayouts } from "~/stripe/creator-bank-payouts.server";
import type { FakeStripe } from "../support/fake-stripe";
import { proxyFetch } from "../support/app-proxy";
import { drainJobs } from "../support/jobs";
import { adminFetch } from "../support/shopify-session";
import {
  TEST_CONNECT_WEBHOOK_SECRET,
  TEST_PLATFORM_WEBHOOK_SECRET,
  createStripeCreator,
  createStripeShop,
  givePayableUsd,
  startStripeTestApp,
  stopStripeTestApp,
} from "../support/stripe-fixtures";
import { deliverStripeEvent, stripeEvent } from "../support/stripe-webhook";
import type { TestApp } from "../support/test-app";

let app: TestApp;
let fake: FakeStripe;

beforeAll(async () => ({ app, fake } = await startStripeTestApp()));
afterAll(() => stopStripeTestApp({ app, fake }));

async function setup(options: { active?: boolean } = {}) {
  const shop = await createStripeShop();
  const ava = await createStripeCreator(shop.id, fake, "Ava Ames", options);
  await givePayableUsd(shop.id, ava.id, 42_000);
  return { shop, ava };
}

const platform = (shopId: string, event: object, signing: { secret?: string; timestamp?: number; forge?: boolean } = {}) =>
  deliverStripeEvent(app.url, shopId, "platform", event, { secret: TEST_PLATFORM_WEBHOOK_SECRET, ...signing });
const connect = (shopId: string, event: object) =>
  deliverStripeEvent(app.url, shopId, "connect", event, { secret: TEST_CONNECT_WEBHOOK_SECRET });
const eventsOf = (shopId: string) => db().inboundEvent.findMany({ where: { shopId, source: "stripe" }, orderBy: { receivedAt: "asc" } });

describe("Stripe webhooks", () => {
  it("answers 400 and stores nothing for a forged, a stale, a wrongly-keyed or an unsigned delivery", async () => {
    const { shop } = await setup();
    const event = stripeEvent("transfer.created", { id: "tr_x" });
    expect((await platform(shop.id, event, { forge: true })).status).toBe(400);
    expect((await platform(shop.id, event, { timestamp: Math.floor(Date.now() / 1000) - 301 })).status).toBe(400);
    expect((await platform(shop.id, event, { secret: TEST_CONNECT_WEBHOOK_SECRET })).status).toBe(400);
    expect((await platform(shop.id, event, { secret: "whsec_someone_else" })).status).toBe(400);
    const unsigned = await fetch(new URL(`/webhooks/stripe/${shop.id}/platform`, app.url), { method: "POST", body: JSON.stringify(event) });
    expect(unsigned.status).toBe(400);
    expect(await eventsOf(shop.id)).toHaveLength(0);
    // Within the tolerance, the same event is accepted.
    expect((await platform(shop.id, event, { timestamp: Math.floor(Date.now() / 1000) - 200 })).status).toBe(200);
    expect(await eventsOf(shop.id)).toHaveLength(1);
  });

  it("records an unknown event type as rejected with the reason, answering 200", async () => {
    const { shop } = await setup();
    expect((await platform(shop.id, stripeEvent("charge.succeeded", { id: "ch_1" }))).status).toBe(200);
    await drainJobs();
    const [event] = await eventsOf(shop.id);
    expect(event).toMatchObject({
      status: "rejected",
      reason: "Stripe event charge.succeeded is not one this app handles",
      topic: "charge.succeeded",
    });
  });

  it("settles an attempt whose worker crashed after Stripe's answer from transfer.created, once for two deliveries", async () => {
    const { shop, ava } = await setup();
    const payout = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });
    await claimStripePayout(shop.id, payout.payoutId, MIA);
    const attempt = await db().payoutAttempt.findFirstOrThrow({ where: { payoutId: payout.payoutId } });
    // The worker died: its job is gone from the picture; only Stripe's event tells us.
    await db().$executeRaw`SELECT graphile_worker.remove_job(${`pay_${attempt.id}`})`;
    const event = stripeEvent("transfer.created", {
      id: "tr_from_event",
      object: "transfer",
      amount: 42_000,
      currency: "usd",
      destination: ava.stripeAccountId,
      transfer_group: payout.payoutId,
      metadata: { payout_id: payout.payoutId, shop_id: shop.id, attempt: "1" },
    });
    expect((await platform(shop.id, event)).status).toBe(200);
    expect((await platform(shop.id, event)).status).toBe(200);
    await drainJobs();
    expect(await db().payout.findUniqueOrThrow({ where: { id: payout.payoutId } })).toMatchObject({
      status: "paid",
      stripeTransferId: "tr_from_event",
    });
    expect(await db().ledgerTransaction.count({ where: { shopId: shop.id, kind: "pay_stripe" } })).toBe(1);
    expect((await eventsOf(shop.id)).map((e) => e.status).sort()).toEqual(["duplicate", "processed"]);
  });

  it("reverses a paid payout on transfer.reversed: money and items back to payable, a new payout can be created, Home says so", async () => {
    const { shop, ava } = await setup();
    const payout = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });
    await claimStripePayout(shop.id, payout.payoutId, MIA);
    await drainJobs();
    const paid = await db().payout.findUniqueOrThrow({ where: { id: payout.payoutId } });
    expect(paid.status).toBe("paid");
    const transfer = fake.transfers.find((t) => t.id === paid.stripeTransferId)!;
    const reversal = stripeEvent("transfer.reversed", { ...transfer, reversed: true, amount_reversed: transfer.amount });
    expect((await platform(shop.id, reversal)).status).toBe(200);
    await drainJobs();
    const reversed = await db().payout.findUniqueOrThrow({ where: { id: payout.payoutId }, include: { items: true } });
    expect(reversed.status).toBe("reversed");
    expect(reversed.items.every((item) => item.state === "released")).toBe(true);
    const invariants = await readMoneyInvariants(shop.id, ava.id);
    expect(invariants.ledgerPayable).toBe(42_000);
    expect(invariants.availableItems).toBe(42_000);
    const paidStripe = await db().ledgerEntry.aggregate({
      where: { shopId: shop.id, account: "paid_stripe" },
      _sum: { amountMinor: true },
    });
    expect(Number(paidStripe._sum.amountMinor)).toBe(0);
    expect(await db().auditEvent.count({ where: { shopId: shop.id, action: "payout.reversed" } })).toBe(1);
    const again = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });
    expect(again.amountMinor).toBe(42_000);
    const home = await (await adminFetch(app.url, shop.domain, "/app")).text();
    expect(home).toContain("1 Stripe transfer was reversed");
  });

  it("records a partial reversal and a reversal of an unknown transfer as rejected with the reason, changing nothing", async () => {
    const { shop, ava } = await setup();
    const payout = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });
    await claimStripePayout(shop.id, payout.payoutId, MIA);
    await drainJobs();
    const paid = await db().payout.findUniqueOrThrow({ where: { id: payout.payoutId } });
    const transfer = fake.transfers.find((t) => t.id === paid.stripeTransferId)!;
    await platform(shop.id, stripeEvent("transfer.reversed", { ...transfer, amount_reversed: 10_000 }));
    await platform(shop.id, stripeEvent("transfer.reversed", { ...transfer, id: "tr_not_ours", amount_reversed: transfer.amount }));
    await drainJobs();
    const reasons = (await eventsOf(shop.id)).map((e) => [e.status, e.reason]);
    expect(reasons).toEqual(
      expect.arrayContaining([
        ["rejected", expect.stringContaining("was partly reversed (10000 of 42000)")],
        ["rejected", "no payout of this shop was paid by the transfer tr_not_ours"],
      ]),
    );
    expect((await db().payout.findUniqueOrThrow({ where: { id: payout.payoutId } })).status).toBe("paid");
  });

  it("two shops on one Stripe account each apply their own copy of the same event; a repeat to one endpoint is a duplicate", async () => {
    const { shop, ava } = await setup();
    const { shop: sibling } = await setup();
    const payout = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });
    await claimStripePayout(shop.id, payout.payoutId, MIA);
    await drainJobs();
    const paid = await db().payout.findUniqueOrThrow({ where: { id: payout.payoutId } });
    const transfer = fake.transfers.find((t) => t.id === paid.stripeTransferId)!;
    // Stripe sends the account's event to every endpoint: the sibling shop's copy comes first.
    const reversal = stripeEvent("transfer.reversed", { ...transfer, reversed: true, amount_reversed: transfer.amount });
    expect((await platform(sibling.id, reversal)).status).toBe(200);
    expect((await platform(shop.id, reversal)).status).toBe(200);
    expect((await platform(shop.id, reversal)).status).toBe(200);
    await drainJobs();
    expect((await db().payout.findUniqueOrThrow({ where: { id: payout.payoutId } })).status).toBe("reversed");
    expect((await eventsOf(shop.id)).filter((e) => e.topic === "transfer.reversed").map((e) => e.status)).toEqual([
      "processed",
      "duplicate",
    ]);
    expect((await eventsOf(sibling.id)).map((e) => [e.status, e.reason])).toEqual([
      ["rejected", `no payout of this shop was paid by the transfer ${transfer.id}`],
    ]);
  });

  it("keeps the creator's payout-details status current from account.updated, ignoring an older snapshot", async () => {
    const { shop, ava } = await setup({ active: false });
    const account = fake.accounts.get(ava.stripeAccountId!)!;
    const t = Math.floor(Date.now() / 1000);
    const restricted = {
      ...account,
      details_submitted: true,
      capabilities: { transfers: "inactive" },
      requirements: {
        currently_due: ["individual.verification.document"],
        past_due: [],
        eventually_due: [],
        disabled_reason: "requirements.pending_verification",
      },
    };
    expect((await connect(shop.id, stripeEvent("account.updated", restricted, { account: account.id, created: t - 10 }))).status).toBe(200);
    await drainJobs();
    expect(await db().creator.findUniqueOrThrow({ where: { id: ava.id } })).toMatchObject({
      payoutDetailsStatus: "restricted",
      stripeTransfersActive: false,
      stripeRequirementsDue: ["individual.verification.document"],
    });
    const active = fake.activateAccount(account.id);
    await connect(shop.id, stripeEvent("account.updated", { ...active }, { account: account.id, created: t }));
    // Delivered late: an older snapshot than the one applied.
    await connect(shop.id, stripeEvent("account.updated", restricted, { account: account.id, created: t - 5 }));
    await drainJobs();
    expect(await db().creator.findUniqueOrThrow({ where: { id: ava.id } })).toMatchObject({
      payoutDetailsStatus: "complete",
      stripeTransfersActive: true,
      stripeRequirementsDue: [],
    });
  });

  it("re-reads the account from Stripe on capability.updated", async () => {
    const { shop, ava } = await setup({ active: false });
    fake.activateAccount(ava.stripeAccountId!);
    const capability = { id: "transfers", object: "capability", account: ava.stripeAccountId, status: "active", requested: true };
    expect((await connect(shop.id, stripeEvent("capability.updated", capability, { account: ava.stripeAccountId! }))).status).toBe(200);
    await drainJobs();
    expect(await db().creator.findUniqueOrThrow({ where: { id: ava.id } })).toMatchObject({
      payoutDetailsStatus: "complete",
      stripeTransfersActive: true,
    });
    expect(await db().auditEvent.count({ where: { shopId: shop.id, action: "creator.stripe_account_updated" } })).toBe(1);
  });

  it("records a creator's bank payouts from connected-account payout events", async () => {
    const { shop, ava } = await setup();
    const bank = {
      id: "po_bank_1",
      object: "payout",
      amount: 42_000,
      currency: "usd",
      status: "paid",
      arrival_date: 1_767_225_600,
      failure_code: null,
      failure_message: null,
    };
    await connect(shop.id, stripeEvent("payout.paid", bank, { account: ava.stripeAccountId! }));
    await connect(
      shop.id,
      stripeEvent(
        "payout.failed",
        {
          ...bank,
          id: "po_bank_2",
          status: "failed",
          failure_code: "account_closed",
          failure_message: "The bank account has been closed.",
        },
        { account: ava.stripeAccountId! },
      ),
    );
    await drainJobs();
    const rows = await listCreatorBankPayouts(shop.id, ava.id);
    expect(rows.map((r) => [r.status, r.amountMinor, r.currency, r.failureMessage]).sort()).toEqual([
      ["failed", 42_000, "USD", "The bank account has been closed."],
      ["paid", 42_000, "USD", null],
    ]);
    const page = await (await adminFetch(app.url, shop.domain, `/app/creators/${ava.id}`)).text();
    expect(page).toContain("failed: The bank account has been closed.");
    expect(page).toContain("Ready to be paid with Stripe.");

    // The creator sees the same bank payouts in the portal.
    await db().creator.update({ where: { id: ava.id }, data: { shopifyCustomerId: "7100001" } });
    const portal = await (await proxyFetch(app.url, "/portal?locale=en", { shop: shop.domain, customerId: "7100001" })).text();
    expect(portal).toContain("Transfers from Stripe to your bank");
    expect(portal).toMatch(/\$420\.00 · failed[^<]*— The bank account has been closed\./);
    expect(portal).toMatch(/\$420\.00 · arrived/);
    expect(portal).toContain("Stripe payouts are set up.");
  });
});
