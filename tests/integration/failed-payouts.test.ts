// A failed Stripe payout can be finished from its page, over HTTP as the embedded admin posts it:
// retry with Stripe, pay offline instead (failed → ready → paid offline in one transaction, the
// attempt history kept) or cancel (items back to payable); whatever is clicked, at once or in any
// order, it is paid at most once and the books balance. Its reason reads as a sentence.
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createPayout } from "~/payouts/create-payout.server";
import { claimStripePayout } from "~/rails/stripe/claim-stripe-payout.server";
import { stripeFailureReason } from "~/stripe/stripe-failure-reason";
import { createInstalledShop, MIA, PAID_ON } from "../support/factories";
import { forTransferGroup, type FakeStripe } from "../support/fake-stripe";
import { drainJobs } from "../support/jobs";
import { brokenMoneyInvariants, readMoneyInvariants } from "../support/money-invariants";
import { adminFetch } from "../support/shopify-session";
import { createStripeCreator, createStripeShop, givePayableUsd, startStripeTestApp, stopStripeTestApp } from "../support/stripe-fixtures";
import type { TestApp } from "../support/test-app";

let app: TestApp;
let fake: FakeStripe;

beforeAll(async () => ({ app, fake } = await startStripeTestApp()));
afterAll(() => stopStripeTestApp({ app, fake }));
beforeEach(() => fake.clearInjections());

const AMOUNT = 42_000;

/** A payout whose Stripe transfer Stripe refused with `code` (through the job, as in production). */
async function failedPayout(code = "balance_insufficient") {
  const shop = await createStripeShop();
  const ava = await createStripeCreator(shop.id, fake, "Ava Ames");
  await givePayableUsd(shop.id, ava.id, AMOUNT);
  const { payoutId } = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });
  fake.inject(
    /^\/v1\/transfers$/,
    { kind: "status", status: 400, code, message: `Stripe says ${code}.` },
    1,
    "POST",
    forTransferGroup(payoutId),
  );
  await claimStripePayout(shop.id, payoutId, MIA);
  await drainJobs();
  fake.clearInjections();
  expect((await payoutRow(payoutId)).status).toBe("failed");
  return { shop, ava, payoutId };
}

const payoutRow = (payoutId: string) =>
  db().payout.findUniqueOrThrow({ where: { id: payoutId }, include: { attempts: { orderBy: { attempt: "asc" } } } });

const OFFLINE = { method: "Bank transfer", reference: "WIRE-77", paidOn: PAID_ON, note: "Sorry for the delay" };
const FORMS = {
  pay_stripe: { intent: "pay_stripe" },
  pay_offline: { intent: "pay_offline", ...OFFLINE },
  cancel: { intent: "cancel" },
} as const;
type Intent = keyof typeof FORMS;

const post = (domain: string, payoutId: string, form: Record<string, string>) =>
  adminFetch(app.url, domain, `/app/payouts/${payoutId}`, { method: "POST", body: new URLSearchParams(form) });

async function ledger(shopId: string, account: string, creatorId: string | null) {
  const rows = await db().$queryRaw<{ total: bigint | null }[]>`
    SELECT SUM("amountMinor") AS total FROM "LedgerEntry"
    WHERE "shopId" = ${shopId} AND "currency" = 'USD' AND "account" = ${account}::"LedgerAccount" AND "creatorId" IS NOT DISTINCT FROM ${creatorId}`;
  return Number(rows[0]?.total ?? 0n);
}

async function books(shopId: string, creatorId: string) {
  return {
    payable: await ledger(shopId, "payable", creatorId),
    inPayout: await ledger(shopId, "in_payout", creatorId),
    paidOffline: await ledger(shopId, "paid_offline", null),
    paidStripe: await ledger(shopId, "paid_stripe", null),
  };
}

