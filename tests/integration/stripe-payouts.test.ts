// Paying payouts with Stripe, end to end against a fake Stripe that speaks its wire format:
// exactly one transfer per payout whatever the clicks, crashes, lost answers and 5xx; every
// definite refusal ends in `failed` with the reason, items still reserved; retry and cancel.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createPayout } from "~/payouts/create-payout.server";
import { cancelPayout } from "~/payouts/cancel-payout.server";
import { MIA } from "../support/factories";
import { readMoneyInvariants } from "../support/money-invariants";
import { claimStripePayout } from "~/rails/stripe/claim-stripe-payout.server";
import { sweepRailAttempts } from "~/rails/sweep-rail-attempts.server";
import { forTransferGroup, type FakeStripe } from "../support/fake-stripe";
import { drainJobs } from "../support/jobs";
import { adminFetch } from "../support/shopify-session";
import { createStripeCreator, createStripeShop, givePayableUsd, startStripeTestApp, stopStripeTestApp } from "../support/stripe-fixtures";
import type { TestApp } from "../support/test-app";

let app: TestApp;
let fake: FakeStripe;

beforeAll(async () => ({ app, fake } = await startStripeTestApp()));
afterAll(() => stopStripeTestApp({ app, fake }));
beforeEach(() => fake.clearInjections());

async function setup(options: { active?: boolean; currency?: string } = {}) {
  const shop = await createStripeShop();
  const ava = await createStripeCreator(shop.id, fake, "Ava Ames", { active: options.active });
  const currency = options.currency ?? "USD";
  await givePayableUsd(shop.id, ava.id, 42_000, currency);
  const payout = await createPayout({ shopId: shop.id, creatorId: ava.id, currency, origin: "run", actor: MIA });
  return { shop, ava, payoutId: payout.payoutId };
}

const transfersOf = (payoutId: string) => fake.transfers.filter((t) => t.transfer_group === payoutId);
const payoutRow = (payoutId: string) =>
  db().payout.findUniqueOrThrow({ where: { id: payoutId }, include: { attempts: { orderBy: { attempt: "asc" } } } });

async function ledger(shopId: string, account: "paid_stripe" | "in_payout" | "payable", creatorId: string | null) {
  const sum = await db().ledgerEntry.aggregate({ where: { shopId, account, creatorId, currency: "USD" }, _sum: { amountMinor: true } });
  return Number(sum._sum.amountMinor ?? 0n);
}

const pay = (domain: string, payoutId: string) =>
  adminFetch(app.url, domain, `/app/payouts/${payoutId}`, { method: "POST", body: new URLSearchParams({ intent: "pay_stripe" }) });

