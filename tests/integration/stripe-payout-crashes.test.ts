// A payout worker killed (SIGKILL) at each named crash point of paying a payout — before the
// Stripe call, after Stripe's answer, inside the settling transaction before it commits — and
// once the whole app (web server + worker in one process): after a restart and the sweeper,
// exactly one transfer exists at Stripe and the payout is paid, with its ledger movement once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createPayout } from "~/payouts/create-payout.server";
import { MIA } from "../support/factories";
import { claimStripePayout } from "~/rails/stripe/claim-stripe-payout.server";
import { CRASH_POINTS, type CrashPoint } from "~/rails/crash-point.server";
import type { FakeStripe } from "../support/fake-stripe";
import { adminFetch } from "../support/shopify-session";
import {
  createStripeCreator,
  createStripeShop,
  givePayableUsd,
  spawnAppProcess,
  startStripeTestApp,
  stopStripeTestApp,
  waitFor,
} from "../support/stripe-fixtures";
import type { TestApp } from "../support/test-app";

let app: TestApp;
let fake: FakeStripe;

beforeAll(async () => ({ app, fake } = await startStripeTestApp()));
afterAll(() => stopStripeTestApp({ app, fake }));

async function setup() {
  const shop = await createStripeShop();
  const ava = await createStripeCreator(shop.id, fake);
  await givePayableUsd(shop.id, ava.id, 42_000);
  const payout = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });
  return { shop, ava, payoutId: payout.payoutId };
}

const transfersOf = (payoutId: string) => fake.transfers.filter((t) => t.transfer_group === payoutId);
const statusOf = async (payoutId: string) => (await db().payout.findUniqueOrThrow({ where: { id: payoutId } })).status;

/** Restart: a fresh worker whose clock is 15 minutes on, so the sweeper sees the attempt as stuck. */
async function recover(payoutId: string) {
  const worker = spawnAppProcess("scripts/worker.ts", { CREATOR_PAYOUTS_CLOCK: new Date(Date.now() + 15 * 60_000).toISOString() });
  try {
    await db().$executeRaw`SELECT graphile_worker.add_job('sweep_stripe_payouts', '{}'::json)`;
    await waitFor(
      () => statusOf(payoutId),
      (status) => status === "paid",
      60_000,
    );
  } finally {
    worker.child.kill("SIGTERM");
    await worker.exited;
  }
}

async function expectPaidOnce(shopId: string, payoutId: string) {
  expect(transfersOf(payoutId)).toHaveLength(1);
  const payout = await db().payout.findUniqueOrThrow({ where: { id: payoutId }, include: { attempts: true } });
  expect(payout).toMatchObject({ status: "paid", stripeTransferId: transfersOf(payoutId)[0]!.id, attemptCount: 1 });
  expect(payout.attempts).toMatchObject([{ attempt: 1, status: "succeeded" }]);
  const paidStripe = await db().ledgerEntry.aggregate({ where: { shopId, account: "paid_stripe" }, _sum: { amountMinor: true } });
  expect(Number(paidStripe._sum.amountMinor)).toBe(42_000);
  const payTransactions = await db().ledgerTransaction.count({ where: { shopId, kind: "pay_stripe" } });
  expect(payTransactions).toBe(1);
}

describe("a payout worker killed mid-payout", () => {
  it.each(CRASH_POINTS.map((point) => [point]))(
    "recovers from a SIGKILL at %s with exactly one transfer",
    async (point: CrashPoint) => {
      const { shop, payoutId } = await setup();
      await claimStripePayout(shop.id, payoutId, MIA);
      const doomed = spawnAppProcess("scripts/worker.ts", { CREATOR_PAYOUTS_CRASH_AT: point });
      const exit = await doomed.exited;
      expect(exit.signal, doomed.output()).toBe("SIGKILL");
      expect(await statusOf(payoutId)).toBe("processing");
      expect(transfersOf(payoutId)).toHaveLength(point === "before_stripe_call" ? 0 : 1);

      await recover(payoutId);
      await expectPaidOnce(shop.id, payoutId);
    },
    120_000,
  );

  it("recovers when the whole app (web server and worker) is killed after Stripe's answer", async () => {
    const { shop, payoutId } = await setup();
    const whole = spawnAppProcess("scripts/start.ts", { HOST: "127.0.0.1", PORT: "0", CREATOR_PAYOUTS_CRASH_AT: "after_stripe_response" });
    const url = await waitFor(
      async () => /listening on (http:\/\/\S+)/.exec(whole.output())?.[1] ?? null,
      (found) => found !== null,
      60_000,
    );
    // The worker in the same process may take the job (and die) before the click's answer is sent.
    const clicked = await adminFetch(url!, shop.domain, `/app/payouts/${payoutId}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "pay_stripe" }),
    })
      .then((response) => response.text())
      .catch(() => "connection closed by the dying app");
    expect(clicked).toMatch(/the Stripe transfer is on its way|connection closed by the dying app/);
    const exit = await whole.exited;
    expect(exit.signal, whole.output()).toBe("SIGKILL");
    expect(await statusOf(payoutId)).toBe("processing");
    expect(transfersOf(payoutId)).toHaveLength(1);

    await recover(payoutId);
    await expectPaidOnce(shop.id, payoutId);
  }, 180_000);
});
