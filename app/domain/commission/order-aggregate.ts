import type { NormalizedOrder, NormalizedRefund } from "./shopify-order";

/**
 * What the app knows about one order, folded from webhook deliveries that arrive at least once
 * and in any order (DOMAIN.md §8). Every step is a merge with a deterministic winner (latest by
 * instant, union of refunds, earliest paid instant, smallest orders_count), so any permutation of
 * the same deliveries, with duplicates, gives an equal aggregate.
 */

export type OrderTopic = "orders/create" | "orders/updated" | "orders/paid" | "orders/cancelled";

export interface OrderAggregate {
  /**
   * The version with the greatest updated_at. Its customer.ordersCount is the smallest seen on
   * any version: orders_count only grows, and a later payload also counts orders placed after
   * this one, which must not turn a new customer's order into a repeat customer's.
   */
  latest: NormalizedOrder | null;
  /** Every refund seen (its own webhook or inside an order version), sorted by refundId, unique. */
  refunds: NormalizedRefund[];
  /** When the order first counted as paid (a version's updatedAt; createdAt for orders/create). */
  paidAt: string | null;
}

export const EMPTY_ORDER_AGGREGATE: OrderAggregate = Object.freeze({ latest: null, refunds: [], paidAt: null }) as OrderAggregate;

/**
 * Financial statuses that mean the money was received: paid, and the refunded states (a refund
 * presupposes a payment; the refunds themselves lower the commission). Not partially_paid (the
 * shop only counts paid orders by default, DOMAIN.md §5), nor pending, authorized, voided, expired.
 */
const PAID_STATUSES: ReadonlySet<string> = new Set(["paid", "partially_refunded", "refunded"]);

export function countsAsPaid(financialStatus: string | null): boolean {
  return financialStatus !== null && PAID_STATUSES.has(financialStatus);
}

function instant(iso: string): number {
  return Date.parse(iso);
}

/** Object keys sorted, so equal content always gives the same text (a total order for ties). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Compares timestamps as instants; the same instant in two spellings is ordered by text. */
function compareTimestamps(a: string, b: string): number {
  return instant(a) - instant(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Which of two versions is the later. Greater updatedAt wins. On the same instant (Shopify sends
 * the same version under several topics): a canceled version beats one that is not (cancel wins);
 * otherwise the content decides, so the winner never depends on which arrived first. Identical
 * versions are interchangeable, so "keep the stored one" and this rule agree there.
 */
function isLaterVersion(candidate: NormalizedOrder, stored: NormalizedOrder): boolean {
  const byTime = instant(candidate.updatedAt) - instant(stored.updatedAt);
  if (byTime !== 0) return byTime > 0;
  const candidateCanceled = candidate.cancelledAt !== null;
  if (candidateCanceled !== (stored.cancelledAt !== null)) return candidateCanceled;
  return canonical(withoutOrdersCount(candidate)) > canonical(withoutOrdersCount(stored));
}

function withoutOrdersCount(order: NormalizedOrder): NormalizedOrder {
  return { ...order, customer: { ...order.customer, ordersCount: null } };
}

function smallerCount(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

/** Adds refunds by refundId; the same id seen with different content keeps the canonical-greatest. */
function mergeRefunds(existing: readonly NormalizedRefund[], incoming: readonly NormalizedRefund[]): NormalizedRefund[] {
  const byId = new Map(existing.map((refund) => [refund.refundId, refund]));
  for (const refund of incoming) {
    const stored = byId.get(refund.refundId);
    if (!stored || canonical(refund) > canonical(stored)) byId.set(refund.refundId, refund);
  }
  return [...byId.values()].sort((a, b) => compareRefundIds(a.refundId, b.refundId));
}

/** Numeric ids compare as numbers (so "9" < "10"), anything else as text. */
function compareRefundIds(a: string, b: string): number {
  if (a.length !== b.length && /^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function applyOrderVersion(
  agg: OrderAggregate,
  topic: OrderTopic,
  order: NormalizedOrder,
): { aggregate: OrderAggregate; stale: boolean } {
  const stored = agg.latest;
  const stale = stored !== null && instant(order.updatedAt) < instant(stored.updatedAt);
  const winner = stored === null || isLaterVersion(order, stored) ? order : stored;
  const ordersCount = smallerCount(stored?.customer.ordersCount ?? null, order.customer.ordersCount);
  const latest = { ...winner, customer: { ...winner.customer, ordersCount } };

  // orders/paid is the payment itself; otherwise the version's status says whether it was paid.
  let paidAt = agg.paidAt;
  if (topic === "orders/paid" || countsAsPaid(order.financialStatus)) {
    const candidate = topic === "orders/create" ? order.createdAt : order.updatedAt;
    if (paidAt === null || compareTimestamps(candidate, paidAt) < 0) paidAt = candidate;
  }

  return { aggregate: { latest, refunds: mergeRefunds(agg.refunds, order.refunds), paidAt }, stale };
}

export function applyRefund(agg: OrderAggregate, refund: NormalizedRefund): { aggregate: OrderAggregate; duplicate: boolean } {
  const duplicate = agg.refunds.some((stored) => stored.refundId === refund.refundId);
  return { aggregate: { ...agg, refunds: mergeRefunds(agg.refunds, [refund]) }, duplicate };
}