describe("a failed Stripe payout's page", () => {
  it("explains the failure in a sentence and offers retry, pay offline instead and cancel", async () => {
    const { shop, payoutId } = await failedPayout("balance_insufficient");
    const page = await (await adminFetch(app.url, shop.domain, `/app/payouts/${payoutId}`)).text();
    expect(page).toContain("This payout failed");
    expect(page).toContain(stripeFailureReason("balance_insufficient", { currency: "USD" }).sentence.replace(/'/g, "&#x27;"));
    expect(page).not.toContain("balance_insufficient:");
    for (const action of ["Retry with Stripe", "Pay offline instead", "Cancel payout"]) expect(page).toContain(action);
  });

  it("an unknown Stripe code reads as the generic sentence with the code in small print", async () => {
    const { shop, payoutId } = await failedPayout("brand_new_refusal");
    const page = await (await adminFetch(app.url, shop.domain, `/app/payouts/${payoutId}`)).text();
    expect(page).toContain("Stripe refused the transfer. Check the transfer in your Stripe dashboard");
    expect(page).toContain("Stripe error code: <!-- -->brand_new_refusal");
  });

  it("holds the retry back while the creator's account still cannot receive transfers", async () => {
    const { shop, ava, payoutId } = await failedPayout("account_closed");
    await db().creator.update({ where: { id: ava.id }, data: { stripeTransfersActive: false } });
    const page = await (await adminFetch(app.url, shop.domain, `/app/payouts/${payoutId}`)).text();
    expect(page).toContain("The creator&#x27;s Stripe account is closed.");
    expect(page).toContain("Retry is possible once the creator&#x27;s Stripe account can receive transfers again.");
  });
});

describe("finishing a failed Stripe payout over HTTP", () => {
  it("pays it offline instead: failed → paid offline, in_payout → paid_offline, the failed attempt kept", async () => {
    const { shop, ava, payoutId } = await failedPayout();
    expect(await books(shop.id, ava.id)).toEqual({ payable: 0, inPayout: AMOUNT, paidOffline: 0, paidStripe: 0 });

    const response = await post(shop.domain, payoutId, FORMS.pay_offline);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Payout marked paid offline instead of Stripe.");

    const paid = await payoutRow(payoutId);
    expect(paid).toMatchObject({
      status: "paid",
      channel: "offline",
      offlineMethod: "Bank transfer",
      offlineReference: "WIRE-77",
      statusReason: null,
    });
    expect(paid.attempts.map((a) => [a.attempt, a.status, a.errorCode])).toEqual([[1, "failed", "balance_insufficient"]]);
    expect(await books(shop.id, ava.id)).toEqual({ payable: 0, inPayout: 0, paidOffline: AMOUNT, paidStripe: 0 });
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { shopId: shop.id, subjectId: payoutId, action: "payout.paid_offline_instead" },
    });
    expect(audit).toMatchObject({ before: { status: "failed" }, after: { status: "paid", via: "ready, processing", amountMinor: AMOUNT } });
    expect(brokenMoneyInvariants(await readMoneyInvariants(shop.id, ava.id))).toEqual([]);
    expect(fake.transfers.filter((t) => t.transfer_group === payoutId)).toHaveLength(0);

    // Paid once: the same form again, a retry or a cancel are refused and change nothing.
    for (const intent of ["pay_offline", "pay_stripe", "cancel"] as const) {
      expect((await post(shop.domain, payoutId, FORMS[intent])).status).toBe(409);
    }
    expect(await books(shop.id, ava.id)).toEqual({ payable: 0, inPayout: 0, paidOffline: AMOUNT, paidStripe: 0 });
  });

  it("cancels it: its items are payable again", async () => {
    const { shop, ava, payoutId } = await failedPayout();
    expect((await post(shop.domain, payoutId, FORMS.cancel)).status).toBe(200);
    expect((await payoutRow(payoutId)).status).toBe("canceled");
    expect(await books(shop.id, ava.id)).toEqual({ payable: AMOUNT, inPayout: 0, paidOffline: 0, paidStripe: 0 });
    expect(brokenMoneyInvariants(await readMoneyInvariants(shop.id, ava.id))).toEqual([]);
  });

  it("retries it with Stripe: a new attempt and key, paid once", async () => {
    const { shop, ava, payoutId } = await failedPayout();
    expect((await post(shop.domain, payoutId, FORMS.pay_stripe)).status).toBe(200);
    await drainJobs();
    const paid = await payoutRow(payoutId);
    expect(paid.status).toBe("paid");
    expect(paid.attempts.map((a) => [a.idempotencyKey, a.status])).toEqual([
      [`payout_${payoutId}_a1`, "failed"],
      [`payout_${payoutId}_a2`, "succeeded"],
    ]);
    expect(await books(shop.id, ava.id)).toEqual({ payable: 0, inPayout: 0, paidOffline: 0, paidStripe: AMOUNT });
  });

  it("whatever is clicked at once (retry, pay offline, cancel, any number of each), exactly one wins and nothing is paid twice", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<Intent>("pay_stripe", "pay_offline", "cancel"), { minLength: 2, maxLength: 12 }),
        async (clicks) => {
          const { shop, ava, payoutId } = await failedPayout();
          const statuses = await Promise.all(clicks.map((intent) => post(shop.domain, payoutId, FORMS[intent]).then((r) => r.status)));
          expect(statuses.filter((status) => status === 200)).toHaveLength(1);
          expect(statuses.filter((status) => status !== 200).every((status) => status === 409)).toBe(true);
          const winner = clicks[statuses.indexOf(200)]!;
          await drainJobs();

          const after = await books(shop.id, ava.id);
          expect(after).toEqual({
            payable: winner === "cancel" ? AMOUNT : 0,
            inPayout: 0,
            paidOffline: winner === "pay_offline" ? AMOUNT : 0,
            paidStripe: winner === "pay_stripe" ? AMOUNT : 0,
          });
          expect(fake.transfers.filter((t) => t.transfer_group === payoutId)).toHaveLength(winner === "pay_stripe" ? 1 : 0);
          expect((await payoutRow(payoutId)).status).toBe(winner === "cancel" ? "canceled" : "paid");
          expect(brokenMoneyInvariants(await readMoneyInvariants(shop.id, ava.id))).toEqual([]);
        },
      ),
      { numRuns: 6 },
    );
  }, 120_000);
});

