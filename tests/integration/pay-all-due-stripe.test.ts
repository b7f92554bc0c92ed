// "Pay all due" on a shop connected to Stripe (ISSUE13 item 3): the creators on Stripe are paid
// with Stripe once the run completes; an offline creator's payout waits in Ready for the
// PayPal / SEPA exports and bulk "Mark paid offline".
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "~/db.server";
import { createCreator, givePayable } from "../support/factories";
import type { FakeStripe } from "../support/fake-stripe";
import { drainJobs } from "../support/jobs";
import { adminFetch } from "../support/shopify-session";
import { createStripeCreator, createStripeShop, startStripeTestApp, stopStripeTestApp } from "../support/stripe-fixtures";
import type { TestApp } from "../support/test-app";

let app: TestApp;
let fake: FakeStripe;

beforeAll(async () => ({ app, fake } = await startStripeTestApp()));
afterAll(() => stopStripeTestApp({ app, fake }));

it("pays the Stripe creators' due payouts with Stripe and leaves the offline ones ready", async () => {
  const shop = await createStripeShop();
  const ava = await createStripeCreator(shop.id, fake, "Ava Ames");
  const ben = await createCreator(shop.id, "Ben Brook", { payoutMethod: "paypal", payoutDetailsStatus: "complete" });
  await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 42_000 });
  await givePayable(shop.id, ben.id, { kind: "commission", amountMinor: 5_000 });

  const started = await adminFetch(app.url, shop.domain, "/app/payouts", {
    method: "POST",
    body: new URLSearchParams({ intent: "pay_all_due", requestKey: randomUUID().replaceAll("-", "") }),
  });
  expect(started.status).toBe(302);
  await drainJobs();

  const payouts = await db().payout.findMany({ where: { shopId: shop.id }, select: { creatorId: true, status: true, channel: true } });
  expect(payouts.find((p) => p.creatorId === ava.id)).toMatchObject({ status: "paid", channel: "stripe" });
  expect(payouts.find((p) => p.creatorId === ben.id)).toMatchObject({ status: "ready" });
  expect(fake.transfers.map((t) => [t.amount, t.destination])).toEqual([[42_000, ava.stripeAccountId]]);
});
