import { describe, expect, it } from "vitest";
import { countBatchOrders, type BatchOrder } from "./count-batch-orders";

const HOUR = 60 * 60 * 1000;
const at = Date.parse("2026-10-20T00:00:00Z");
const windows = { at, dayAgo: at - 24 * HOUR, monthBefore: at - 31 * 24 * HOUR, since: at - 90 * 24 * HOUR };
const order = (hoursAgo: number, changes: Partial<BatchOrder["credit"]> = {}, stored: BatchOrder["stored"] = null): BatchOrder => ({
  orderedAtMs: at - hoursAgo * HOUR,
  credit: { creatorId: "cr_maya", attributedCode: "MAYA10", referralLanding: false, ...changes },
  stored,
});

describe("countBatchOrders", () => {
  it("each order counts the batch's orders before it and itself", () => {
    const counts = countBatchOrders(windows, [
      order(1),
      order(2, { referralLanding: true }),
      order(30),
      order(3, { attributedCode: null }),
    ]);
    expect(counts).toEqual([
      { last24: 1, previous30: 0, codeOrders: 1, codeOrdersWithoutLanding: 1 },
      { last24: 2, previous30: 0, codeOrders: 2, codeOrdersWithoutLanding: 1 },
      { last24: 2, previous30: 1, codeOrders: 3, codeOrdersWithoutLanding: 2 },
      { last24: 3, previous30: 1, codeOrders: 0, codeOrdersWithoutLanding: 0 },
    ]);
  });

  it("an order the stored history already counts for the same creator and code is not counted again", () => {
    const stored = { creatorId: "cr_maya", attributedCode: "MAYA10" };
    expect(countBatchOrders(windows, [order(1, {}, stored)])).toEqual([
      { last24: 0, previous30: 0, codeOrders: 0, codeOrdersWithoutLanding: 0 },
    ]);
    // Stored under no creator (not yet attributed): the batch counts it now.
    expect(countBatchOrders(windows, [order(1, {}, { creatorId: null, attributedCode: null })])).toEqual([
      { last24: 1, previous30: 0, codeOrders: 1, codeOrdersWithoutLanding: 1 },
    ]);
  });

  it("other creators, uncredited orders and orders outside the window do not count", () => {
    const counts = countBatchOrders(windows, [
      order(1, { creatorId: "cr_sam" }),
      order(1, { creatorId: null }),
      order(-1),
      order(24 * 91),
      order(1),
    ]);
    expect(counts.at(-1)).toEqual({ last24: 1, previous30: 0, codeOrders: 1, codeOrdersWithoutLanding: 1 });
  });
});
