import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeBalances, earnCommission, type LedgerEntryDraft, recomputeHeldCommission, returnToExpense } from "../ledger";
import type { PlanSnapshot } from "./commission-plan";
import { fixtureOrder, flatPlan, percentagePlan } from "../../../tests/support/commission.testkit";
import { deservedNow } from "./deserved-now";
import { applyOrderVersion, applyRefund, EMPTY_ORDER_AGGREGATE, type OrderTopic } from "./order-aggregate";
import { type CommissionState, planCommissionPosting } from "./plan-commission-posting";
import type { NormalizedOrder, NormalizedRefund, OrderLine } from "./shopify-order";

/**
 * THE invariant of recompute-and-diff (DOMAIN.md §4): whatever order Shopify delivers an order's
 * webhooks in, and however often, the commission ends in the same status with the same amount and
 * the ledger in the same balances as one clean, in-order delivery of the same history.
 */

type Delivery = { type: "version"; topic: OrderTopic; order: NormalizedOrder } | { type: "refund"; refund: NormalizedRefund };

const CREATOR = "cr_maya";
const ORDER_ID = "5880473436254";
const START = Date.parse("2026-10-01T00:00:00Z");

/** An ISO timestamp written with a UTC offset, as Shopify does ("-04:00"). */
function timestamp(ms: number, offsetHours: number): string {
  const local = new Date(ms + offsetHours * 3_600_000).toISOString().slice(0, 19);
  const sign = offsetHours < 0 ? "-" : "+";
  return `${local}${sign}${String(Math.abs(offsetHours)).padStart(2, "0")}:00`;
}

interface LineShape {
  quantity: number;
  discountMinor: number;
}

const lineShape = (unitPriceMinor: number) =>
  fc
    .integer({ min: 1, max: 3 })
    .chain((quantity) =>
      fc
        .integer({ min: 0, max: Math.floor((unitPriceMinor * quantity) / 2) })
        .map((discountMinor): LineShape => ({ quantity, discountMinor })),
    );

const historyArbitrary = fc
  .record({
    unitPrices: fc.array(fc.integer({ min: 500, max: 5000 }), { minLength: 1, maxLength: 3 }),
    giftCardLast: fc.boolean(),
    createdPaid: fc.boolean(),
    offsets: fc.array(fc.constantFrom(-4, 0, 1, 9), { minLength: 12, maxLength: 12 }),
    paidVersionAfter: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    refundPicks: fc.array(fc.record({ line: fc.nat(), units: fc.integer({ min: 1, max: 3 }) }), { maxLength: 3 }),
    canceled: fc.boolean(),
    plan: fc.oneof(
      fc.integer({ min: 100, max: 3000 }).map((rate) => percentagePlan(rate)),
      fc.integer({ min: 100, max: 2000 }).map((amount) => flatPlan(amount)),
    ),
  })
  .chain((base) =>
    fc.record({
      base: fc.constant(base),
      shapes: fc.array(fc.tuple(...base.unitPrices.map(lineShape)), { minLength: 1, maxLength: 4 }), // create + 0–3 updates
    }),
  )
  .map(({ base, shapes }) => buildHistory(base, shapes));

