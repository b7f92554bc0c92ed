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
import { COMMISSION_SUBJECT } from "~/commissions/commission-amounts.server";
import { db } from "~/db.server";
import { drainJobs } from "../support/jobs";
import { orderPayload, refundPayload, type OrderLineSpec, type RefundSpec } from "../support/shopify-payloads";
import { sendShopifyWebhook } from "../support/shopify-webhook";
import { startTestApp, type TestApp } from "../support/test-app";
import { createCreator, createShopWithTenPercentPlan } from "../support/factories";

const START = Date.parse("2026-10-01T00:00:00Z");
const CLOCK = "2026-10-20T00:00:00Z"; // hours after START at most; every hold (30 days) still runs

interface LineShape {
  quantity: number;
  discountMinor: number;
}
interface History {
  unitPrices: number[];
  createdPaid: boolean;
  paidVersionAfter: number | null; // orders/paid after version n (create = 0), when created pending
  offsets: number[]; // UTC offsets the timestamps are written with, as Shopify does ("-04:00")
  shapes: LineShape[][]; // create + 0–3 orders/updated
  refundPicks: { line: number; units: number }[];
  canceled: boolean;
}
interface Delivery {
  topic: string;
  label: string;
  payload: Record<string, unknown>;
}

const lineShape = (unitPriceMinor: number) =>
  fc
    .integer({ min: 1, max: 3 })
    .chain((quantity) =>
      fc
        .integer({ min: 0, max: Math.floor((unitPriceMinor * quantity) / 2) })
        .map((discountMinor): LineShape => ({ quantity, discountMinor })),
    );

const historyArbitrary: fc.Arbitrary<History> = fc
  .record({
    unitPrices: fc.array(fc.integer({ min: 500, max: 5000 }), { minLength: 1, maxLength: 3 }),
    createdPaid: fc.boolean(),
    paidVersionAfter: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    offsets: fc.array(fc.constantFrom(-4, 0, 1, 9), { minLength: 12, maxLength: 12 }),
    refundPicks: fc.array(fc.record({ line: fc.nat(), units: fc.integer({ min: 1, max: 3 }) }), { maxLength: 3 }),
    canceled: fc.boolean(),
  })
  .chain((base) =>
    fc.array(fc.tuple(...base.unitPrices.map(lineShape)), { minLength: 1, maxLength: 4 }).map((shapes): History => ({ ...base, shapes })),
  );

function timestamp(ms: number, offsetHours: number): string {
  const local = new Date(ms + offsetHours * 3_600_000).toISOString().slice(0, 19);
  return `${local}${offsetHours < 0 ? "-" : "+"}${String(Math.abs(offsetHours)).padStart(2, "0")}:00`;
}

