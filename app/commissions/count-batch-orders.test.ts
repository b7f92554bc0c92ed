import { describe, expect, it } from "vitest";
import { countBatchOrders, type BatchCounts, type BatchOrder } from "./count-batch-orders";

const HOUR = 60 * 60 * 1000;
const at = Date.parse("2026-10-20T00:00:00Z");
const windows = { at, dayAgo: at - 24 * HOUR, monthBefore: at - 31 * 24 * HOUR, since: at - 90 * 24 * HOUR };
/** An order of the batch; arrivals follow the order given unless `arrivedAt` says otherwise. */
const order = (
  hoursAgo: number,
  changes: Partial<BatchOrder["credit"]> = {},
  stored: BatchOrder["stored"] = null,
  timing: Partial<Pick<BatchOrder, "arrivedAt" | "refundedAt">> = {},
): Omit<BatchOrder, "arrivedAt" | "refundedAt"> & Partial<Pick<BatchOrder, "arrivedAt" | "refundedAt">> => ({
  orderedAtMs: at - hoursAgo * HOUR,
  credit: { creatorId: "cr_maya", attributedCode: "MAYA10", referralLanding: false, ...changes },
  stored,
  ...timing,
});
const count = (orders: ReturnType<typeof order>[]) =>
  countBatchOrders(
    windows,
    orders.map((o, i) => ({ arrivedAt: i * 10, refundedAt: null, ...o })),
  );
const refundCounts = (counts: BatchCounts[]) =>
  counts.map((c) => [c.creatorOrders, c.creatorRefundedOrders, c.shopOrders, c.shopRefundedOrders]);

describe("countBatchOrders", () => {
  it("each order counts the batch's orders before it and itself", () => {
    const counts = count([order(1), order(2, { referralLanding: true }), order(30), order(3, { attributedCode: null })]);
    expect(
      counts.map(({ last24, previous30, codeOrders, codeOrdersWithoutLanding }) => ({
        last24,
        previous30,
        codeOrders,
        codeOrdersWithoutLanding,
      })),
    ).toEqual([
      { last24: 1, previous30: 0, codeOrders: 1, codeOrdersWithoutLanding: 1 },
      { last24: 2, previous30: 0, codeOrders: 2, codeOrdersWithoutLanding: 1 },
      { last24: 2, previous30: 1, codeOrders: 3, codeOrdersWithoutLanding: 2 },
      { last24: 3, previous30: 1, codeOrders: 0, codeOrdersWithoutLanding: 0 },
    ]);
    expect(refundCounts(counts)).toEqual([
      [1, 0, 1, 0],
      [2, 0, 2, 0],
      [3, 0, 3, 0],
      [4, 0, 4, 0],
    ]);
  });

  it("an order the stored history already counts for the same creator and code is not counted again", () => {
    const stored = { creatorId: "cr_maya", attributedCode: "MAYA10", refunded: false };
    expect(count([order(1, {}, stored)])).toEqual([
      {
        last24: 0,
        previous30: 0,
        codeOrders: 0,
        codeOrdersWithoutLanding: 0,
        creatorOrders: 0,
        creatorRefundedOrders: 0,
        shopOrders: 0,
        shopRefundedOrders: 0,
      },
    ]);
    // Stored under no creator (not yet attributed): the batch counts it for the creator now, not for the shop.
    expect(refundCounts(count([order(1, {}, { creatorId: null, attributedCode: null, refunded: false })]))).toEqual([[1, 0, 0, 0]]);
    expect(count([order(1, {}, { creatorId: null, attributedCode: null, refunded: false })])[0]).toMatchObject({
      last24: 1,
      codeOrders: 1,
    });
  });

  it("other creators, uncredited orders and orders outside the window do not count for the creator", () => {
    const counts = count([order(1, { creatorId: "cr_sam" }), order(1, { creatorId: null }), order(-1), order(24 * 91), order(1)]);
    expect(counts.at(-1)).toEqual({
      last24: 1,
      previous30: 0,
      codeOrders: 1,
      codeOrdersWithoutLanding: 1,
      creatorOrders: 1,
      creatorRefundedOrders: 0,
      shopOrders: 3,
      shopRefundedOrders: 0,
    });
  });

  it("a refund counts from where it was received, for the creator and the shop", () => {
    const counts = count([
      order(5, {}, null, { refundedAt: 15 }), // refunded between the next two orders
      order(4),
      order(3, { creatorId: null }, null, { refundedAt: 25 }), // an uncredited order, refunded at once
      order(2, {}, null, { refundedAt: 35 }), // refunded after it arrived: not for itself
      order(1, {}, null, { refundedAt: 5 }), // its refund came first (parked): refunded from its arrival
    ]);
    expect(refundCounts(counts)).toEqual([
      [1, 0, 1, 0],
      [2, 0, 2, 0],
      [0, 0, 0, 0], // no creator: nothing to count
      [3, 1, 4, 2],
      [4, 3, 5, 4],
    ]);
  });

  it("a stored order refunded in the batch adds a refund, once; one refunded before adds nothing", () => {
    const storedOpen = { creatorId: "cr_maya", attributedCode: "MAYA10", refunded: false };
    const storedRefunded = { ...storedOpen, refunded: true };
    const counts = count([
      order(9, {}, storedOpen, { arrivedAt: 0, refundedAt: 0 }),
      order(8, {}, storedRefunded, { arrivedAt: 1, refundedAt: 1 }),
      order(1, {}, null, { arrivedAt: 2 }),
    ]);
    expect(refundCounts(counts)).toEqual([
      [0, 1, 0, 1],
      [0, 1, 0, 1],
      [1, 1, 1, 1],
    ]);
  });

  it("orders count by arrival, whatever the order they are given in", () => {
    const counts = count([order(1, {}, null, { arrivedAt: 30 }), order(2, {}, null, { arrivedAt: 5, refundedAt: 6 })]);
    expect(refundCounts(counts)).toEqual([
      [2, 1, 2, 1],
      [1, 0, 1, 0],
    ]);
  });
});
