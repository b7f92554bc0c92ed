// The test suite's drainJobs: a job that fails during a drain waits for its retry even when the
// drain outlasts the retry's backoff (a slow machine), so "failed once, retried later" does not
// depend on the machine's speed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createPayout } from "~/payouts/create-payout.server";
import { claimStripePayout } from "~/rails/stripe/claim-stripe-payout.server";
import { MIA } from "../support/factories";
import { forTransferGroup, type FakeStripe } from "../support/fake-stripe";
import { drainJobs } from "../support/jobs";
import { createStripeCreator, createStripeShop, givePayableUsd, startStripeTestApp, stopStripeTestApp } from "../support/stripe-fixtures";
import type { TestApp } from "../support/test-app";

let app: TestApp;
let fake: FakeStripe;

beforeAll(async () => ({ app, fake } = await startStripeTestApp()));
afterAll(() => stopStripeTestApp({ app, fake }));

async function readyPayout(name: string) {
  const shop = await createStripeShop();
  const creator = await createStripeCreator(shop.id, fake, name);
  await givePayableUsd(shop.id, creator.id, 10_000);
  const { payoutId } = await createPayout({ shopId: shop.id, creatorId: creator.id, currency: "USD", origin: "run", actor: MIA });
  return { shopId: shop.id, payoutId };
}

const jobOf = async (payoutId: string) =>
  (
    await db().$queryRaw<Array<{ attempts: number; due_in_s: number }>>`
      SELECT attempts, extract(epoch FROM run_at - now())::float8 AS due_in_s FROM graphile_worker._private_jobs
       WHERE key IN (SELECT 'pay_' || id FROM "PayoutAttempt" WHERE "payoutId" = ${payoutId})`
  )[0];

describe("drainJobs", () => {
  it("holds a job that failed during the drain until the drain ends, then keeps its normal retry time", async () => {
    const failing = await readyPayout("Fay Fails");
    const slow = await readyPayout("Sam Slow");
    // Fay's transfer gets a 502 (retry due in ~2.7 s); Sam's takes longer than that.
    fake.inject(/^\/v1\/transfers$/, { kind: "status", status: 502 }, 1, "POST", forTransferGroup(failing.payoutId));
    fake.inject(/^\/v1\/transfers$/, { kind: "delay", ms: 4_000 }, 1, "POST", forTransferGroup(slow.payoutId));
    await claimStripePayout(failing.shopId, failing.payoutId, MIA);
    await claimStripePayout(slow.shopId, slow.payoutId, MIA);
    await drainJobs();

    expect((await db().payout.findUniqueOrThrow({ where: { id: slow.payoutId } })).status).toBe("paid");
    // Without the hold the drain would have run the due retry and paid this one too.
    expect((await db().payout.findUniqueOrThrow({ where: { id: failing.payoutId } })).status).toBe("processing");
    const job = await jobOf(failing.payoutId);
    expect(job?.attempts).toBe(1);
    expect(job?.due_in_s).toBeLessThan(10);
  });
});
