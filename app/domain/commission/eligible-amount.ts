import { allocateProportionally } from "../allocation";
import type { PlanSnapshot } from "./commission-plan";
import type { NormalizedOrder, NormalizedRefund } from "./shopify-order";

/**
 * The eligible amount of an order (DOMAIN.md §4): line items after line and order discounts,
 * minus what refunds took back, with shipping, tips, gift cards and taxes excluded unless the
 * plan includes them. Exact minor units throughout; nothing is rounded here.
 */

export interface EligibleLine {
  lineId: string;
  productId: string | null;
  eligibleMinor: number;
}

export type EligibilityRules = Pick<PlanSnapshot, "excludeShipping" | "excludeTips" | "excludeGiftCards" | "excludeTaxes">;

/** order.refunds ∪ refunds, one per refundId (the order's own copy first), for this order only. */
export function uniqueRefunds(order: NormalizedOrder, refunds: readonly NormalizedRefund[]): NormalizedRefund[] {
  const byId = new Map<string, NormalizedRefund>();
  for (const refund of [...order.refunds, ...refunds]) {
    if (refund.orderId === order.shopifyOrderId && !byId.has(refund.refundId)) byId.set(refund.refundId, refund);
  }
  return [...byId.values()];
}

/**
 * Order discounts Shopify did not allocate to lines: Σ(price × qty) − Σ line discounts − subtotal.
 * Shared across the non-gift-card lines in proportion to their amounts (largest remainder), since
 * discounts never apply to gift cards.
 */
function unallocatedDiscountShares(order: NormalizedOrder, lineAmounts: readonly number[]): number[] {
  const unallocated =
    order.lines.reduce((total, line) => total + line.unitPriceMinor * line.quantity - line.discountMinor, 0) - order.subtotalMinor;
  const weights = order.lines.map((line, index) => (line.giftCard ? 0 : Math.max(0, lineAmounts[index]!)));
  if (unallocated <= 0 || weights.every((weight) => weight === 0)) return order.lines.map(() => 0);
  return allocateProportionally(unallocated, weights);
}

export function eligibleAmount(
  order: NormalizedOrder,
  refunds: readonly NormalizedRefund[],
  plan: EligibilityRules,
): { eligibleMinor: number; lines: EligibleLine[]; shippingMinor: number; tipMinor: number } {
  const allRefunds = uniqueRefunds(order, refunds);
  // Tax is inside the price only when the shop's prices include it; otherwise there is none to remove.
  const removeTax = order.taxesIncluded && plan.excludeTaxes;

  const lineAmounts = order.lines.map((line) => line.unitPriceMinor * line.quantity - line.discountMinor);
  const orderDiscountShares = unallocatedDiscountShares(order, lineAmounts);

  const lines = order.lines.map((line, index): EligibleLine => {
    if (line.giftCard && plan.excludeGiftCards) return { lineId: line.lineId, productId: line.productId, eligibleMinor: 0 };
    const refundedMinor = allRefunds
      .flatMap((refund) => refund.lines)
      .filter((refundLine) => refundLine.lineId === line.lineId)
      .reduce((total, refundLine) => total + refundLine.subtotalMinor - (removeTax ? refundLine.taxMinor : 0), 0);
    const amount = lineAmounts[index]! - orderDiscountShares[index]! - (removeTax ? line.taxMinor : 0) - refundedMinor;
    return { lineId: line.lineId, productId: line.productId, eligibleMinor: Math.max(0, amount) };
  });

  const refundedShipping = allRefunds.reduce((total, refund) => total + refund.shippingMinor, 0);
  const shippingMinor = plan.excludeShipping ? 0 : Math.max(0, order.shippingMinor - order.shippingDiscountMinor - refundedShipping);
  const tipMinor = plan.excludeTips ? 0 : Math.max(0, order.tipMinor);

  const linesMinor = lines.reduce((total, line) => total + line.eligibleMinor, 0);
  return { eligibleMinor: linesMinor + shippingMinor + tipMinor, lines, shippingMinor, tipMinor };
}
