// Property: whatever mix of clicks, lost answers, Stripe 5xx, definite refusals, job runs and
// sweeps happens to a payout, Stripe never holds more than one transfer for it, and once the
// storms pass it ends paid by exactly one transfer with exactly one ledger movement.
import fc from "fast-check";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { isDomainError } from "~/domain/errors";
import { createPayout } from "~/payouts/create-payout.server";
import { MIA } from "~/payouts/payouts.testkit";
import { claimStripePayout } from "~/stripe/claim-stripe-payout.server";
import { sweepStripePayouts } from "~/stripe/sweep-stripe-payouts.server";
import { startFakeStripe, type FakeStripe } from "../support/fake-stripe";
import { drainJobs } from "../support/jobs";
import { connectShopToStripe, createStripeCreator, givePayableUsd } from "../support/stripe-fixtures";
import { useTestDatabase } from "../support/test-database";

let fake: FakeStripe;

beforeAll(async () => {
  fake = await startFakeStripe();
  process.env.STRIPE_API_ORIGIN = fake.url;
  await useTestDatabase();
});
afterAll(async () => {
  await fake?.close();
});

type Step = "click" | "drain" | "sweep" | "503" | "drop" | "balance_insufficient" | "due_now";
const TRANSFERS = /^\/v1\/transfers$/;

async function clickPay(shopId: string, payoutId: string) {
  try {
    await claimStripePayout(shopId, payoutId, MIA);
  } catch (error) {
    if (!isDomainError(error)) throw error; // "cannot become processing" while processing or paid
  }
}

describe("exactly one transfer, whatever happens", () => {
  it("holds for random sequences of clicks, failures, job runs and sweeps", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom<Step>("click", "drain", "sweep", "503", "drop", "balance_insufficient", "due_now"), { minLength: 1, maxLength: 12 }), async (steps) => {
        fake.clearInjections();
        const shop = await db().shop.create({ data: { domain: `${randomUUID()}.myshopify.com`, name: "Trail Co", currency: "USD" } });
        await connectShopToStripe(shop.id);
        const ava = await createStripeCreator(shop.id, fake);
        await givePayableUsd(shop.id, ava.id, 42_000);
        const { payoutId } = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });
        const transfers = () => fake.transfers.filter((t) => t.transfer_group === payoutId);

        for (const step of steps) {
          if (step === "click") await clickPay(shop.id, payoutId);
          else if (step === "drain") await drainJobs();
          else if (step === "sweep") await sweepStripePayouts({ stuckAfterMs: 0 });
          else if (step === "due_now") await db().$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key LIKE ${`pay_%`}`;
          else if (step === "503") fake.inject(TRANSFERS, { kind: "status", status: 503 });
          else if (step === "drop") fake.inject(TRANSFERS, { kind: "drop" }, 2);
          else fake.inject(TRANSFERS, { kind: "status", status: 400, code: "balance_insufficient", message: "Insufficient funds." });
          expect(transfers().length).toBeLessThanOrEqual(1);
        }

        // The storms pass: the merchant keeps clicking (retry) and the sweeper keeps sweeping.
        fake.clearInjections();
        for (let round = 0; round < 6; round++) {
          const { status } = await db().payout.findUniqueOrThrow({ where: { id: payoutId } });
          if (status === "paid") break;
          if (status === "ready" || status === "failed") await clickPay(shop.id, payoutId);
          await drainJobs();
          await sweepStripePayouts({ stuckAfterMs: 0 });
        }
        const payout = await db().payout.findUniqueOrThrow({ where: { id: payoutId }, include: { attempts: true } });
        expect(payout.status).toBe("paid");
        expect(transfers()).toHaveLength(1);
        expect(payout.stripeTransferId).toBe(transfers()[0]!.id);
        expect(payout.attempts.filter((a) => a.status === "succeeded")).toHaveLength(1);
        expect(payout.attempts.filter((a) => a.status === "pending")).toHaveLength(0);
        expect(new Set(payout.attempts.map((a) => a.idempotencyKey)).size).toBe(payout.attempts.length);
        expect(await db().ledgerTransaction.count({ where: { shopId: shop.id, kind: "pay_stripe" } })).toBe(1);
        const inPayout = await db().ledgerEntry.aggregate({ where: { shopId: shop.id, creatorId: ava.id, account: "in_payout" }, _sum: { amountMinor: true } });
        expect(Number(inPayout._sum.amountMinor ?? 0n)).toBe(0);
      }),
      { numRuns: 15 },
    );
  }, 240_000);
});
