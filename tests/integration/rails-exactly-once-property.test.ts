// Issue 15, Tests: one property test for all rails. For every rail in RAILS, whatever mix of
// clicks (pay, and retry after a failure), lost answers (the stand-in does the work, then drops
// the answer), 5xx, refusals, lost or failed look-ups, job runs, sweeps and worker outages of
// 0–48 hours happens to a payout, the rail never holds two payments for it, a payout the merchant
// may pay again (ready, failed) holds none, and once the storms pass it ends paid by exactly one
// payment at the rail and exactly one ledger movement (in_payout → paid_<rail>). The harness is
// tests/support/rail-property-harness.ts; each rail's stand-in and steps are in
// tests/support/rails-under-test.ts. A new rail is one entry in RAILS.
//
// Run counts (tests/support/rails-under-test.ts): stripe 10 random sequences + 4 seeded examples,
// store_credit 8 + 5, paypal 6 + 4, gift_card 6 + 4; sequences of 1–10 steps, each followed by up to 8 calm rounds.
// The three tests took 15 s on a quiet moment and 45 s with the 2-core machine busy (stripe ~20 s,
// store credit ~12 s, PayPal ~11 s). FC_SEED replays a failure (tests/setup/fast-check-seed.ts).
//
// It fails when the lookup-before-retry is removed. Seen with payRailAttempt
// (app/rails/pay-rail-attempt.server.ts) always sending the stored request (recoveryStep ignored,
// so no lookUp) and the keyless sentAt compare-and-set dropped:
//  - stripe: the seeded example [click, send_drop, drain, outage 25 h, drain] fails first (the
//    transfer is made, its answer lost, the worker is down past Stripe's 24-hour key memory, and
//    the job's retry sends the stored request again: a second transfer). With the examples left out
//    (NO_EXAMPLES=1, 12 runs of up to 12 steps) fast-check found, after 10 runs and 10 shrinks,
//    [send_drop, click, sweep, outage 1440 min, send_refused]: the sweeper's send makes a transfer
//    and loses the answer, a day passes, and the next run sends again under a forgotten key.
//  - store_credit: the seeded example [click, send_drop, drain, due_now, drain] fails first (a
//    second credit: store credit has no key at all); without examples fast-check found, after 6
//    runs, [click, send_drop, drain]: the credit is made, its answer lost, and the job's retry
//    credits again.
//  - paypal is not touched by that change: its look-up is the send itself (the same
//    sender_batch_id and PayPal-Request-Id, which PayPal answers with the original batch for 30
//    days), so removing it means sending a new batch id on each send; with that change fast-check
//    fails at once on [rail_progress]: the first poll of a PENDING item creates a second batch.
//  - gift_card: with its lookUp answering null, the seeded example [click, send_drop, drain,
//    due_now, drain] fails at once: the card is made, its answer lost, nothing is found, and the
//    attempt fails while Shopify holds its card, so a payable-again payout already has one.
// At the current counts the random search alone does not find the Stripe case on every seed (it
// needs a lost answer, then a day's outage, then a send); the seeded examples find both at once.
import { afterAll, beforeAll, describe, it } from "vitest";
import { assertExactlyOnce, releaseClock, type RailUnderTest } from "../support/rail-property-harness";
import { giftCardUnderTest, payPalUnderTest, storeCreditUnderTest, stripeUnderTest } from "../support/rails-under-test";
import { useTestDatabase } from "../support/test-database";

const RAILS: RailUnderTest[] = [stripeUnderTest(), storeCreditUnderTest(), payPalUnderTest(), giftCardUnderTest()];

beforeAll(async () => {
  await useTestDatabase();
  for (const rail of RAILS) await rail.start();
});
afterAll(async () => {
  releaseClock();
  for (const rail of RAILS) await rail.close();
});

describe("every rail pays each payout exactly once, whatever happens", () => {
  for (const rail of RAILS) {
    it(`${rail.rail}: one payment and one ledger movement after random clicks, lost answers, 5xx, refusals, sweeps and outages of 0–48 hours`, async () => {
      await assertExactlyOnce(rail);
    }, 180_000);
  }
});
