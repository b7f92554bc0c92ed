// Property: whatever mix of clicks, lost answers, Stripe 5xx, definite refusals, failed lookups,
// job runs, sweeps and worker outages of 0–48 hours happens to a payout, Stripe never holds more
// than one transfer for it, a payout the merchant may retry (failed) has none, and once the storms
// pass it ends paid by exactly one transfer with exactly one ledger movement.
// Time is the app's clock (CREATOR_PAYOUTS_CLOCK), the fake Stripe's clock (which forgets
// idempotency keys 24 hours after their first answer) and the job queue's run_at, moved together.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { isDomainError } from "~/domain/errors";
import { createPayout } from "~/payouts/create-payout.server";
import { createShop, MIA } from "../support/factories";
import { claimStripePayout } from "~/rails/stripe/claim-stripe-payout.server";
import { sweepRailAttempts } from "~/rails/sweep-rail-attempts.server";
import { startFakeStripe, type FakeStripe } from "../support/fake-stripe";
import { drainJobs } from "../support/jobs";
import { connectShopToStripe, createStripeCreator, givePayableUsd } from "../support/stripe-fixtures";
import { useTestDatabase } from "../support/test-database";

let fake: FakeStripe;
let clockMs = Date.now();

function setClock(ms: number) {
  clockMs = ms;
  process.env.CREATOR_PAYOUTS_CLOCK = new Date(ms).toISOString();
}

beforeAll(async () => {
  fake = await startFakeStripe();
  fake.now = () => clockMs;
  process.env.STRIPE_API_ORIGIN = fake.url;
  await useTestDatabase();
});
afterAll(async () => {
  delete process.env.CREATOR_PAYOUTS_CLOCK;
  await fake?.close();
});

const MINUTE = 60_000;

type Step =
  | { kind: "click" | "drain" | "sweep" | "due_now" | "send_503" | "send_drop" | "send_refused" | "lookup_503" | "lookup_drop" }
  | { kind: "outage"; minutes: number };
const TRANSFERS = /^\/v1\/transfers$/;

/** No worker runs for `minutes`: every clock moves on, and queued jobs' backoff elapses with it. */
async function outage(minutes: number) {
  setClock(clockMs + minutes * MINUTE);
  await db()
    .$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = run_at - make_interval(mins => ${minutes}::int) WHERE locked_at IS NULL`;
}

async function clickPay(shopId: string, payoutId: string) {
  try {
    await claimStripePayout(shopId, payoutId, MIA);
  } catch (error) {
    if (!isDomainError(error)) throw error; // "cannot become processing" while processing or paid
  }
}

async function runStep(step: Step, shopId: string, payoutId: string) {
  switch (step.kind) {
    case "click":
      return clickPay(shopId, payoutId);
    case "drain":
      return drainJobs();
    case "sweep":
      return void (await sweepRailAttempts({ stuckAfterMs: 0 }));
    case "due_now":
      return void (await db().$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key LIKE ${`pay_%`}`);
    case "outage":
      return outage(step.minutes);
    // Stripe did the work and the answer was lost (the SDK retries a closed connection once: drop both).
    case "send_drop":
      return fake.inject(TRANSFERS, { kind: "drop" }, 2, "POST");
    case "send_503":
      return fake.inject(TRANSFERS, { kind: "status", status: 503 }, 1, "POST");
    case "send_refused":
      return fake.inject(
        TRANSFERS,
        { kind: "status", status: 400, code: "balance_insufficient", message: "Insufficient funds." },
        1,
        "POST",
      );
    case "lookup_drop":
      return fake.inject(TRANSFERS, { kind: "drop" }, 2, "GET");
    case "lookup_503":
      return fake.inject(TRANSFERS, { kind: "status", status: 503 }, 1, "GET");
  }
}

const outageMinutes = fc.oneof(
  fc.integer({ min: 0, max: 48 * 60 }),
  // Around the one-hour safe window and Stripe's 24-hour key lifetime.
  fc.constantFrom(0, 59, 61, 23 * 60 - 1, 23 * 60 + 1, 24 * 60 - 1, 24 * 60 + 1, 48 * 60),
);
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .constantFrom("click", "drain", "sweep", "due_now", "send_503", "send_drop", "send_refused", "lookup_503", "lookup_drop")
      .map((kind) => ({ kind }) as Step),
  },
  { weight: 1, arbitrary: outageMinutes.map((minutes): Step => ({ kind: "outage", minutes })) },
);