/** The history's webhooks, in Shopify's order, for one Shopify order id (line and refund ids derive from it). */
function deliveriesOf(h: History, orderId: number): Delivery[] {
  let clock = 0;
  const nextTime = () => timestamp(START + ++clock * 3_600_000, h.offsets[clock % h.offsets.length]!);
  const createdAt = nextTime();
  const linesOf = (shape: LineShape[]): OrderLineSpec[] =>
    shape.map((s, i) => ({
      lineId: orderId * 10 + i,
      productId: 7001 + i,
      quantity: s.quantity,
      unitPriceMinor: h.unitPrices[i]!,
      discountMinor: s.discountMinor,
    }));
  const deliveries: Delivery[] = [];
  const version = (
    topic: string,
    shape: LineShape[],
    updatedAt: string,
    financialStatus: string,
    extra: { cancelledAt?: string; refunds?: RefundSpec[] } = {},
  ) => {
    const payload = orderPayload({
      orderId,
      createdAt,
      updatedAt,
      financialStatus,
      lines: linesOf(shape),
      creatorRef: "MAYA",
      cancelledAt: extra.cancelledAt ?? null,
    });
    if (extra.refunds?.length) payload.refunds = extra.refunds.map(refundPayload);
    deliveries.push({ topic, label: `${topic}#${deliveries.length}(${financialStatus})`, payload });
  };

  let paid = h.createdPaid;
  const status = () => (paid ? "paid" : "pending");
  version("orders/create", h.shapes[0]!, createdAt, status());
  h.shapes.forEach((shape, index) => {
    if (index > 0) version("orders/updated", shape, nextTime(), status());
    const after = h.paidVersionAfter;
    if (!paid && after !== null && (after === index || (index === h.shapes.length - 1 && after > index))) {
      paid = true;
      version("orders/paid", shape, nextTime(), "paid");
    }
  });

  // Refunds (only of a paid order) take units of the final lines, each with its share of the
  // line's net amount (the last unit takes what is left), each followed by an orders/updated
  // listing every refund so far, as Shopify does.
  const finalShape = h.shapes[h.shapes.length - 1]!;
  const finalLines = linesOf(finalShape);
  const refundedUnits = finalLines.map(() => 0);
  const refunds: RefundSpec[] = [];
  let financialStatus = status();
  for (const [index, pick] of (paid ? h.refundPicks : []).entries()) {
    const lineIndex = pick.line % finalLines.length;
    const line = finalLines[lineIndex]!;
    const before = refundedUnits[lineIndex]!;
    const units = Math.min(pick.units, line.quantity - before);
    if (units === 0) continue;
    refundedUnits[lineIndex] = before + units;
    const net = line.unitPriceMinor * line.quantity - (line.discountMinor ?? 0);
    const subtotalMinor = Math.floor((net * (before + units)) / line.quantity) - Math.floor((net * before) / line.quantity);
    const refund: RefundSpec = {
      refundId: orderId * 100 + index,
      orderId,
      createdAt: nextTime(),
      lines: [{ lineId: line.lineId, quantity: units, subtotalMinor }],
    };
    refunds.push(refund);
    deliveries.push({
      topic: "refunds/create",
      label: `refunds/create#${deliveries.length}(${units}×line${lineIndex})`,
      payload: refundPayload(refund),
    });
    financialStatus = refundedUnits.every((u, i) => u === finalLines[i]!.quantity) ? "refunded" : "partially_refunded";
    version("orders/updated", finalShape, nextTime(), financialStatus, { refunds: [...refunds] });
  }
  if (h.canceled) {
    const at = nextTime();
    version("orders/cancelled", finalShape, at, financialStatus, { refunds: [...refunds], cancelledAt: at });
  }
  return deliveries;
}

/** B's arrival order: every delivery once, plus repeats (same webhook id or a new one), shuffled. */
interface Arrival {
  index: number;
  repeat: "no" | "same-webhook-id" | "new-webhook-id";
}
const arrivalsArbitrary = (count: number) =>
  fc.array(fc.record({ index: fc.nat({ max: count - 1 }), sameId: fc.boolean() }), { maxLength: 6 }).chain((again) => {
    const all: Arrival[] = [
      ...Array.from({ length: count }, (_, index): Arrival => ({ index, repeat: "no" })),
      ...again.map(({ index, sameId }): Arrival => ({ index, repeat: sameId ? "same-webhook-id" : "new-webhook-id" })),
    ];
    return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
  });

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

/** What the app ended with for one order: its row, its commission and the commission's net balances. */
async function outcomeOf(shop: Shop, orderId: number) {
  const order = await db().attributedOrder.findUnique({
    where: { shopId_shopifyOrderId: { shopId: shop.id, shopifyOrderId: String(orderId) } },
    include: { commission: true },
  });
  const commission = order?.commission ?? null;
  const balances: Record<string, number> = {};
  if (commission) {
    const entries = await db().ledgerEntry.findMany({
      where: { transaction: { subjectType: COMMISSION_SUBJECT, subjectId: commission.id } },
    });
    for (const e of entries) balances[e.account] = (balances[e.account] ?? 0) + Number(e.amountMinor);
  }
  return {
    order: order && {
      eligibleMinor: order.eligibleMinor,
      refundedMinor: order.refundedMinor,
      paidAt: order.paidAt,
      cancelledAt: order.cancelledAt,
    },
    commission: commission && {
      status: commission.status,
      holdUntil: commission.holdUntil,
      creatorId: commission.creatorId,
      currency: commission.currency,
    },
    // Accounts posted to and back show 0; "no balance" and "0" are the same fact.
    balances: Object.fromEntries(
      Object.entries(balances)
        .filter(([, v]) => v !== 0)
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    ),
  };
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
