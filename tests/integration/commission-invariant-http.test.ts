// THE recompute-and-diff invariant (DOMAIN.md §4), end to end: for a generated order history
// (create paid or pending → paid, edits, refunds each followed by the orders/updated that lists
// them, maybe a cancel), delivering its signed webhooks over HTTP in ANY order, with duplicates
// (same X-Shopify-Webhook-Id, or the same content under a new one), ends in exactly the same
// commission (existence, status, hold end), ledger balances and order row as one clean in-order
// delivery. Each history is delivered as two orders of one fresh shop and creator: A cleanly,
// B shuffled with repeats; jobs are drained after every delivery, so processing order = arrival
// order. The clock is pinned before any hold ends and holds are never released.
// The pure-domain version of this property: app/domain/commission/order-invariant.test.ts.
import { randomUUID } from "node:crypto";
import type { Shop } from "@prisma/client";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { drainJobs } from "../support/jobs";
import {
  arrivalsArbitrary,
  deliveriesOf,
  historyArbitrary,
  ORDER_HISTORY_CLOCK as CLOCK,
  outcomeOf,
  type Delivery,
} from "../support/order-histories";
import { sendShopifyWebhook } from "../support/shopify-webhook";
import { startTestApp, type TestApp } from "../support/test-app";
import { createCreator, createShopWithTenPercentPlan } from "../support/factories";

let app: TestApp;
let nextOrderId = 9_300_000_000;

async function freshShop() {
  const shop = await createShopWithTenPercentPlan();
  await createCreator(shop.id, "Creator MAYA", { email: "maya@creators.test", referralCode: "MAYA" });
  return shop;
}

async function deliverAndDrain(shop: Shop, delivery: Delivery, webhookId: string) {
  const response = await sendShopifyWebhook(app.url, {
    topic: delivery.topic,
    shop: shop.domain,
    body: JSON.stringify(delivery.payload),
    webhookId,
  });
  expect(response.status).toBe(200);
  await drainJobs();
}

beforeAll(async () => {
  app = await startTestApp();
  process.env.CREATOR_PAYOUTS_CLOCK = CLOCK;
});
afterAll(async () => {
  delete process.env.CREATOR_PAYOUTS_CLOCK;
  await app?.close();
});

describe("an order's webhooks over HTTP, in any order and with duplicates", () => {
  it("end in the same commission, ledger balances and order row as one clean in-order delivery", async () => {
    const scenario = historyArbitrary.chain((history) =>
      fc.tuple(fc.constant(history), arrivalsArbitrary(deliveriesOf(history, 1).length)),
    );
    await fc.assert(
      fc.asyncProperty(scenario, async ([history, arrivals]) => {
        const shop = await freshShop();
        const [orderA, orderB] = [nextOrderId++, nextOrderId++];

        const clean = deliveriesOf(history, orderA);
        for (const delivery of clean) await deliverAndDrain(shop, delivery, randomUUID());

        const messy = deliveriesOf(history, orderB);
        const webhookIds = messy.map(() => randomUUID());
        for (const { index, repeat } of arrivals) {
          await deliverAndDrain(shop, messy[index]!, repeat === "new-webhook-id" ? randomUUID() : webhookIds[index]!);
        }

        const story = [
          `A: ${clean.map((d) => d.label).join(" → ")}`,
          `B: ${arrivals.map(({ index, repeat }) => messy[index]!.label + (repeat === "no" ? "" : `[${repeat}]`)).join(" → ")}`,
        ].join("\n");
        const a = await outcomeOf(shop, orderA);
        const b = await outcomeOf(shop, orderB);
        expect(a.order, `order A has a row\n${story}`).not.toBeNull();
        expect(b, story).toEqual(a);
        // A commission exists exactly when the order was paid at some point.
        expect(a.commission !== null, story).toBe(history.createdPaid || history.paidVersionAfter !== null);

        const events = await db().inboundEvent.findMany({
          where: { shopId: shop.id },
          select: { topic: true, status: true, reason: true },
        });
        expect(events.length, story).toBe(clean.length + arrivals.length);
        const unfinished = events.filter((e) => e.status !== "processed" && e.status !== "duplicate");
        expect(unfinished, story).toEqual([]);
      }),
      { numRuns: 20, seed: 20261001, endOnFailure: true },
    );
  }, 120_000);
});
