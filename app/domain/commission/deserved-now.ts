import type { PlanSnapshot } from "./commission-plan";
import { type CommissionComputation, computeDeservedCommission, ZERO_REASONS } from "./compute-commission";
import type { OrderAggregate } from "./order-aggregate";

/**
 * Bridges an order aggregate to planCommissionPosting: what the (attributed) order deserves now,
 * and whether a zero is final.
 *
 * - Not paid yet: deserves nothing and creates nothing (the hold starts at payment).
 * - A zero is final when the order is canceled (Shopify never un-cancels) or when the latest
 *   order version, with only the refunds it lists itself, is already fully refunded. A full refund
 *   known only from refunds/create webhooks may still meet an older order version (e.g. the edit
 *   that added the refunded units has not arrived yet), so it adjusts the held amount to 0 but
 *   does not reverse, which could never be undone. Shopify follows every refund with an
 *   orders/updated that lists it, so a real full refund becomes final once that arrives.
 */
export function deservedNow(input: {
  aggregate: OrderAggregate;
  plan: PlanSnapshot;
  productCollections?: ReadonlyMap<string, readonly string[]>;
}): {
  paid: boolean;
  computation: CommissionComputation | null;
  deserved: { deservedMinor: number; zeroBecauseRefundedOrCanceled: boolean };
} {
  const { aggregate, plan, productCollections } = input;
  const order = aggregate.latest;
  if (order === null || aggregate.paidAt === null) {
    return { paid: false, computation: null, deserved: { deservedMinor: 0, zeroBecauseRefundedOrCanceled: false } };
  }
  const computation = computeDeservedCommission({ order, refunds: aggregate.refunds, plan, productCollections });
  const finalZero =
    computation.zeroReason === ZERO_REASONS.canceled ||
    (computation.zeroReason === ZERO_REASONS.fullyRefunded &&
      computeDeservedCommission({ order, refunds: [], plan, productCollections }).zeroReason === ZERO_REASONS.fullyRefunded);
  return {
    paid: true,
    computation,
    deserved: { deservedMinor: computation.deservedMinor, zeroBecauseRefundedOrCanceled: finalZero },
  };
}
