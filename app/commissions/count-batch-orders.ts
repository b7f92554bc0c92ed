// The risk history statement (load-order-lookups.server.ts) reads the orders stored before the
// batch; this adds the batch's own orders, each order seeing those before it in the batch and
// itself, so the history rules give the same signals however the same deliveries are split into
// batches. An order whose stored row the statement already counted under the same creator (and
// code) is not counted twice. Pure: windows are instants in milliseconds.

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
  /** What the order's stored row credits (the history statement counted it so), or null when new. */
  stored: Pick<OrderCredit, "creatorId" | "attributedCode"> | null;
}

export interface BatchCounts {
  last24: number;
  previous30: number;
  codeOrders: number;
  codeOrdersWithoutLanding: number;
}

const codeKey = (creatorId: string, code: string) => `${creatorId}\u0000${code}`;

/** For each order, in batch order: what the batch adds to its creator's and its code's counts. */
export function countBatchOrders(windows: HistoryWindows, orders: readonly BatchOrder[]): BatchCounts[] {
  const byCreator = new Map<string, { last24: number; previous30: number }>();
  const byCode = new Map<string, { orders: number; withoutLanding: number }>();
  return orders.map(({ orderedAtMs: t, credit, stored }) => {
    const { creatorId, attributedCode } = credit;
    if (!creatorId) return { last24: 0, previous30: 0, codeOrders: 0, codeOrdersWithoutLanding: 0 };
    const creator = byCreator.get(creatorId) ?? { last24: 0, previous30: 0 };
    byCreator.set(creatorId, creator);
    const code = attributedCode ? (byCode.get(codeKey(creatorId, attributedCode)) ?? { orders: 0, withoutLanding: 0 }) : null;
    if (code) byCode.set(codeKey(creatorId, attributedCode!), code);
    const inWindow = t > windows.since && t <= windows.at;
    const countedAsCreator = stored?.creatorId === creatorId;
    if (inWindow && !countedAsCreator) {
      if (t > windows.dayAgo) creator.last24++;
      else if (t > windows.monthBefore) creator.previous30++;
    }
    if (inWindow && code && !(countedAsCreator && stored?.attributedCode === attributedCode)) {
      code.orders++;
      if (!credit.referralLanding) code.withoutLanding++;
    }
    return {
      last24: creator.last24,
      previous30: creator.previous30,
      codeOrders: code?.orders ?? 0,
      codeOrdersWithoutLanding: code?.withoutLanding ?? 0,
    };
  });
}
