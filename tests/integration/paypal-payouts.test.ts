// Paying one payout through PayPal Payouts, over HTTP against the fake PayPal (tests/support/
// fake-paypal.ts, which checks every request against PayPal's wire shapes): a batch of one item
// with sender_batch_id payout_<id>_a<attempt> and sender_item_id = the payout id, to the creator's
// PayPal email. The item's outcome is read back (job, then the sweeper's polls): SUCCESS settles
// in_payout → paid_paypal once; FAILED fails the payout with PayPal's reason. A lost answer is
// looked up by sending the same batch again (PayPal returns the original), never paid twice; a
// retry is a new attempt with its own batch. Refusals come before any call.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { creatorPayoutDetailsField, shopSecretField } from "~/lib/sealed-columns.server";
import { sealPayoutDetails } from "~/creators/payout-details.server";
import { db } from "~/db.server";
import { seal } from "~/lib/secret-box.server";
import { createPayout } from "~/payouts/create-payout.server";
import { clearPayPalTokenCache } from "~/rails/paypal/paypal-client.server";
import { sweepRailAttempts } from "~/rails/sweep-rail-attempts.server";
import { createCreator, createInstalledShop, givePayable, MIA } from "../support/factories";
import { startFakePayPal, type FakePayPal } from "../support/fake-paypal";
import { drainJobs } from "../support/jobs";
import { adminFetch } from "../support/shopify-session";
import { useTestApp } from "../support/test-app";

const app = useTestApp();
let paypal: FakePayPal;
const EMAIL = "ava.paypal@example.com";

beforeAll(async () => {
  paypal = await startFakePayPal();
  process.env.PAYPAL_API_ORIGIN = paypal.url;
});
afterEach(() => {
  paypal.honourRequestIds = true;
  paypal.receiverRules.clear();
  expect(paypal.contractViolations).toEqual([]);
});
afterAll(async () => {
  delete process.env.PAYPAL_API_ORIGIN;
  clearPayPalTokenCache();
  await paypal?.close();
});

/** A shop with PayPal connected (sandbox, the fake's credentials) and a creator owed 125.50 with a PayPal email. */
async function setup(options: { connected?: boolean; email?: string | null; currency?: string } = {}) {
  const shop = await createInstalledShop();
  if (options.connected !== false) {
    await db().shop.update({
      where: { id: shop.id },
      data: {
        paypalClientId: "sandbox-client",
        paypalClientSecretCiphertext: seal("sandbox-secret", shopSecretField(shop.id, "paypalClientSecretCiphertext")),
        paypalEnvironment: "sandbox",
        paypalWebhookId: "WH1ABC",
        paypalConnectedAt: new Date(),
      },
    });
  }
  const creator = await createCreator(shop.id, "Ava Ames");
  const email = options.email === undefined ? EMAIL : options.email;
  if (email) {
    await db().creator.update({
      where: { id: creator.id },
      data: {
        payoutMethod: "paypal",
        payoutDetailsStatus: "complete",
        payoutDetailsCiphertext: sealPayoutDetails({ method: "paypal", paypalEmail: email }, creatorPayoutDetailsField(creator)),
      },
    });
  }
  const currency = options.currency ?? "USD";
  await givePayable(shop.id, creator.id, { kind: "fixed_fee", amountMinor: 12_550, currency });
  const payout = await createPayout({ shopId: shop.id, creatorId: creator.id, currency, origin: "run", actor: MIA });
  return { shop, creator, payoutId: payout.payoutId };
}

const pay = (domain: string, payoutId: string) =>
  adminFetch(app.url, domain, `/app/payouts/${payoutId}`, { method: "POST", body: new URLSearchParams({ intent: "pay_paypal" }) });
const payoutRow = (payoutId: string) =>
  db().payout.findUniqueOrThrow({ where: { id: payoutId }, include: { attempts: { orderBy: { attempt: "asc" } } } });
const batchesFor = (payoutId: string) =>
  [...paypal.batches.values()].filter((b) => b.items.some((i) => i.payout_item.sender_item_id === payoutId));
