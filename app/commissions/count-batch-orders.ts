// The risk history statement (load-order-lookups.server.ts) reads the orders stored before the
// batch; this adds the batch's own orders and refunds, each order seeing what the batch received
// before it and itself (by position in the batch: order-batch-positions.ts), so the history rules
// give the same signals however the same deliveries are split into batches. An order whose stored
// row the statement already counted under the same creator (and code), or already as refunded, is
// not counted twice. Pure: windows are instants in milliseconds.

export interface HistoryWindows {
  /** Exclusive lower bound of the whole window (90 days), and `at` its inclusive end. */
  since: number;
  /** Velocity: `last 24 hours` is after dayAgo; `previous 30 days` is after monthBefore up to dayAgo. */
  monthBefore: number;
  dayAgo: number;
  at: number;
}

export interface OrderCredit {
  creatorId: string | null;
  attributedCode: string | null;
  referralLanding: boolean;
}

export interface BatchOrder {
  orderedAtMs: number;
  credit: OrderCredit;
  /** What the order's stored row credits and whether it was refunded (the statement counted it so), or null when new. */
  stored: (Pick<OrderCredit, "creatorId" | "attributedCode"> & { refunded: boolean }) | null;
  /** The batch position from which the order's row exists as the batch writes it (distinct per order). */
  arrivedAt: number;
  /** The batch position from which it is refunded, or null (order-batch-positions.ts). */
  refundedAt: number | null;
}

export interface BatchCounts {
  last24: number;
  previous30: number;
  codeOrders: number;
  codeOrdersWithoutLanding: number;
  /** Refund rate: the creator's orders and refunded orders in the window, and the shop's. */
  creatorOrders: number;
  creatorRefundedOrders: number;
  shopOrders: number;
  shopRefundedOrders: number;
}

const NONE: BatchCounts = {
  last24: 0,
  previous30: 0,
  codeOrders: 0,
  codeOrdersWithoutLanding: 0,
  creatorOrders: 0,
  creatorRefundedOrders: 0,
  shopOrders: 0,
  shopRefundedOrders: 0,
};

const codeKey = (creatorId: string, code: string) => `${creatorId}\u0000${code}`;

type Event = { position: number; kind: "arrive" | "refund"; order: BatchOrder };

/** For each order, in the order given: what the batch adds, up to its arrival, to its creator's, code's and shop's counts. */
export function countBatchOrders(windows: HistoryWindows, orders: readonly BatchOrder[]): BatchCounts[] {
  const byCreator = new Map<string, { last24: number; previous30: number; orders: number; refunded: number }>();
  const byCode = new Map<string, { orders: number; withoutLanding: number }>();
  const shop = { orders: 0, refunded: 0 };
  const creatorOf = (id: string) => byCreator.get(id) ?? byCreator.set(id, { last24: 0, previous30: 0, orders: 0, refunded: 0 }).get(id)!;
  const codeOf = (key: string) => byCode.get(key) ?? byCode.set(key, { orders: 0, withoutLanding: 0 }).get(key)!;

  const apply = ({ kind, order }: Event) => {
    const { orderedAtMs: t, credit, stored } = order;
    if (!(t > windows.since && t <= windows.at)) return;
    const { creatorId, attributedCode } = credit;
    const countedAsCreator = !!creatorId && stored?.creatorId === creatorId;
    if (kind === "refund") {
      if (!stored?.refunded) shop.refunded++;
      if (creatorId && !(countedAsCreator && stored?.refunded)) creatorOf(creatorId).refunded++;
      return;
    }
    if (!stored) shop.orders++;
    if (!creatorId) return;
    if (!countedAsCreator) {
      const creator = creatorOf(creatorId);
      creator.orders++;
      if (t > windows.dayAgo) creator.last24++;
      else if (t > windows.monthBefore) creator.previous30++;
    }
    if (attributedCode && !(countedAsCreator && stored?.attributedCode === attributedCode)) {
      const code = codeOf(codeKey(creatorId, attributedCode));
      code.orders++;
      if (!credit.referralLanding) code.withoutLanding++;
    }
  };

  // A refund received before its order counts from the order's arrival; at one position, the
  // order's arrival comes before its refund.
  const events: Event[] = orders.flatMap((order) => [
    { position: order.arrivedAt, kind: "arrive" as const, order },
    ...(order.refundedAt === null ? [] : [{ position: Math.max(order.arrivedAt, order.refundedAt), kind: "refund" as const, order }]),
  ]);
  events.sort((a, b) => a.position - b.position || (a.kind === b.kind ? 0 : a.kind === "arrive" ? -1 : 1));
  const byArrival = orders.map((order, index) => ({ order, index })).sort((a, b) => a.order.arrivedAt - b.order.arrivedAt);

  const counts: BatchCounts[] = orders.map(() => NONE);
  let next = 0;
  for (const { order, index } of byArrival) {
    while (next < events.length && events[next]!.position <= order.arrivedAt) apply(events[next++]!);
    const { creatorId, attributedCode } = order.credit;
    if (!creatorId) continue;
    const creator = creatorOf(creatorId);
    const code = attributedCode ? byCode.get(codeKey(creatorId, attributedCode)) : undefined;
    counts[index] = {
      last24: creator.last24,
      previous30: creator.previous30,
      codeOrders: code?.orders ?? 0,
      codeOrdersWithoutLanding: code?.withoutLanding ?? 0,
      creatorOrders: creator.orders,
      creatorRefundedOrders: creator.refunded,
      shopOrders: shop.orders,
      shopRefundedOrders: shop.refunded,
    };
  }
  return counts;
}
