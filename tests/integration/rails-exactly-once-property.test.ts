// Issue 15, Tests: one property test for all rails. For every rail in RAILS, whatever mix of
// clicks (pay, and retry after a failure), lost answers (the stand-in does the work, then drops
// the answer), 5xx, refusals, lost or failed look-ups, job runs, sweeps and worker outages of
// 0–48 hours happens to a payout, the rail never holds two payments for it, a payout the merchant
// may pay again (ready, failed) holds none, and once the storms pass it ends paid by exactly one
// payment at the rail and exactly one ledger movement (in_payout → paid_<rail>). The harness is
// tests/support/rail-property-harness.ts; each rail's stand-in and steps are in
// tests/support/rails-under-test.ts. A new rail is one entry in RAILS.
//
// COUNTEREXAMPLE_NOTE
import { afterAll, beforeAll, describe, it } from "vitest";
import { assertExactlyOnce, releaseClock, type RailUnderTest } from "../support/rail-property-harness";
import { payPalUnderTest, storeCreditUnderTest, stripeUnderTest } from "../support/rails-under-test";
import { useTestDatabase } from "../support/test-database";

const RAILS: RailUnderTest[] = [stripeUnderTest(), storeCreditUnderTest(), payPalUnderTest()];

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
