// The harness of the "exactly one payment, whatever happens" property for the keyless Shopify
// rails (store credit, gift cards): random sequences of clicks (pay, and retry after a failure),
// sends whose answer is lost after Shopify did the work, Admin API 5xx (on the claim's reads, the
// send or the look-up), definite refusals, job runs, sweeps and worker outages of 0–48 hours. After
// every step Shopify holds at most one payment for the payout and a payout the merchant may pay
// again (ready, failed) holds none; once the storms pass it ends paid by exactly one payment with
// exactly one ledger movement (in_payout → paid_<rail>).
// Time is the app's clock (CREATOR_PAYOUTS_CLOCK), the Admin stand-in's clock (what it made's
// createdAt) and the job queue's run_at, moved together.
import fc from "fast-check";
import { expect } from "vitest";
import type { LedgerTransactionKind } from "@prisma/client";
import { db } from "~/db.server";
import { isDomainError } from "~/domain/errors";
import { createPayout } from "~/payouts/create-payout.server";
import { sweepRailAttempts } from "~/rails/sweep-rail-attempts.server";
import { createCreator, createInstalledShop, givePayable, MIA } from "./factories";
import type { FakeShopifyAdmin } from "./fake-shopify-admin";
import { drainJobs } from "./jobs";

const MINUTE = 60_000;

/** One keyless rail as the property drives it. */
export interface KeylessRailUnderTest {
  admin: FakeShopifyAdmin;
  /** The offline session's scopes the rail needs. */
  scopes: string;
  /** Makes the creator payable on this rail (a customer account, a link); returns what to count by. */
  prepareCreator(creator: { id: string; email: string }): Promise<string>;
  /** The merchant's click: claims the payout on this rail (a DomainError is a refusal, swallowed). */
  claim(shopId: string, payoutId: string): Promise<unknown>;
  /** What Shopify made for this payout (by the key prepareCreator returned, or the payout id). */
  payments(key: string, payoutId: string): { reference: string; amount: string; currencyCode: string }[];
  /** The next send is done, then its answer dropped. */
  dropNextAnswer(): void;
  /** The next send is refused (a userError), nothing made. */
  refuseNextSend(): void;
  /** Forgets drops and refusals not used yet. */
  calm(): void;
  payKind: LedgerTransactionKind;
}

export type Step =
  { kind: "click" | "drain" | "sweep" | "due_now" | "send_drop" | "admin_502" | "send_refused" } | { kind: "outage"; minutes: number };

let clockMs = Date.now();
/** The clock the stand-ins read (pass it to their `now`). */
export const propertyClock = () => new Date(clockMs);

function setClock(ms: number) {
  clockMs = ms;
  process.env.CREATOR_PAYOUTS_CLOCK = new Date(ms).toISOString();
}

/** No worker runs for `minutes`: every clock moves on, and queued jobs' backoff elapses with it. */
async function outage(minutes: number) {
  setClock(clockMs + minutes * MINUTE);
  await db()
    .$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = run_at - make_interval(mins => ${minutes}::int) WHERE locked_at IS NULL`;
}

async function clickPay(rail: KeylessRailUnderTest, shopId: string, payoutId: string) {
  try {
    await rail.claim(shopId, payoutId);
  } catch (error) {
    if (!isDomainError(error)) throw error; // "cannot become processing", or Shopify 5xx on the claim's read
  }
}

async function runStep(rail: KeylessRailUnderTest, step: Step, shopId: string, payoutId: string) {
  switch (step.kind) {
    case "click":
      return clickPay(rail, shopId, payoutId);
    case "drain":
      return drainJobs();
    case "sweep":
      return void (await sweepRailAttempts({ stuckAfterMs: 0 }));
    case "due_now":
      return void (await db().$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key LIKE ${`pay_%`}`);
    case "outage":
      return outage(step.minutes);
    // Shopify did the work and the answer was lost.
    case "send_drop":
      return rail.dropNextAnswer();
    // The next Admin request of any kind (a claim's read, the send, a look-up) answers 502, nothing done.
    case "admin_502":
      return rail.admin.inject({ kind: "status", status: 502 });
    case "send_refused":
      return rail.refuseNextSend();
  }
}

const outageMinutes = fc.oneof(
  fc.integer({ min: 0, max: 48 * 60 }),
  // Around the 15-minute flight and the sweeper's 10 minutes.
  fc.constantFrom(0, 9, 11, 14, 16, 60, 24 * 60, 48 * 60),
);
export const keylessStep: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .constantFrom("click", "drain", "sweep", "due_now", "send_drop", "admin_502", "send_refused")
      .map((kind) => ({ kind }) as Step),
  },
  { weight: 1, arbitrary: outageMinutes.map((minutes): Step => ({ kind: "outage", minutes })) },
);

