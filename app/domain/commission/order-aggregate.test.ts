import { describe, expect, it } from "vitest";
import { fixtureOrder, fixtureRefund } from "../../../tests/support/commission.testkit";
import { applyOrderVersion, applyRefund, countsAsPaid, EMPTY_ORDER_AGGREGATE } from "./order-aggregate";
import type { NormalizedOrder } from "./shopify-order";

function version(updatedAt: string, changes: Partial<NormalizedOrder> = {}): NormalizedOrder {
  return { ...fixtureOrder(), updatedAt, ...changes };
}

describe("folding order deliveries", () => {
  it("keeps the version with the greatest updated_at, compared as instants across offsets", () => {
    const earlier = version("2026-10-03T14:30:00-04:00", { name: "earlier" }); // 18:30Z
    const later = version("2026-10-03T19:00:00+01:00", { name: "later" }); // 18:00Z as text sorts after, but is earlier
    let agg = applyOrderVersion(EMPTY_ORDER_AGGREGATE, "orders/updated", earlier).aggregate;
    const result = applyOrderVersion(agg, "orders/updated", later);
    expect(result.stale).toBe(true);
    expect(result.aggregate.latest!.name).toBe("earlier");
    agg = applyOrderVersion(EMPTY_ORDER_AGGREGATE, "orders/updated", later).aggregate;
    expect(applyOrderVersion(agg, "orders/updated", earlier)).toMatchObject({ stale: false, aggregate: { latest: { name: "earlier" } } });
  });

  it("lets a cancel win a tie on updated_at", () => {
    const at = "2026-10-04T10:00:00Z";
    const open = version(at);
    const canceled = version(at, { cancelledAt: at });
    const a = applyOrderVersion(applyOrderVersion(EMPTY_ORDER_AGGREGATE, "orders/updated", open).aggregate, "orders/cancelled", canceled);
    const b = applyOrderVersion(applyOrderVersion(EMPTY_ORDER_AGGREGATE, "orders/cancelled", canceled).aggregate, "orders/updated", open);
    expect(a.aggregate).toEqual(b.aggregate);
    expect(a.aggregate.latest!.cancelledAt).toBe(at);
  });

  it("still merges a stale version's refunds", () => {
    const agg = applyOrderVersion(EMPTY_ORDER_AGGREGATE, "orders/updated", version("2026-10-12T00:00:00Z")).aggregate;
    const stale = applyOrderVersion(agg, "orders/updated", version("2026-10-11T00:00:00Z", { refunds: [fixtureRefund()] }));
    expect(stale.stale).toBe(true);
    expect(stale.aggregate.refunds).toEqual([fixtureRefund()]);
    expect(stale.aggregate.latest!.updatedAt).toBe("2026-10-12T00:00:00Z");
  });

  it("records the earliest moment the order counted as paid", () => {
    const pending = version("2026-10-03T14:21:09-04:00", { financialStatus: "pending" });
    let agg = applyOrderVersion(EMPTY_ORDER_AGGREGATE, "orders/create", pending).aggregate;
    expect(agg.paidAt).toBeNull();
    agg = applyOrderVersion(agg, "orders/updated", version("2026-10-05T00:00:00Z", { financialStatus: "partially_refunded" })).aggregate;
    expect(agg.paidAt).toBe("2026-10-05T00:00:00Z");
    // orders/paid counts as paid whatever status it carries, and lowers paidAt even when stale
    agg = applyOrderVersion(agg, "orders/paid", version("2026-10-04T00:00:00Z", { financialStatus: "pending" })).aggregate;
    expect(agg.paidAt).toBe("2026-10-04T00:00:00Z");
    // created already paid: the hold starts at creation
    const created = applyOrderVersion(agg, "orders/create", version("2026-10-03T18:30:00Z", { createdAt: "2026-10-03T14:21:09-04:00" }));
    expect(created.aggregate.paidAt).toBe("2026-10-03T14:21:09-04:00");
  });

  it("remembers the smallest orders_count seen (a later payload counts the customer's later orders)", () => {
    const first = version("2026-10-03T00:00:00Z", { customer: { id: "1", email: null, ordersCount: 1 } });
    const later = version("2026-10-09T00:00:00Z", { customer: { id: "1", email: null, ordersCount: 3 } });
    const agg = applyOrderVersion(
      applyOrderVersion(EMPTY_ORDER_AGGREGATE, "orders/updated", later).aggregate,
      "orders/create",
      first,
    ).aggregate;
    expect(agg.latest!.updatedAt).toBe("2026-10-09T00:00:00Z");
    expect(agg.latest!.customer.ordersCount).toBe(1);
  });

  it("counts a refund once and keeps refunds sorted by id", () => {
    const second = { ...fixtureRefund(), refundId: "10" };
    const first = { ...fixtureRefund(), refundId: "9" };
    let result = applyRefund(EMPTY_ORDER_AGGREGATE, second);
    result = applyRefund(result.aggregate, first);
    expect(result.duplicate).toBe(false);
    result = applyRefund(result.aggregate, first);
    expect(result.duplicate).toBe(true);
    expect(result.aggregate.refunds.map((r) => r.refundId)).toEqual(["9", "10"]);
  });
});

describe("which financial statuses count as paid", () => {
  it.each([
    ["paid", true],
    ["partially_refunded", true],
    ["refunded", true],
    ["partially_paid", false],
    ["pending", false],
    ["authorized", false],
    ["voided", false],
    ["expired", false],
    [null, false],
  ] as const)("%s → %s", (status, expected) => {
    expect(countsAsPaid(status)).toBe(expected);
  });
});
