import { percentageOfMinor } from "../rounding";
import type { PlanOverride, PlanSnapshot } from "./commission-plan";
import { eligibleAmount } from "./eligible-amount";
import type { NormalizedOrder, NormalizedRefund } from "./shopify-order";

/**
 * What an order deserves now (DOMAIN.md §4 recompute-and-diff): from the current order version,
 * every refund seen so far and the plan snapshot. Posting only the difference is someone else's
 * job (plan-commission-posting.ts).
 */

export interface CommissionComputation {
  deservedMinor: number;
  eligibleMinor: number;
  lines: { lineId: string; eligibleMinor: number; rateBasisPoints: number | null; commissionMinor: number }[];
  zeroReason: string | null;
}

export const ZERO_REASONS = {
  canceled: "order canceled",
  notNewCustomer: "not a new customer",
  fullyRefunded: "fully refunded",
  nothingEligible: "nothing eligible",
  currencyMismatch: "flat amount is in another currency",
  planGivesZero: "the plan gives zero for this order",
} as const;

/** Pseudo line ids for shipping and tips when a plan includes them. */
export const SHIPPING_LINE_ID = "shipping";
export const TIP_LINE_ID = "tip";

/** The override for a product: its product override, else the first matching collection override. */
function overrideFor(
  productId: string | null,
  overrides: readonly PlanOverride[],
  productCollections: ReadonlyMap<string, readonly string[]> | undefined,
): PlanOverride | undefined {
  if (productId === null) return undefined;
  const byProduct = overrides.find((o) => o.target === "product" && o.targetId === productId);
  if (byProduct) return byProduct;
  const collections = productCollections?.get(productId) ?? [];
  return overrides.find((o) => o.target === "collection" && collections.includes(o.targetId));
}

function zero(eligibleMinor: number, zeroReason: string): CommissionComputation {
  return { deservedMinor: 0, eligibleMinor, lines: [], zeroReason };
}

export function computeDeservedCommission(input: {
  order: NormalizedOrder;
  refunds: readonly NormalizedRefund[];
  plan: PlanSnapshot;
  productCollections?: ReadonlyMap<string, readonly string[]>;
}): CommissionComputation {
  const { order, refunds, plan, productCollections } = input;
  // A canceled order deserves nothing, whatever was refunded.
  if (order.cancelledAt !== null) return zero(0, ZERO_REASONS.canceled);
  // orders_count includes this order, so a first order has 1. Unknown counts get the benefit of the doubt.
  if (plan.newCustomersOnly && (order.customer.ordersCount ?? 0) > 1) return zero(0, ZERO_REASONS.notNewCustomer);

  const eligible = eligibleAmount(order, refunds, plan);
  if (eligible.eligibleMinor === 0) {
    const beforeRefunds = eligibleAmount({ ...order, refunds: [] }, [], plan).eligibleMinor;
    return zero(0, beforeRefunds > 0 ? ZERO_REASONS.fullyRefunded : ZERO_REASONS.nothingEligible);
  }
  const result =
    plan.kind === "flat"
      ? flatCommission(order, eligible, plan, productCollections)
      : percentageCommission(eligible, plan, productCollections);
  if (result.deservedMinor === 0 && result.zeroReason === null) return { ...result, zeroReason: ZERO_REASONS.planGivesZero };
  return result;
}

type Eligible = ReturnType<typeof eligibleAmount>;

/**
 * Percentage plans: each line at its own rate (product override, else first matching collection
 * override, else the plan rate), rounded once per line; shipping and tips, when included, are
 * lines of their own at the plan rate.
 */
function percentageCommission(
  eligible: Eligible,
  plan: PlanSnapshot,
  productCollections: ReadonlyMap<string, readonly string[]> | undefined,
): CommissionComputation {
  const planRate = plan.rateBasisPoints ?? 0;
  const rateOverrides = plan.overrides.filter((o) => o.rateBasisPoints !== null);
  const line = (lineId: string, eligibleMinor: number, rateBasisPoints: number) => ({
    lineId,
    eligibleMinor,
    rateBasisPoints,
    commissionMinor: percentageOfMinor(eligibleMinor, rateBasisPoints),
  });
  const lines = eligible.lines.map((l) =>
    line(l.lineId, l.eligibleMinor, overrideFor(l.productId, rateOverrides, productCollections)?.rateBasisPoints ?? planRate),
  );
  if (eligible.shippingMinor > 0) lines.push(line(SHIPPING_LINE_ID, eligible.shippingMinor, planRate));
  if (eligible.tipMinor > 0) lines.push(line(TIP_LINE_ID, eligible.tipMinor, planRate));
  const deservedMinor = lines.reduce((total, l) => total + l.commissionMinor, 0);
  return { deservedMinor, eligibleMinor: eligible.eligibleMinor, lines, zeroReason: null };
}

/**
 * Flat plans: one amount per order while anything is eligible. A flat override on any line
 * still eligible (a fully refunded product no longer counts) replaces the plan amount; with several, the largest wins (the merchant chose to
 * pay more for those products). No exchange rate is invented: a flat amount in another currency
 * than the shop's deserves 0.
 */
function flatCommission(
  order: NormalizedOrder,
  eligible: Eligible,
  plan: PlanSnapshot,
  productCollections: ReadonlyMap<string, readonly string[]> | undefined,
): CommissionComputation {
  if (plan.currency !== null && plan.currency !== order.currency) return zero(eligible.eligibleMinor, ZERO_REASONS.currencyMismatch);
  const flatOverrides = plan.overrides.filter((o) => o.flatAmountMinor !== null);
  const overrideAmounts = eligible.lines
    .filter((l) => l.eligibleMinor > 0)
    .map((l) => overrideFor(l.productId, flatOverrides, productCollections)?.flatAmountMinor)
    .filter((amount): amount is number => amount != null);
  const deservedMinor = overrideAmounts.length > 0 ? Math.max(...overrideAmounts) : (plan.flatAmountMinor ?? 0);
  return {
    deservedMinor,
    eligibleMinor: eligible.eligibleMinor,
    lines: [{ lineId: "order", eligibleMinor: eligible.eligibleMinor, rateBasisPoints: null, commissionMinor: deservedMinor }],
    zeroReason: null,
  };
}