function buildHistory(
  base: {
    unitPrices: number[];
    giftCardLast: boolean;
    createdPaid: boolean;
    offsets: number[];
    paidVersionAfter: number | null;
    refundPicks: { line: number; units: number }[];
    canceled: boolean;
    plan: PlanSnapshot;
  },
  shapes: LineShape[][],
): { deliveries: Delivery[]; plan: PlanSnapshot } {
  let clock = 0;
  const nextTime = () => timestamp(START + ++clock * 3_600_000, base.offsets[clock % base.offsets.length]!);
  const createdAt = nextTime();
  const giftCardIndex = base.giftCardLast && base.unitPrices.length > 1 ? base.unitPrices.length - 1 : -1;
  const linesOf = (shape: LineShape[]): OrderLine[] =>
    shape.map((s, i) => ({
      lineId: `line_${i}`,
      productId: `product_${i}`,
      quantity: s.quantity,
      unitPriceMinor: base.unitPrices[i]!,
      discountMinor: i === giftCardIndex ? 0 : s.discountMinor,
      taxMinor: 0,
      giftCard: i === giftCardIndex,
    }));
  const versionOf = (shape: LineShape[], updatedAt: string, changes: Partial<NormalizedOrder>): NormalizedOrder => {
    const lines = linesOf(shape);
    return {
      ...fixtureOrder(),
      shopifyOrderId: ORDER_ID,
      createdAt,
      updatedAt,
      lines,
      subtotalMinor: lines.reduce((t, l) => t + l.unitPriceMinor * l.quantity - l.discountMinor, 0),
      refunds: [],
      ...changes,
    };
  };

  const deliveries: Delivery[] = [];
  let paid = base.createdPaid;
  const status = () => (paid ? "paid" : "pending");
  deliveries.push({ type: "version", topic: "orders/create", order: versionOf(shapes[0]!, createdAt, { financialStatus: status() }) });
  shapes.forEach((shape, index) => {
    if (index > 0)
      deliveries.push({ type: "version", topic: "orders/updated", order: versionOf(shape, nextTime(), { financialStatus: status() }) });
    if (
      base.paidVersionAfter === index ||
      (base.paidVersionAfter !== null && index === shapes.length - 1 && base.paidVersionAfter > index)
    ) {
      paid = true;
      deliveries.push({ type: "version", topic: "orders/paid", order: versionOf(shape, nextTime(), { financialStatus: "paid" }) });
    }
  });

  // Refunds (only of a paid order) take units of the final lines; each is followed, as in Shopify,
  // by an orders/updated that lists every refund so far.
  const finalShape = shapes[shapes.length - 1]!;
  const finalLines = linesOf(finalShape);
  const refundedUnits = finalLines.map(() => 0);
  const refunds: NormalizedRefund[] = [];
  let financialStatus = status();
  for (const [index, pick] of (paid ? base.refundPicks : []).entries()) {
    const lineIndex = pick.line % finalLines.length;
    const line = finalLines[lineIndex]!;
    const units = Math.min(pick.units, line.quantity - refundedUnits[lineIndex]!);
    if (units === 0) continue;
    const net = line.unitPriceMinor * line.quantity - line.discountMinor;
    const before = refundedUnits[lineIndex]!;
    refundedUnits[lineIndex] = before + units;
    // The refunded units' share of the line's net amount; the last unit takes what is left.
    const subtotalMinor = Math.floor((net * (before + units)) / line.quantity) - Math.floor((net * before) / line.quantity);
    const createdAtRefund = nextTime();
    const refund: NormalizedRefund = {
      refundId: String(900 + index),
      orderId: ORDER_ID,
      createdAt: createdAtRefund,
      lines: [{ lineId: line.lineId, quantity: units, subtotalMinor, taxMinor: 0 }],
      shippingMinor: 0,
    };
    refunds.push(refund);
    deliveries.push({ type: "refund", refund });
    financialStatus = refundedUnits.every((u, i) => u === finalLines[i]!.quantity) ? "refunded" : "partially_refunded";
    deliveries.push({
      type: "version",
      topic: "orders/updated",
      order: versionOf(finalShape, nextTime(), { financialStatus, refunds: [...refunds] }),
    });
  }
  if (base.canceled) {
    const at = nextTime();
    deliveries.push({
      type: "version",
      topic: "orders/cancelled",
      order: versionOf(finalShape, at, { financialStatus, refunds: [...refunds], cancelledAt: at }),
    });
  }
  return { deliveries, plan: base.plan };
}