const CLICK: Step = { kind: "click" };
const DRAIN: Step = { kind: "drain" };
const SWEEP: Step = { kind: "sweep" };
const hoursDown = (hours: number): Step => ({ kind: "outage", minutes: hours * 60 });
/** Sequences that walk each age band on purpose; the random ones come after. */
const EXAMPLES: Record<string, Step[]> = {
  // Seen live: the first answer lost, the worker down past Stripe's key lifetime, then the job's retry.
  lostAnswerThenLongOutage: [CLICK, { kind: "send_drop" }, DRAIN, hoursDown(25), DRAIN],
  lostAnswerLostLookupThenSweep: [CLICK, { kind: "send_drop" }, DRAIN, hoursDown(2), { kind: "lookup_drop" }, SWEEP, SWEEP],
  neverSentThenWaitBand: [{ kind: "send_503" }, CLICK, DRAIN, hoursDown(23.5), SWEEP, DRAIN, hoursDown(1), SWEEP],
  workerDownTwoDaysBeforeAnySend: [CLICK, hoursDown(48), DRAIN, SWEEP],
};

describe("exactly one transfer, whatever happens", () => {
  it("holds for random sequences of clicks, failures, job runs, sweeps and worker outages of 0–48 hours", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        fake.clearInjections();
        setClock(Date.now());
        const shop = await createShop();
        await connectShopToStripe(shop.id);
        const ava = await createStripeCreator(shop.id, fake);
        await givePayableUsd(shop.id, ava.id, 42_000);
        const { payoutId } = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });
        const transfers = () => fake.transfers.filter((t) => t.transfer_group === payoutId);
        const expectNeverTwice = async () => {
          const { status, stripeTransferId } = await db().payout.findUniqueOrThrow({ where: { id: payoutId } });
          expect(transfers().length).toBeLessThanOrEqual(1);
          // A payout the merchant may pay again must have no transfer at Stripe.
          if (status === "failed" || status === "ready") expect(transfers()).toHaveLength(0);
          if (status === "paid") expect(stripeTransferId).toBe(transfers()[0]?.id);
        };

        for (const current of steps) {
          await runStep(current, shop.id, payoutId);
          await expectNeverTwice();
        }

        // The storms pass: the merchant keeps clicking (retry), workers and the sweeper keep
        // working, and time goes on.
        fake.clearInjections();
        for (let round = 0; round < 8; round++) {
          const { status } = await db().payout.findUniqueOrThrow({ where: { id: payoutId } });
          if (status === "paid") break;
          if (status === "ready" || status === "failed") await clickPay(shop.id, payoutId);
          await drainJobs();
          await sweepRailAttempts();
          await expectNeverTwice();
          await outage(2 * 60);
        }
        const payout = await db().payout.findUniqueOrThrow({ where: { id: payoutId }, include: { attempts: true } });
        expect(payout.status).toBe("paid");
        expect(transfers()).toHaveLength(1);
        expect(payout.stripeTransferId).toBe(transfers()[0]!.id);
        expect(payout.attempts.filter((a) => a.status === "succeeded")).toHaveLength(1);
        expect(payout.attempts.filter((a) => a.status === "pending")).toHaveLength(0);
        expect(new Set(payout.attempts.map((a) => a.idempotencyKey)).size).toBe(payout.attempts.length);
        expect(await db().ledgerTransaction.count({ where: { shopId: shop.id, kind: "pay_stripe" } })).toBe(1);
        const inPayout = await db().ledgerEntry.aggregate({
          where: { shopId: shop.id, creatorId: ava.id, account: "in_payout" },
          _sum: { amountMinor: true },
        });
        expect(Number(inPayout._sum.amountMinor ?? 0n)).toBe(0);
      }),
      { numRuns: 30, examples: Object.values(EXAMPLES).map((steps) => [steps] as [Step[]]) },
    );
  }, 240_000);
});
