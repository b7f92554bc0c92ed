// The one exactly-once property for every payout rail (issue 15, Tests), and the harness it runs
// on. A rail under test (`RailUnderTest`) says how to set up one payout on it, how to click "Pay",
// how its stand-in loses an answer (does the work, then drops it), answers 5xx or refuses, and how
// many payments the stand-in holds for a payout. The harness plays random sequences of those with
// job runs, sweeps and worker outages of 0–48 hours, then lets the storms pass, and checks that
// the rail never holds two payments for a payout, that a payout the merchant may pay again holds
// none, and that it ends paid by exactly one payment and exactly one ledger movement.
// Time is the app's clock (CREATOR_PAYOUTS_CLOCK), each stand-in's clock (`clockMs()`) and the
// job queue's run_at, moved together.
import type { LedgerTransactionKind } from "@prisma/client";
import fc from "fast-check";
import { expect } from "vitest";
import { db } from "~/db.server";
import { isDomainError } from "~/domain/errors";
import type { RailName } from "~/rails/rail";
import { sweepRailAttempts } from "~/rails/sweep-rail-attempts.server";
import { drainJobs } from "./jobs";

const MINUTE = 60_000;

let currentClockMs = Date.now();

/** The instant every clock in the test reads (the app's, the stand-ins'). */
export function clockMs(): number {
  return currentClockMs;
}

function setClock(ms: number) {
  currentClockMs = ms;
  process.env.CREATOR_PAYOUTS_CLOCK = new Date(ms).toISOString();
}

export function releaseClock() {
  delete process.env.CREATOR_PAYOUTS_CLOCK;
}

/** What happens to the rail's stand-in before the next request (or requests) it gets. */
export type RailTrouble = "send_drop" | "send_5xx" | "send_refused" | "lookup_drop" | "lookup_5xx";

export type Step =
  | { kind: "click" | "drain" | "sweep" | "due_now" | "rail_progress" }
  | { kind: "trouble"; trouble: RailTrouble }
  | { kind: "outage"; minutes: number };

/** One payout, set up on its rail, as the property sees it. */
export interface RailPayout {
  shopId: string;
  creatorId: string;
  payoutId: string;
  currency: string;
  /** Payments the rail's stand-in holds for this payout, each with its reference. */
  payments(): string[];
}

export interface RailUnderTest {
  rail: RailName;
  /** The ledger kind of the settle movement (in_payout → paid_<rail>). */
  ledgerKind: LedgerTransactionKind;
  /** Starts the stand-in (its clock reads clockMs()) and points the app at it. */
  start(): Promise<void>;
  close(): Promise<void>;
  /** A fresh shop, creator owed money, and a `ready` payout for them on this rail. */
  setUp(): Promise<RailPayout>;
  /** The merchant's "Pay" (or "Retry") click; a DomainError (not payable now) is the app saying no. */
  click(payout: RailPayout): Promise<unknown>;
  /** Arms the stand-in: the next send or look-up is lost, 5xx, or refused. */
  trouble(trouble: RailTrouble): void;
  /** Forgets armed trouble. */
  calm(): void;
  /** The rail's own progress outside the app (PayPal processes its batches); nothing on most rails. */
  progress?(payout: RailPayout): void;
  /** Edge cases of this rail's clock (its safe windows), in minutes; mixed into the outages. */
  outageEdges: number[];
  /** Sequences that walk this rail's lost-answer paths on purpose; the random ones come after. */
  examples: Step[][];
  /** How many random sequences, and how long each may be (run time: see the property test file). */
  numRuns: number;
  maxSteps: number;
  /** Rail-specific checks at the end (the amount paid …). */
  expectPaidAtRail?(payout: RailPayout, reference: string): void;
}

export const CLICK: Step = { kind: "click" };
export const DRAIN: Step = { kind: "drain" };
export const SWEEP: Step = { kind: "sweep" };
export const DUE_NOW: Step = { kind: "due_now" };
export const PROGRESS: Step = { kind: "rail_progress" };
export const trouble = (kind: RailTrouble): Step => ({ kind: "trouble", trouble: kind });
export const minutesDown = (minutes: number): Step => ({ kind: "outage", minutes });
export const hoursDown = (hours: number): Step => minutesDown(hours * 60);

