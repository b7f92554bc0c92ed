// Batch invariance of the set-based drain (issue 16 §1): the inbound drain works the order
// deliveries of a claimed batch together, recomputing each order once per batch. Whatever batches
// the same deliveries are split into, the money is the same: for a generated order history
// (tests/support/order-histories.ts), order A is delivered cleanly with one delivery per batch,
// orders B and C get the same history shuffled with repeats, interleaved with each other, and
// drained in batches of random sizes (so a batch holds several deliveries of one order, and of two
// orders). B and C end with exactly A's commission, ledger balances and order row; every delivery
// is processed (or recorded as a duplicate); the kept balances and the reports' monthly aggregate
// agree with a recompute from the ledger and the base tables.
// The risk flags too (issue 17 §2): a creator's orders split into any batches raise the same flags
// as one order per batch, because the history rules count the batch's earlier orders; and a shop's
// orders and refunds split into any batches raise the same refund-rate flags, because the refund
// rule counts the batch's earlier orders and refunds (each where it was received).
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
import { orderPayload, refundPayload } from "../support/shopify-payloads";
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

describe("a creator's orders split into any drain batches", () => {
  /** 21 paid orders with the creator's code in the last half hour, the first through the referral link; the flags of each, in order. */
  async function flagsOf(sizes: number[]) {
    const shop = await createShopWithTenPercentPlan();
    const creator = await createCreator(shop.id, "Creator LEA");
    await db().discountCode.create({ data: { shopId: shop.id, creatorId: creator.id, code: "LEA10" } });
    const orderIds = Array.from({ length: 21 }, () => nextOrderId++);
    for (const [i, orderId] of orderIds.entries()) {
      const at = new Date(Date.parse(ORDER_HISTORY_CLOCK) - (30 - i) * 60_000).toISOString();
      const payload = orderPayload({
        orderId,
        createdAt: at,
        updatedAt: at,
        lines: [{ lineId: orderId * 10, productId: 7001, quantity: 1, unitPriceMinor: 4000 }],
        discountCodes: ["LEA10"],
        landingSite: i === 0 ? `/?ref=${creator.referralCode}` : "/",
      });
      await record(shop, { topic: "orders/create", label: `order ${i}`, payload }, randomUUID());
      // Each its own millisecond: deliveries received in the same one have no order between them
      // (the drain claims by receipt time), and the flags depend on which order came first.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await drainInBatches(sizes);
    const rows = await db().attributedOrder.findMany({
      where: { shopId: shop.id },
      include: { commission: { include: { riskFlags: true } } },
    });
    const byId = new Map(rows.map((r) => [r.shopifyOrderId, r.commission]));
    return orderIds.map((id) => {
      const commission = byId.get(String(id));
      return {
        riskReview: commission ? commission.riskReview : "no commission",
        flags: (commission?.riskFlags ?? []).map((f) => `${f.rule} ${f.score}: ${f.sentence}`).sort(),
      };
    });
  }

  it("raise the same risk flags as one order per batch", async () => {
    const oneByOne = await flagsOf([1]);
    // The history rules do fire in this story (else the property would hold trivially).
    expect(oneByOne[9]!.flags).toEqual(["velocity_spike 40: 10 orders in 24 hours, 10 times this creator's usual day."]);
    expect(oneByOne[19]!.flags.map((f) => f.slice(0, 14))).toEqual(["leaked_code 45", "velocity_spike"]);
    // A creator's spike is stored once per day and score (on the 10th and the 20th order).
    expect(oneByOne[10]!.flags).toEqual([]);
    expect(oneByOne[20]!.flags.map((f) => f.slice(0, 14))).toEqual(["leaked_code 45"]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 2, max: 25 }), { minLength: 1, maxLength: 4 }), async (sizes) => {
        expect(await flagsOf(sizes), `batches of ${sizes.join(", ")}`).toEqual(oneByOne);
      }),
      { numRuns: 6, seed: 20261208, endOnFailure: true },
    );
  }, 240_000);
});