/** Folds deliveries, recomputing and posting after each one, as the webhook handlers will. */
function run(deliveries: readonly Delivery[], plan: PlanSnapshot) {
  let aggregate = EMPTY_ORDER_AGGREGATE;
  let state: CommissionState = { status: "none" };
  const entries: LedgerEntryDraft[] = [];
  const amount = { creatorId: CREATOR, currency: "USD" };
  for (const delivery of deliveries) {
    aggregate =
      delivery.type === "version"
        ? applyOrderVersion(aggregate, delivery.topic, delivery.order).aggregate
        : applyRefund(aggregate, delivery.refund).aggregate;
    const now = deservedNow({ aggregate, plan });
    if (!now.paid) continue; // not paid yet: nothing is created
    const posting = planCommissionPosting(state, now.deserved);
    switch (posting.kind) {
      case "nothing":
        break;
      case "create":
        entries.push(...earnCommission({ ...amount, amountMinor: posting.amountMinor }).entries);
        state = { status: "held", postedMinor: posting.amountMinor };
        break;
      case "create_reversed":
        state = { status: "reversed", postedMinor: 0 };
        break;
      case "adjust_held":
        entries.push(...(recomputeHeldCommission({ ...amount, diffMinor: posting.diffMinor })?.entries ?? []));
        state = { status: "held", postedMinor: (state as { postedMinor: number }).postedMinor + posting.diffMinor };
        break;
      case "reverse":
        if (posting.amountMinor > 0) {
          entries.push(
            ...returnToExpense({ ...amount, kind: "reverse_commission", from: "held", amountMinor: posting.amountMinor }).entries,
          );
        }
        state = { status: "reversed", postedMinor: 0 };
        break;
      default:
        throw new Error(`${posting.kind} cannot happen while the hold lasts`);
    }
  }
  return { aggregate, state, balances: nonZero(computeBalances(entries)) };
}

/** Accounts that were posted to and back show 0; "no balance" and "0" are the same fact. */
function nonZero(balances: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...balances].filter(([, value]) => value !== 0).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Any order of the deliveries, each possibly delivered again. */
const shuffledWithDuplicates = (deliveries: Delivery[]) =>
  fc.array(fc.nat({ max: deliveries.length - 1 }), { maxLength: 6 }).chain((again) => {
    const all = [...deliveries, ...again.map((i) => deliveries[i]!)];
    return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
  });

describe("delivering an order's webhooks in any order, with duplicates", () => {
  it("ends in the same commission and balances as one clean in-order delivery", () => {
    fc.assert(
      fc.property(
        historyArbitrary.chain((history) => fc.tuple(fc.constant(history), shuffledWithDuplicates(history.deliveries))),
        ([{ deliveries, plan }, shuffled]) => {
          const clean = run(deliveries, plan);
          const messy = run(shuffled, plan);
          expect(messy.aggregate).toEqual(clean.aggregate);
          expect(messy.state).toEqual(clean.state);
          expect(messy.balances).toEqual(clean.balances);
          // and the clean result is what the order deserves in the end
          const final = deservedNow({ aggregate: clean.aggregate, plan });
          if (!final.paid) expect(clean.state).toEqual({ status: "none" });
          else if (final.deserved.zeroBecauseRefundedOrCanceled) expect(clean.state).toEqual({ status: "reversed", postedMinor: 0 });
          else expect(clean.state).toEqual({ status: "held", postedMinor: final.deserved.deservedMinor });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("a refund that arrives before the edit adding the refunded unit does not reverse the commission", () => {
    const plan = percentagePlan(1000);
    const line = (quantity: number): OrderLine => ({
      lineId: "l1",
      productId: "p1",
      quantity,
      unitPriceMinor: 1000,
      discountMinor: 0,
      taxMinor: 0,
      giftCard: false,
    });
    const order = (updatedAt: string, quantity: number, changes: Partial<NormalizedOrder> = {}): NormalizedOrder => ({
      ...fixtureOrder(),
      shopifyOrderId: ORDER_ID,
      updatedAt,
      lines: [line(quantity)],
      subtotalMinor: 1000 * quantity,
      refunds: [],
      ...changes,
    });
    const refund: NormalizedRefund = {
      refundId: "1",
      orderId: ORDER_ID,
      createdAt: "2026-10-05T00:00:00Z",
      lines: [{ lineId: "l1", quantity: 1, subtotalMinor: 1000, taxMinor: 0 }],
      shippingMinor: 0,
    };
    const create: Delivery = { type: "version", topic: "orders/create", order: order("2026-10-03T00:00:00Z", 1) };
    const edit: Delivery = { type: "version", topic: "orders/updated", order: order("2026-10-04T00:00:00Z", 2) };
    const refunded: Delivery = { type: "refund", refund };

    // create (1 unit) → the refund of 1 unit looks like a full refund → held at 0, not reversed → the edit (2 units) arrives
    const messy = run([create, refunded, edit], plan);
    expect(messy.state).toEqual({ status: "held", postedMinor: 100 });
    expect(messy).toEqual(run([create, edit, refunded], plan));
  });
});
