import orderPayload from "../fixtures/shopify/orders-create.json";
import refundPayload from "../fixtures/shopify/refunds-create.json";
import type { PlanSnapshot } from "~/domain/commission/commission-plan";
import { type NormalizedOrder, type NormalizedRefund, parseShopifyOrder, parseShopifyRefund } from "~/domain/commission/shopify-order";

/** Test helpers shared by the commission tests (not used by the app). */

export { orderPayload, refundPayload };

/** A deep copy of a payload, to tweak one field in a test without touching the fixture. */
export function copyOf<T>(payload: T): T {
  return JSON.parse(JSON.stringify(payload)) as T;
}

export function fixtureOrder(): NormalizedOrder {
  const parsed = parseShopifyOrder(copyOf(orderPayload));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

export function fixtureRefund(): NormalizedRefund {
  const parsed = parseShopifyRefund(copyOf(refundPayload));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

export function percentagePlan(rateBasisPoints: number, changes: Partial<PlanSnapshot> = {}): PlanSnapshot {
  return {
    planId: "plan_test",
    name: `${rateBasisPoints / 100} %`,
    kind: "percentage",
    rateBasisPoints,
    flatAmountMinor: null,
    currency: null,
    newCustomersOnly: false,
    excludeShipping: true,
    excludeTips: true,
    excludeGiftCards: true,
    excludeTaxes: true,
    overrides: [],
    ...changes,
  };
}

export function flatPlan(flatAmountMinor: number, changes: Partial<PlanSnapshot> = {}): PlanSnapshot {
  return percentagePlan(0, { kind: "flat", rateBasisPoints: null, flatAmountMinor, currency: "USD", ...changes });
}