describe("a shop's orders and refunds split into any drain batches", () => {
  /**
   * The story, in received order: 28 orders no creator credits (one later refunded), then the
   * creator's 13 orders with code NOA10 interleaved with 10 more uncredited orders and partial
   * refunds of 9 of the creator's orders: most right after their order, one (order 10's) before its
   * order arrives (parked), two after a later order. Tokens: `u<n>`/`c<n>` an order, `R…` its refund.
   */
  const STORY = [
    ...Array.from({ length: 28 }, (_, n) => `u${n}`),
    ..."Ru2 c0 c1 Rc0 u40 c2 Rc1 c3 u41 c4 Rc2 Rc3 c5 u42 c6 Rc4 u43 c7 Rc10 c8 u44 c9 Rc7 u45 c10 Rc8 c11 u46 c12 Rc12 u47 u48 u49".split(
      " ",
    ),
  ];

  /** The creator orders' flags, in order, after draining the story in batches of the given sizes. */
  async function refundFlagsOf(sizes: number[]) {
    const shop = await createShopWithTenPercentPlan();
    const creator = await createCreator(shop.id, "Creator NOA");
    await db().discountCode.create({ data: { shopId: shop.id, creatorId: creator.id, code: "NOA10" } });
    const base = nextOrderId;
    nextOrderId += 100;
    const orderIdOf = (token: string) => base + (token.startsWith("c") ? 50 : 0) + Number(token.slice(1));
    for (const [i, token] of STORY.entries()) {
      const at = new Date(Date.parse(ORDER_HISTORY_CLOCK) - (STORY.length + 10 - i) * 60_000).toISOString();
      const refunded = token.startsWith("R");
      const orderId = orderIdOf(refunded ? token.slice(1) : token);
      // Two units each, one refunded: a partial refund keeps the commission held (not reversed).
      const line = { lineId: orderId * 10, quantity: 1, subtotalMinor: 4000 };
      const payload = refunded
        ? refundPayload({ refundId: orderId * 100 + 1, orderId, createdAt: at, lines: [line] })
        : orderPayload({
            orderId,
            createdAt: at,
            updatedAt: at,
            lines: [{ lineId: orderId * 10, productId: 7001, quantity: 2, unitPriceMinor: 4000 }],
            discountCodes: token.startsWith("c") ? ["NOA10"] : [],
          });
      await record(shop, { topic: refunded ? "refunds/create" : "orders/create", label: token, payload }, randomUUID());
      // Each its own millisecond: the drain claims by receipt time (see the creator's orders above).
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await drainInBatches(sizes);
    const rows = await db().attributedOrder.findMany({
      where: { shopId: shop.id },
      include: { commission: { include: { riskFlags: true } } },
    });
    const byId = new Map(rows.map((r) => [r.shopifyOrderId, r]));
    return STORY.filter((token) => token.startsWith("c")).map((token) => {
      const row = byId.get(String(orderIdOf(token)));
      return {
        order: token,
        refundedMinor: row ? Number(row.refundedMinor) : "no row",
        riskReview: row?.commission ? row.commission.riskReview : "no commission",
        flags: (row?.commission?.riskFlags ?? []).map((f) => `${f.rule} ${f.score}: ${f.sentence}`).sort(),
      };
    });
  }

  it("raise the same refund-rate flags as one delivery per batch", async () => {
    const oneByOne = await refundFlagsOf([1]);
    // The refund rule does fire in this story, on counts that include refunds received just before.
    const refundFlags = oneByOne.map((o) => o.flags.filter((f) => f.startsWith("refund_rate")));
    expect(refundFlags.slice(0, 9)).toEqual(Array.from({ length: 9 }, () => []));
    expect(refundFlags[9]).toEqual(["refund_rate 60: 50 % of this creator's orders were refunded, against 14 % for the shop."]);
    expect(refundFlags[10]).toEqual(["refund_rate 60: 64 % of this creator's orders were refunded, against 18 % for the shop."]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 2, max: 30 }), { minLength: 1, maxLength: 4 }), async (sizes) => {
        expect(await refundFlagsOf(sizes), `batches of ${sizes.join(", ")}`).toEqual(oneByOne);
      }),
      { numRuns: 6, seed: 20261209, endOnFailure: true },
    );
  }, 300_000);
});