describe("paying a payout with Stripe", () => {
  it("turns 100 concurrent clicks on one payout into exactly one transfer", async () => {
    const { shop, ava, payoutId } = await setup();
    const answers = await Promise.all(Array.from({ length: 100 }, () => pay(shop.domain, payoutId).then((r) => r.text())));
    expect(answers.filter((text) => text.includes("the Stripe transfer is on its way")).length).toBe(1);
    expect(answers.filter((text) => /cannot become|changed by someone else/.test(text)).length).toBe(99);
    expect((await payoutRow(payoutId)).status).toBe("processing");
    await drainJobs();
    expect(transfersOf(payoutId)).toHaveLength(1);
    expect(transfersOf(payoutId)[0]).toMatchObject({
      amount: 42_000,
      currency: "usd",
      destination: ava.stripeAccountId,
      metadata: { attempt: "1" },
    });
    const paid = await payoutRow(payoutId);
    expect(paid).toMatchObject({ status: "paid", channel: "stripe", attemptCount: 1, stripeTransferId: transfersOf(payoutId)[0]!.id });
    expect(paid.attempts).toMatchObject([{ attempt: 1, idempotencyKey: `payout_${payoutId}_a1`, status: "succeeded" }]);
    expect(await ledger(shop.id, "paid_stripe", null)).toBe(42_000);
    expect(await ledger(shop.id, "in_payout", ava.id)).toBe(0);
    const commission = await db().commission.findFirstOrThrow({ where: { shopId: shop.id, creatorId: ava.id } });
    expect(commission.status).toBe("paid");
    const invariants = await readMoneyInvariants(shop.id, ava.id);
    expect(invariants.ledgerPayable).toBe(invariants.availableItems);
    expect(invariants.unbalancedTransactions).toBe(0);
  });

  it("stores the exact parameters before the call and replays them after a 5xx and after a lost answer", async () => {
    for (const injection of [{ kind: "status", status: 503 } as const, { kind: "drop" } as const]) {
      const { shop, payoutId } = await setup();
      // The SDK itself retries a closed connection once (with our key): drop both.
      fake.inject(/^\/v1\/transfers$/, injection, injection.kind === "drop" ? 2 : 1, "POST", forTransferGroup(payoutId));
      await claimStripePayout(shop.id, payoutId, MIA);
      const stored = (await payoutRow(payoutId)).attempts[0]!;
      expect(stored.params).toMatchObject({ amount: 42_000, currency: "usd", transfer_group: payoutId });
      await drainJobs();
      // Unknown outcome: still processing, the same attempt pending.
      expect((await payoutRow(payoutId)).status).toBe("processing");
      expect(transfersOf(payoutId)).toHaveLength(injection.kind === "drop" ? 1 : 0);
      if (injection.kind === "status") {
        // Recovery by the job's own retry: make its backoff due now and drain again.
        await db().$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = ${`pay_${stored.id}`}`;
        await drainJobs();
      } else {
        await sweepRailAttempts({ stuckAfterMs: 0 });
      }
      const after = await payoutRow(payoutId);
      expect(after.status).toBe("paid");
      expect(after.attempts).toHaveLength(1);
      expect(transfersOf(payoutId)).toHaveLength(1);
      const keys = fake.requests
        .filter((r) => r.path === "/v1/transfers" && r.idempotencyKey?.includes(payoutId))
        .map((r) => r.idempotencyKey);
      expect(new Set(keys)).toEqual(new Set([`payout_${payoutId}_a1`]));
      expect(keys.length).toBeGreaterThanOrEqual(2);
    }
  });

  it("fails on balance_insufficient with the reason, keeps the items reserved, and pays on retry with a new key", async () => {
    const { shop, ava, payoutId } = await setup();
    fake.inject(
      /^\/v1\/transfers$/,
      {
        kind: "status",
        status: 400,
        code: "balance_insufficient",
        message: "You have insufficient available funds in your Stripe account.",
      },
      1,
      "POST",
      forTransferGroup(payoutId),
    );
    await claimStripePayout(shop.id, payoutId, MIA);
    await drainJobs();
    const failed = await payoutRow(payoutId);
    expect(failed.status).toBe("failed");
    expect(failed.statusReason).toContain("does not have enough available funds in USD");
    expect(failed.attempts[0]).toMatchObject({ status: "failed", errorCode: "balance_insufficient" });
    expect(await ledger(shop.id, "in_payout", ava.id)).toBe(42_000);
    expect(transfersOf(payoutId)).toHaveLength(0);
    const page = await (await adminFetch(app.url, shop.domain, `/app/payouts/${payoutId}`)).text();
    expect(page).toContain("does not have enough available funds");

    const retried = await (await pay(shop.domain, payoutId)).text();
    expect(retried).toContain("the Stripe transfer is on its way");
    await drainJobs();
    const paid = await payoutRow(payoutId);
    expect(paid.status).toBe("paid");
    expect(paid.attempts.map((a) => [a.idempotencyKey, a.status])).toEqual([
      [`payout_${payoutId}_a1`, "failed"],
      [`payout_${payoutId}_a2`, "succeeded"],
    ]);
    expect(transfersOf(payoutId)).toHaveLength(1);
  });

  it("fails when Stripe says the creator's account cannot receive transfers, and a failed payout can be canceled back to payable", async () => {
    const { shop, ava, payoutId } = await setup();
    fake.accounts.get(ava.stripeAccountId!)!.capabilities.transfers = "inactive";
    await claimStripePayout(shop.id, payoutId, MIA);
    await drainJobs();
    const failed = await payoutRow(payoutId);
    expect(failed.status).toBe("failed");
    expect(failed.statusReason).toContain("The creator must finish or fix their Stripe onboarding");
    await cancelPayout(shop.id, payoutId, MIA);
    expect(await ledger(shop.id, "in_payout", ava.id)).toBe(0);
    expect(await ledger(shop.id, "payable", ava.id)).toBe(42_000);
  });

  it("blocks paying a creator without active transfers, and a currency the Stripe balance does not hold", async () => {
    const notReady = await setup({ active: false });
    const blocked = await (await pay(notReady.shop.domain, notReady.payoutId)).text();
    expect(blocked).toContain("Payout details missing");
    expect(await payoutRow(notReady.payoutId)).toMatchObject({ status: "ready", attemptCount: 0, attempts: [] });
    const page = await (await adminFetch(app.url, notReady.shop.domain, `/app/payouts/${notReady.payoutId}`)).text();
    expect(page).toContain("Payout details missing");

    const euro = await setup({ currency: "EUR" });
    const refused = await (await pay(euro.shop.domain, euro.payoutId)).text();
    expect(refused).toContain("Your Stripe balance holds USD, not EUR");
    expect(await payoutRow(euro.payoutId)).toMatchObject({ status: "ready", attemptCount: 0 });
    expect(transfersOf(notReady.payoutId).length + transfersOf(euro.payoutId).length).toBe(0);
  });

  it("pays several payouts from the Payouts list and reports the one it could not send", async () => {
    const first = await setup();
    const bob = await createStripeCreator(first.shop.id, fake, "Bob Banks", { active: false });
    await givePayableUsd(first.shop.id, bob.id, 5_000);
    const second = await createPayout({ shopId: first.shop.id, creatorId: bob.id, currency: "USD", origin: "run", actor: MIA });
    await givePayableUsd(first.shop.id, first.ava.id, 9_000, "EUR");
    const euro = await createPayout({ shopId: first.shop.id, creatorId: first.ava.id, currency: "EUR", origin: "run", actor: MIA });
    const body = new URLSearchParams({ intent: "pay_stripe" });
    body.append("payoutId", first.payoutId);
    body.append("payoutId", second.payoutId);
    body.append("payoutId", euro.payoutId);
    const text = await (await adminFetch(app.url, first.shop.domain, "/app/payouts?index", { method: "POST", body })).text();
    expect(text).toContain("1 payout is being paid with Stripe");
    expect(text).toContain("Payout details missing: Bob Banks");
    expect(text).toContain("Your Stripe balance holds USD, not EUR");
    await drainJobs();
    expect((await payoutRow(first.payoutId)).status).toBe("paid");
    expect((await payoutRow(second.payoutId)).status).toBe("ready");
    expect((await payoutRow(euro.payoutId)).status).toBe("ready");
  });

  it("past the one-hour safe window, the job looks the transfer up before sending anything again", async () => {
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 60 * 60 * 1000);
    const makeDue = (payoutId: string) =>
      db()
        .$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key IN (SELECT 'pay_' || id FROM "PayoutAttempt" WHERE "payoutId" = ${payoutId})`;
    const posts = (payoutId: string) =>
      fake.requests.filter((r) => r.method === "POST" && r.idempotencyKey === `payout_${payoutId}_a1`).length;

    // Stripe made the transfer and the answer was lost: found by its group, paid, no request sent.
    const found = await setup();
    fake.inject(/^\/v1\/transfers$/, { kind: "drop" }, 2, "POST", forTransferGroup(found.payoutId));
    await claimStripePayout(found.shop.id, found.payoutId, MIA);
    await drainJobs();
    expect(transfersOf(found.payoutId)).toHaveLength(1);
    await db().payoutAttempt.updateMany({ where: { payoutId: found.payoutId }, data: { createdAt: hoursAgo(2) } });
    const sentBefore = posts(found.payoutId);
    await makeDue(found.payoutId);
    await drainJobs();
    expect(await payoutRow(found.payoutId)).toMatchObject({ status: "paid", stripeTransferId: transfersOf(found.payoutId)[0]!.id });
    expect(posts(found.payoutId)).toBe(sentBefore);

    // Stripe answered 502 and made nothing: not found, and Stripe still knows the key, so the same
    // request is sent again, after the lookup.
    const lost = await setup();
    fake.inject(/^\/v1\/transfers$/, { kind: "status", status: 502 }, 1, "POST", forTransferGroup(lost.payoutId));
    await claimStripePayout(lost.shop.id, lost.payoutId, MIA);
    await drainJobs();
    await db().payoutAttempt.updateMany({ where: { payoutId: lost.payoutId }, data: { createdAt: hoursAgo(2) } });
    // This payout's requests (another test's job may run in the same drain).
    const requestsOf = (payoutId: string) => fake.requests.filter((r) => r.transferGroup === payoutId);
    const requestCount = requestsOf(lost.payoutId).length;
    await makeDue(lost.payoutId);
    await drainJobs();
    expect(
      requestsOf(lost.payoutId)
        .slice(requestCount)
        .map((r) => `${r.method} ${r.path} ${r.idempotencyKey ?? ""}`.trim()),
    ).toEqual(["GET /v1/transfers", `POST /v1/transfers payout_${lost.payoutId}_a1`]);
    expect((await payoutRow(lost.payoutId)).status).toBe("paid");
    expect(transfersOf(lost.payoutId)).toHaveLength(1);
  });

  it("after 24 hours looks the transfer up by its transfer group instead of replaying", async () => {
    const found = await setup();
    await claimStripePayout(found.shop.id, found.payoutId, MIA);
    fake.inject(/^\/v1\/transfers$/, { kind: "drop" }, 2, "POST", forTransferGroup(found.payoutId));
    await drainJobs();
    const lost = await setup();
    fake.inject(/^\/v1\/transfers$/, { kind: "status", status: 502 }, 1, "POST", forTransferGroup(lost.payoutId));
    await claimStripePayout(lost.shop.id, lost.payoutId, MIA);
    await drainJobs();
    const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000);
    await db().payoutAttempt.updateMany({ where: { payoutId: { in: [found.payoutId, lost.payoutId] } }, data: { createdAt: dayAgo } });
    // The sweep acts on every shop: count these two payouts' sends only.
    const sends = () =>
      fake.requests.filter(
        (r) => r.method === "POST" && r.path === "/v1/transfers" && [found.payoutId, lost.payoutId].includes(r.transferGroup ?? ""),
      ).length;
    const requestsBefore = sends();
    await sweepRailAttempts({ stuckAfterMs: 0 });
    // No replay past the key's lifetime: lookups only.
    expect(sends()).toBe(requestsBefore);
    expect(await payoutRow(found.payoutId)).toMatchObject({ status: "paid", stripeTransferId: transfersOf(found.payoutId)[0]!.id });
    const failed = await payoutRow(lost.payoutId);
    expect(failed.status).toBe("failed");
    expect(failed.statusReason).toContain("Stripe has no transfer for this attempt");
    expect(transfersOf(lost.payoutId)).toHaveLength(0);
  });
});