const sweep = () => sweepRailAttempts({ stuckAfterMs: 0 });

async function ledger(shopId: string, account: "paid_paypal" | "in_payout", creatorId: string | null, currency = "USD") {
  const sum = await db().ledgerEntry.aggregate({ where: { shopId, account, creatorId, currency }, _sum: { amountMinor: true } });
  return Number(sum._sum.amountMinor ?? 0n);
}

/** The payout's batch is processed at PayPal (items move to their receiver's rule). */
function processAtPayPal(payoutId: string) {
  for (const batch of batchesFor(payoutId)) paypal.processBatch(batch.payout_batch_id);
}

describe("paying a payout with PayPal", () => {
  it("sends one batch of one item, waits while PENDING, and settles in_payout → paid_paypal once on SUCCESS", async () => {
    const { shop, creator, payoutId } = await setup();
    const page = await (await adminFetch(app.url, shop.domain, `/app/payouts/${payoutId}`)).text();
    expect(page).toContain("Pay with PayPal");
    const answer = await pay(shop.domain, payoutId);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain("the PayPal payment is on its way");
    const claimed = await payoutRow(payoutId);
    expect(claimed).toMatchObject({ status: "processing", channel: "paypal" });
    // The exact request is stored before any call.
    expect(claimed.attempts).toMatchObject([
      {
        attempt: 1,
        rail: "paypal",
        status: "pending",
        idempotencyKey: `payout_${payoutId}_a1`,
        params: {
          sender_batch_header: { sender_batch_id: `payout_${payoutId}_a1`, recipient_type: "EMAIL" },
          items: [{ receiver: EMAIL, amount: { value: "125.50", currency: "USD" }, sender_item_id: payoutId }],
        },
      },
    ]);
    expect(batchesFor(payoutId)).toHaveLength(0);

    await drainJobs();
    // Sent; the item is PENDING at PayPal, so the payout waits (still reserved, nothing posted).
    expect(batchesFor(payoutId)).toHaveLength(1);
    expect(await payoutRow(payoutId)).toMatchObject({ status: "processing" });
    expect(await sweep()).toEqual({ [claimed.attempts[0]!.id]: "try_later" });
    expect(await ledger(shop.id, "paid_paypal", null)).toBe(0);

    processAtPayPal(payoutId);
    await sweep();
    const paid = await payoutRow(payoutId);
    expect(paid.status).toBe("paid");
    const item = batchesFor(payoutId)[0]!.items[0]!;
    expect(paid.attempts[0]).toMatchObject({ status: "succeeded", railReference: item.payout_item_id });
    expect(await ledger(shop.id, "paid_paypal", null)).toBe(12_550);
    expect(await ledger(shop.id, "in_payout", creator.id)).toBe(0);
    // Sweeping again changes nothing: one batch, one movement.
    await sweep();
    expect(batchesFor(payoutId)).toHaveLength(1);
    expect(await ledger(shop.id, "paid_paypal", null)).toBe(12_550);
    const audit = await db().auditEvent.findMany({ where: { shopId: shop.id, subjectId: payoutId }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["payout.paypal_claimed", "payout.paid_paypal"]));
    const paidPage = await (await adminFetch(app.url, shop.domain, `/app/payouts/${payoutId}`)).text();
    expect(paidPage).toContain(item.payout_item_id);
  });

  it.each([
    ["PayPal-Request-Id", true],
    ["the sender_batch_id duplicate check", false],
  ])("looks a lost answer up by resending the same batch (PayPal answers via %s): one batch, paid once", async (_, honour) => {
    paypal.honourRequestIds = honour;
    const { shop, payoutId } = await setup();
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    // PayPal makes the batch, then the answer is lost.
    paypal.inject(/^\/v1\/payments\/payouts$/, { kind: "drop" }, 1, "POST");
    await drainJobs();
    expect(batchesFor(payoutId)).toHaveLength(1);
    expect(await payoutRow(payoutId)).toMatchObject({ status: "processing" });
    processAtPayPal(payoutId);
    await sweep();
    expect(batchesFor(payoutId)).toHaveLength(1);
    expect(await payoutRow(payoutId)).toMatchObject({ status: "paid" });
    expect(await ledger(shop.id, "paid_paypal", null)).toBe(12_550);
  });

  it("a 5xx leaves the attempt pending and it is resent as stored; after a FAILED item the retry is attempt 2 with its own batch", async () => {
    const { shop, payoutId } = await setup();
    paypal.receiverRules.set(EMAIL, { status: "FAILED", errorName: "RECEIVER_UNREGISTERED", errorMessage: "Receiver is unregistered" });
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    paypal.inject(/^\/v1\/payments\/payouts$/, { kind: "status", status: 503 }, 1, "POST");
    await drainJobs();
    expect(batchesFor(payoutId)).toHaveLength(0);
    await sweep();
    expect(batchesFor(payoutId)).toHaveLength(1);
    processAtPayPal(payoutId);
    await sweep();
    const failed = await payoutRow(payoutId);
    expect(failed).toMatchObject({ status: "failed" });
    expect(failed.attempts).toMatchObject([{ attempt: 1, status: "failed", errorCode: "paypal_item_failed" }]);

    paypal.receiverRules.clear();
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    await drainJobs();
    processAtPayPal(payoutId);
    await sweep();
    const paid = await payoutRow(payoutId);
    expect(paid.status).toBe("paid");
    expect(paid.attempts.map((a) => [a.attempt, a.status, a.idempotencyKey])).toEqual([
      [1, "failed", `payout_${payoutId}_a1`],
      [2, "succeeded", `payout_${payoutId}_a2`],
    ]);
    const batches = batchesFor(payoutId);
    expect(batches.map((b) => b.sender_batch_header.sender_batch_id).sort()).toEqual([`payout_${payoutId}_a1`, `payout_${payoutId}_a2`]);
    expect(batches.flatMap((b) => b.items).filter((i) => i.transaction_status === "SUCCESS")).toHaveLength(1);
    expect(await ledger(shop.id, "paid_paypal", null)).toBe(12_550);
  });

  it("fails the payout with PayPal's reason when the item FAILED; the money stays reserved", async () => {
    const { shop, creator, payoutId } = await setup();
    paypal.receiverRules.set(EMAIL, { status: "FAILED", errorName: "RECEIVER_UNREGISTERED", errorMessage: "Receiver is unregistered" });
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    await drainJobs();
    processAtPayPal(payoutId);
    await sweep();
    const failed = await payoutRow(payoutId);
    expect(failed.status).toBe("failed");
    expect(failed.statusReason).toBeTruthy();
    expect(failed.attempts[0]).toMatchObject({ status: "failed", errorMessage: failed.statusReason });
    expect(await ledger(shop.id, "paid_paypal", null)).toBe(0);
    expect(await ledger(shop.id, "in_payout", creator.id)).toBe(12_550);
    const page = await (await adminFetch(app.url, shop.domain, `/app/payouts/${payoutId}`)).text();
    expect(page).toContain(failed.statusReason!.replace(/'/g, "&#x27;").slice(0, 30));
  });
});

describe("refusals before any call to PayPal", () => {
  it.each([
    ["PayPal is not connected", { connected: false }, 409, "PayPal is not connected for this shop"],
    ["the creator has no PayPal email", { email: null }, 422, "Ava Ames has no PayPal email"],
    ["PayPal cannot pay the currency", { currency: "INR" }, 422, "PayPal Payouts cannot pay in INR"],
  ] as const)("%s: a sentence, nothing sent, the payout stays ready", async (_, options, status, sentence) => {
    const before = paypal.requests.length;
    const { shop, payoutId } = await setup(options);
    const refused = await pay(shop.domain, payoutId);
    expect(refused.status).toBe(status);
    expect(await refused.text()).toContain(sentence);
    expect(await payoutRow(payoutId)).toMatchObject({ status: "ready", attempts: [] });
    await drainJobs();
    expect(paypal.requests.length).toBe(before);
  });

  it("does not offer Pay with PayPal when PayPal is not connected", async () => {
    const { shop, payoutId } = await setup({ connected: false });
    const page = await (await adminFetch(app.url, shop.domain, `/app/payouts/${payoutId}`)).text();
    expect(page).not.toContain("Pay with PayPal");
  });
});

describe("PayPal webhook /webhooks/paypal", () => {
  /** An item event as PayPal sends it, about the payout's item in its (only) batch. */
  function itemEvent(payoutId: string, eventType = "PAYMENT.PAYOUTS-ITEM.SUCCEEDED", status = "SUCCESS") {
    const item = batchesFor(payoutId)[0]!.items[0]!;
    return {
      id: `WH-${item.payout_item_id}-${eventType}`,
      event_type: eventType,
      resource: {
        payout_item_id: item.payout_item_id,
        transaction_status: status,
        payout_batch_id: item.payout_batch_id,
        sender_batch_id: item.sender_batch_id,
        payout_item: { amount: item.payout_item.amount, receiver: item.payout_item.receiver, sender_item_id: payoutId },
      },
    };
  }
  const deliver = (delivery: { headers: Headers; rawBody: string }) =>
    fetch(`${app.url}/webhooks/paypal`, { method: "POST", headers: delivery.headers, body: delivery.rawBody });

  it("settles on a verified item event only after re-reading the item from PayPal", async () => {
    const { shop, payoutId } = await setup();
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    await drainJobs();
    // Verified, but PayPal's item is still PENDING: the event's own word is not taken.
    const early = await deliver(paypal.webhookDelivery(itemEvent(payoutId), "WH1ABC"));
    expect(early.status).toBe(200);
    expect(await payoutRow(payoutId)).toMatchObject({ status: "processing" });

    paypal.setItemStatus(payoutId, { status: "SUCCESS" });
    // Signed for another webhook, or changed on the way: refused, nothing settled.
    expect((await deliver(paypal.webhookDelivery(itemEvent(payoutId), "WH2OTHER"))).status).toBe(401);
    const good = paypal.webhookDelivery(itemEvent(payoutId), "WH1ABC");
    expect((await deliver({ headers: good.headers, rawBody: good.rawBody.replace("SUCCESS", "FAILED") })).status).toBe(401);
    expect(await payoutRow(payoutId)).toMatchObject({ status: "processing" });

    expect((await deliver(good)).status).toBe(200);
    expect(await payoutRow(payoutId)).toMatchObject({ status: "paid" });
    // Delivered twice: settled once.
    expect((await deliver(good)).status).toBe(200);
    expect(await ledger(shop.id, "paid_paypal", null)).toBe(12_550);
  });

  it("fails the payout on a verified FAILED item event with PayPal's reason", async () => {
    const { shop, payoutId } = await setup();
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    await drainJobs();
    paypal.setItemStatus(payoutId, { status: "FAILED", errorName: "RECEIVER_UNREGISTERED", errorMessage: "Receiver is unregistered" });
    const answer = await deliver(paypal.webhookDelivery(itemEvent(payoutId, "PAYMENT.PAYOUTS-ITEM.FAILED", "FAILED"), "WH1ABC"));
    expect(answer.status).toBe(200);
    const failed = await payoutRow(payoutId);
    expect(failed).toMatchObject({ status: "failed" });
    expect(failed.attempts[0]).toMatchObject({ status: "failed", errorCode: "paypal_item_failed" });
  });

  it("refuses a body that is not a PayPal event (400) or is too large (413)", async () => {
    const notJson = await fetch(`${app.url}/webhooks/paypal`, { method: "POST", body: "hello" });
    expect(notJson.status).toBe(400);
    const huge = await fetch(`${app.url}/webhooks/paypal`, { method: "POST", body: "x".repeat(300 * 1024) });
    expect(huge.status).toBe(413);
  });
});