describe("feedback around these journeys", () => {
  it("Home's alert says 1 payout failed, and 2 payouts failed", async () => {
    const { shop, ava } = await failedPayout();
    const home = async () => (await adminFetch(app.url, shop.domain, "/app")).text();
    expect(await home()).toContain("1 payout failed");
    await givePayableUsd(shop.id, ava.id, 5_000);
    const { payoutId } = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });
    const refusal = { kind: "status", status: 400, code: "balance_insufficient", message: "No funds." } as const;
    fake.inject(/^\/v1\/transfers$/, refusal, 1, "POST", forTransferGroup(payoutId));
    await claimStripePayout(shop.id, payoutId, MIA);
    await drainJobs();
    const text = await home();
    expect(text).toContain("2 payouts failed");
    expect(text).not.toContain("1 payout failed");
  });

  it("Save creator says whether the invitation was sent", async () => {
    const shop = await createInstalledShop();
    const save = (email: string, sendInvitation: string) =>
      adminFetch(app.url, shop.domain, "/app/creators/new", {
        method: "POST",
        body: new URLSearchParams({
          name: "Ava Chen",
          email,
          socialHandle: "",
          referralCode: `${email.slice(0, 3)}10`,
          discountCodes: "",
          tags: "",
          notes: "",
          sendInvitation,
        }),
      });
    const invited = await save("ava@example.com", "true");
    expect(invited.status).toBe(302);
    expect(invited.headers.get("location")).toMatch(/\/app\/creators\/cr_[^?]+\?done=creator_invited$/);
    const notInvited = await save("bea@example.com", "false");
    expect(notInvited.headers.get("location")).toMatch(/\?done=creator_created$/);
  });
});
