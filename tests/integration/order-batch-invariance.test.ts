// Batch invariance of the set-based drain (issue 16 §1): the inbound drain works the order
// deliveries of a claimed batch together, recomputing each order once per batch. Whatever batches
// the same deliveries are split into, the money is the same: for a generated order history
// (tests/support/order-histories.ts), order A is delivered cleanly with one delivery per batch,
// orders B and C get the same history shuffled with repeats, interleaved with each other, and
// drained in batches of random sizes (so a batch holds several deliveries of one order, and of two
// orders). B and C end with exactly A's commission, ledger balances and order row; every delivery
// is processed (or recorded as a duplicate); the kept balances and the reports' monthly aggregate
// agree with a recompute from the ledger and the base tables.
import { randomUUID } from "node:crypto";
import type { Shop } from "@prisma/client";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { drainInboundEvents } from "~/jobs/tasks/drain-inbound-events.server";
import { findReportMonthDifferences } from "~/reports/report-months.server";
import { findReportDayDifferences } from "~/reports/report-days.server";
import { recordInboundEvent } from "~/webhooks/record-inbound-event.server";
import { createCreator, createShopWithTenPercentPlan } from "../support/factories";
import {
  arrivalsArbitrary,
  deliveriesOf,
  historyArbitrary,
  ORDER_HISTORY_CLOCK,
  outcomeOf,
  type Delivery,
} from "../support/order-histories";
import { useTestDatabase } from "../support/test-database";

let nextOrderId = 9_400_000_000;

beforeAll(async () => {
  await useTestDatabase();
  process.env.CREATOR_PAYOUTS_CLOCK = ORDER_HISTORY_CLOCK;
});
afterAll(() => {
  delete process.env.CREATOR_PAYOUTS_CLOCK;
});

async function freshShop() {
  const shop = await createShopWithTenPercentPlan();
  await createCreator(shop.id, "Creator MAYA", { email: "maya@creators.test", referralCode: "MAYA" });
  return shop;
}

/** Records a delivery as the webhook route does after verifying it (the route's own door). */
async function record(shop: Shop, delivery: Delivery, webhookId: string) {
  await recordInboundEvent({
    source: "shopify",
    deliveryId: webhookId,
    topic: delivery.topic,
    shopDomain: shop.domain,
    rawBody: JSON.stringify(delivery.payload),
  });
}

/** Drains everything due in batches of the given sizes (the last size repeats); returns the sizes used. */
async function drainInBatches(sizes: number[]) {
  const used: number[] = [];
  for (let i = 0; ; i++) {
    const size = sizes[Math.min(i, sizes.length - 1)]!;
    const claimed = await drainInboundEvents({ batchSize: size });
    if (claimed === 0) return used;
    used.push(claimed);
  }
}

describe("an order's deliveries split into any drain batches", () => {
  it("give the same commission, ledger balances and order row as one delivery per batch", async () => {
    const scenario = historyArbitrary.chain((history) => {
      const count = deliveriesOf(history, 1).length;
      return fc.tuple(
        fc.constant(history),
        arrivalsArbitrary(count),
        arrivalsArbitrary(count),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 12 }),
      );
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ([history, arrivalsB, arrivalsC, sizes]) => {
        const shop = await freshShop();
        const [orderA, orderB, orderC] = [nextOrderId++, nextOrderId++, nextOrderId++];

        for (const delivery of deliveriesOf(history, orderA)) {
          await record(shop, delivery, randomUUID());
          await drainInboundEvents({ batchSize: 1 });
        }

        const messy = [orderB, orderC].map((orderId, k) => {
          const deliveries = deliveriesOf(history, orderId);
          const webhookIds = deliveries.map(() => randomUUID());
          const arrivals = k === 0 ? arrivalsB : arrivalsC;
          return arrivals.map(({ index, repeat }) => ({
            delivery: deliveries[index]!,
            webhookId: repeat === "new-webhook-id" ? randomUUID() : webhookIds[index]!,
          }));
        });
        // B's and C's arrivals interleaved, all recorded before the drain starts.
        for (let i = 0; i < Math.max(messy[0]!.length, messy[1]!.length); i++) {
          for (const arrivals of messy) if (arrivals[i]) await record(shop, arrivals[i]!.delivery, arrivals[i]!.webhookId);
        }
        const batches = await drainInBatches(sizes);

        const story = [
          `batches: ${batches.join(", ")}`,
          `B: ${messy[0]!.map((a) => a.delivery.label).join(" → ")}`,
          `C: ${messy[1]!.map((a) => a.delivery.label).join(" → ")}`,
        ].join("\n");
        const a = await outcomeOf(shop, orderA);
        expect(a.order, `order A has a row\n${story}`).not.toBeNull();
        expect(await outcomeOf(shop, orderB), story).toEqual(a);
        expect(await outcomeOf(shop, orderC), story).toEqual(a);

        const events = await db().inboundEvent.findMany({ where: { shopId: shop.id }, select: { status: true, reason: true } });
        expect(
          events.filter((e) => e.status !== "processed" && e.status !== "duplicate"),
          story,
        ).toEqual([]);
        const drift = await db().$queryRaw<unknown[]>`SELECT * FROM account_balance_drift(${shop.id})`;
        expect(drift, story).toEqual([]);
        expect(await findReportMonthDifferences(shop.id), story).toEqual([]);
        expect(await findReportDayDifferences(shop.id), story).toEqual([]);
      }),
      { numRuns: 25, seed: 20261207, endOnFailure: true },
    );
  }, 240_000);
});