/** No worker runs for `minutes`: every clock moves on, and queued jobs' backoff elapses with it. */
async function outage(minutes: number) {
  setClock(currentClockMs + minutes * MINUTE);
  await db()
    .$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = run_at - make_interval(mins => ${minutes}::int) WHERE locked_at IS NULL`;
}

async function click(rail: RailUnderTest, payout: RailPayout) {
  try {
    await rail.click(payout);
  } catch (error) {
    // "cannot become processing" while processing or paid; the rail unreachable on the claim's read.
    if (!isDomainError(error)) throw error;
  }
}

async function runStep(rail: RailUnderTest, payout: RailPayout, step: Step) {
  switch (step.kind) {
    case "click":
      return click(rail, payout);
    case "drain":
      return drainJobs();
    case "sweep":
      return void (await sweepRailAttempts({ stuckAfterMs: 0 }));
    case "due_now":
      return void (await db().$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key LIKE ${`pay_%`}`);
    case "rail_progress":
      return rail.progress?.(payout);
    case "trouble":
      return rail.trouble(step.trouble);
    case "outage":
      return outage(step.minutes);
  }
}

function stepsFor(rail: RailUnderTest): fc.Arbitrary<Step> {
  const outageMinutes = fc.oneof(fc.integer({ min: 0, max: 48 * 60 }), fc.constantFrom(0, 48 * 60, ...rail.outageEdges));
  const one = (arbitrary: fc.Arbitrary<Step>, weight: number) => ({ arbitrary, weight });
  const step = (s: Step) => fc.constant(s);
  return fc.oneof(
    one(step(CLICK), 3),
    one(step(DRAIN), 3),
    one(step(SWEEP), 2),
    one(step(DUE_NOW), 1),
    ...(rail.progress ? [one(step(PROGRESS), 2)] : []),
    // Lost answers are the case the property is for: the likeliest trouble.
    one(step(trouble("send_drop")), 3),
    one(step(trouble("send_5xx")), 1),
    one(step(trouble("send_refused")), 1),
    one(step(trouble("lookup_drop")), 1),
    one(step(trouble("lookup_5xx")), 1),
    one(outageMinutes.map(minutesDown), 3),
  );
}

/** A payout the merchant may pay again holds no payment at the rail; none ever holds two. */
async function expectNeverTwice(payout: RailPayout) {
  const row = await db().payout.findUniqueOrThrow({ where: { id: payout.payoutId }, include: { attempts: true } });
  const payments = payout.payments();
  expect(payments.length, "payments at the rail").toBeLessThanOrEqual(1);
  if (row.status === "failed" || row.status === "ready") expect(payments, `payments while ${row.status}`).toHaveLength(0);
  if (row.status === "paid") expect(row.attempts.find((a) => a.status === "succeeded")?.railReference).toBe(payments[0]);
}

/** The property, for one rail: run it with fc.assert (the caller's `it` sets the time-out). */
export async function assertExactlyOnce(rail: RailUnderTest): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.array(stepsFor(rail), { minLength: 1, maxLength: rail.maxSteps, size: "max" }), async (steps) => {
      rail.calm();
      setClock(Date.now());
      const payout = await rail.setUp();

      for (const current of steps) {
        await runStep(rail, payout, current);
        await expectNeverTwice(payout);
      }

      // The storms pass: the merchant keeps clicking (retry), the rail does its part, workers and
      // the sweeper keep working, and time goes on.
      rail.calm();
      for (let round = 0; round < 8; round++) {
        const { status } = await db().payout.findUniqueOrThrow({ where: { id: payout.payoutId } });
        if (status === "paid") break;
        if (status === "ready" || status === "failed") await click(rail, payout);
        await drainJobs();
        rail.progress?.(payout);
        await sweepRailAttempts();
        await expectNeverTwice(payout);
        await outage(2 * 60);
      }

      const row = await db().payout.findUniqueOrThrow({ where: { id: payout.payoutId }, include: { attempts: true } });
      expect(row.status).toBe("paid");
      const payments = payout.payments();
      expect(payments).toHaveLength(1);
      const succeeded = row.attempts.filter((a) => a.status === "succeeded");
      expect(succeeded).toHaveLength(1);
      expect(succeeded[0]!.railReference).toBe(payments[0]);
      expect(succeeded[0]!.rail).toBe(rail.rail);
      expect(row.attempts.filter((a) => a.status === "pending")).toHaveLength(0);
      expect(new Set(row.attempts.map((a) => a.idempotencyKey)).size).toBe(row.attempts.length);
      rail.expectPaidAtRail?.(payout, payments[0]!);
      // Exactly one ledger movement, and nothing left reserved.
      expect(await db().ledgerTransaction.count({ where: { shopId: payout.shopId, kind: rail.ledgerKind } })).toBe(1);
      const inPayout = await db().ledgerEntry.aggregate({
        where: { shopId: payout.shopId, creatorId: payout.creatorId, account: "in_payout" },
        _sum: { amountMinor: true },
      });
      expect(Number(inPayout._sum.amountMinor ?? 0n)).toBe(0);
    }),
    {
      numRuns: rail.numRuns, // NO_EXAMPLES=1 leaves the seeded examples out, to see what the random search finds alone.
      examples: process.env.NO_EXAMPLES ? [] : rail.examples.map((steps) => [steps] as [Step[]]),
    },
  );
}
