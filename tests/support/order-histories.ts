// Order histories for the recompute-and-diff properties (DOMAIN.md §4): a generated history of
// one Shopify order (create paid or pending → paid, edits, refunds each followed by the
// orders/updated that lists them, maybe a cancel) as the webhooks Shopify would send, an arrival
// order with repeats, and what the app ended with for the order. Shared by
// tests/integration/commission-invariant-http.test.ts (any arrival order over HTTP) and
// tests/integration/order-batch-invariance.test.ts (any split into drain batches).
import type { Shop } from "@prisma/client";
import fc from "fast-check";
import { COMMISSION_SUBJECT } from "~/commissions/commission-amounts.server";
import { db } from "~/db.server";
import { orderPayload, refundPayload, type OrderLineSpec, type RefundSpec } from "./shopify-payloads";

export const START = Date.parse("2026-10-01T00:00:00Z");
export const ORDER_HISTORY_CLOCK = "2026-10-20T00:00:00Z"; // hours after START at most; every hold (30 days) still runs

interface LineShape {
  quantity: number;
  discountMinor: number;
}
export interface History {
  unitPrices: number[];
  createdPaid: boolean;
  paidVersionAfter: number | null; // orders/paid after version n (create = 0), when created pending
  offsets: number[]; // UTC offsets the timestamps are written with, as Shopify does ("-04:00")
  shapes: LineShape[][]; // create + 0–3 orders/updated
  refundPicks: { line: number; units: number }[];
  canceled: boolean;
}
export interface Delivery {
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

export const historyArbitrary: fc.Arbitrary<History> = fc
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
export function deliveriesOf(h: History, orderId: number): Delivery[] {
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
export interface Arrival {
  index: number;
  repeat: "no" | "same-webhook-id" | "new-webhook-id";
}
export const arrivalsArbitrary = (count: number) =>
  fc.array(fc.record({ index: fc.nat({ max: count - 1 }), sameId: fc.boolean() }), { maxLength: 6 }).chain((again) => {
    const all: Arrival[] = [
      ...Array.from({ length: count }, (_, index): Arrival => ({ index, repeat: "no" })),
      ...again.map(({ index, sameId }): Arrival => ({ index, repeat: sameId ? "same-webhook-id" : "new-webhook-id" })),
    ];
    return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
  });

/** What the app ended with for one order: its row, its commission and the commission's net balances. */
export async function outcomeOf(shop: Shop, orderId: number) {
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