const CLICK: Step = { kind: "click" };
const DRAIN: Step = { kind: "drain" };
const SWEEP: Step = { kind: "sweep" };
const minutesDown = (minutes: number): Step => ({ kind: "outage", minutes });
/** Sequences that walk the lost-answer paths on purpose; the random ones come after. */
export const KEYLESS_EXAMPLES: Record<string, Step[]> = {
  lostAnswerThenJobRetry: [CLICK, { kind: "send_drop" }, DRAIN, { kind: "due_now" }, DRAIN],
  lostAnswerThenLongOutageAndSweep: [CLICK, { kind: "send_drop" }, DRAIN, minutesDown(48 * 60), SWEEP],
  fiveHundredThenFailThenRetry: [CLICK, { kind: "admin_502" }, DRAIN, minutesDown(16), SWEEP, CLICK, DRAIN],
  lostLookupInsideTheFlight: [CLICK, { kind: "send_drop" }, DRAIN, { kind: "admin_502" }, SWEEP, minutesDown(14), SWEEP],
  workerDownTwoDaysBeforeAnySend: [CLICK, minutesDown(48 * 60), DRAIN, SWEEP],
};

/** Runs the property for one rail (`numRuns` random sequences after the examples). */
export async function assertExactlyOnePayment(rail: KeylessRailUnderTest, options: { numRuns: number }): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.array(keylessStep, { minLength: 1, maxLength: 12 }), async (steps) => {
      rail.admin.clearInjections();
      rail.calm();
      setClock(Date.now());
      const shop = await createInstalledShop();
      await db().session.update({ where: { id: `offline_${shop.domain}` }, data: { scope: rail.scopes } });
      const ava = await createCreator(shop.id, "Ava Ames");
      const key = await rail.prepareCreator(ava);
      await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor: 42_000 });
      const { payoutId } = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });
      const payments = () => rail.payments(key, payoutId);
      const expectNeverTwice = async () => {
        const payout = await db().payout.findUniqueOrThrow({ where: { id: payoutId }, include: { attempts: true } });
        expect(payments().length).toBeLessThanOrEqual(1);
        // A payout the merchant may pay again must have no payment at Shopify.
        if (payout.status === "failed" || payout.status === "ready") expect(payments()).toHaveLength(0);
        if (payout.status === "paid") {
          expect(payout.attempts.find((a) => a.status === "succeeded")?.railReference).toBe(payments()[0]?.reference);
        }
      };

      for (const current of steps) {
        await runStep(rail, current, shop.id, payoutId);
        await expectNeverTwice();
      }

      // The storms pass: the merchant keeps clicking (retry), workers and the sweeper keep
      // working, and time goes on.
      rail.admin.clearInjections();
      rail.calm();
      for (let round = 0; round < 8; round++) {
        const { status } = await db().payout.findUniqueOrThrow({ where: { id: payoutId } });
        if (status === "paid") break;
        if (status === "ready" || status === "failed") await clickPay(rail, shop.id, payoutId);
        await drainJobs();
        await sweepRailAttempts();
        await expectNeverTwice();
        await outage(20);
      }
      const payout = await db().payout.findUniqueOrThrow({ where: { id: payoutId }, include: { attempts: true } });
      expect(payout.status).toBe("paid");
      expect(payments()).toHaveLength(1);
      expect(payments()[0]).toMatchObject({ amount: "420.00", currencyCode: "USD" });
      expect(payout.attempts.filter((a) => a.status === "succeeded")).toHaveLength(1);
      expect(payout.attempts.filter((a) => a.status === "pending")).toHaveLength(0);
      expect(await db().ledgerTransaction.count({ where: { shopId: shop.id, kind: rail.payKind } })).toBe(1);
      const inPayout = await db().ledgerEntry.aggregate({
        where: { shopId: shop.id, creatorId: ava.id, account: "in_payout" },
        _sum: { amountMinor: true },
      });
      expect(Number(inPayout._sum.amountMinor ?? 0n)).toBe(0);
    }),
    { numRuns: options.numRuns, examples: Object.values(KEYLESS_EXAMPLES).map((steps) => [steps] as [Step[]]) },
  );
  delete process.env.CREATOR_PAYOUTS_CLOCK;
}
