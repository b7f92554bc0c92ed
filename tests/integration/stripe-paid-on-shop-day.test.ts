// A Stripe payout's "paid on" is the shop's calendar day of the payment (issue 12, item 4): a
// Tokyo shop paid at 08:30 Tokyo time has it on the Tokyo day, not on the UTC day before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { addDays, fromDateColumn } from "~/domain/calendar";
import { createPayout } from "~/payouts/create-payout.server";
import { MIA } from "../support/factories";
import { claimStripePayout } from "~/rails/stripe/claim-stripe-payout.server";
import type { FakeStripe } from "../support/fake-stripe";
import { drainJobs } from "../support/jobs";
import { createStripeCreator, createStripeShop, givePayableUsd, startStripeTestApp, stopStripeTestApp } from "../support/stripe-fixtures";
import type { TestApp } from "../support/test-app";

let app: TestApp;
let fake: FakeStripe;

beforeAll(async () => ({ app, fake } = await startStripeTestApp()));
afterAll(() => stopStripeTestApp({ app, fake }));

describe("Stripe payouts' paid-on day", () => {
  it("is the Tokyo day for a Tokyo shop paid at 23:30 UTC", async () => {
    const shop = await createStripeShop();
    await db().shop.update({ where: { id: shop.id }, data: { timezone: "Asia/Tokyo" } });
    const ava = await createStripeCreator(shop.id, fake);
    await givePayableUsd(shop.id, ava.id);
    const { payoutId } = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });

    // Tomorrow at 23:30 UTC (after everything above): already the day after in Tokyo.
    const paidAt = new Date();
    paidAt.setUTCDate(paidAt.getUTCDate() + 1);
    paidAt.setUTCHours(23, 30, 0, 0);
    process.env.CREATOR_PAYOUTS_CLOCK = paidAt.toISOString();
    try {
      await claimStripePayout(shop.id, payoutId, MIA);
      await drainJobs();
    } finally {
      delete process.env.CREATOR_PAYOUTS_CLOCK;
    }

    const payout = await db().payout.findUniqueOrThrow({ where: { id: payoutId } });
    expect(payout.status).toBe("paid");
    expect(payout.paidAt?.toISOString()).toBe(paidAt.toISOString());
    expect(fromDateColumn(payout.paidOn!)).toBe(addDays(paidAt.toISOString().slice(0, 10), 1));
  });
});
