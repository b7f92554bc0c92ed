import type { LedgerTransactionKind } from "../domain/ledger";

/** What the subject of a ledger transaction tells a person reading the history. */
export interface LedgerSubjectFacts {
  orderName?: string | null;
  feeComment?: string | null;
  adjustmentReason?: string | null;
  payoutLabel?: string | null;
  offlineMethod?: string | null;
  offlineReference?: string | null;
  stripeTransferId?: string | null;
}

const withDetail = (text: string, detail: string | null | undefined) => (detail ? `${text} (${detail})` : text);

/**
 * "How" column of the transaction history: each kind of movement as a sentence fragment the
 * merchant recognises, e.g. "Commission earned on #1042", "Paid offline (WIRE-2291)".
 */
export function describeLedgerTransaction(kind: string, facts: LedgerSubjectFacts): string {
  const order = facts.orderName ?? "an order";
  const payout = facts.payoutLabel ? `payout ${facts.payoutLabel}` : "a payout";
  switch (kind as LedgerTransactionKind) {
    case "earn_commission":
      return `Commission earned on ${order}`;
    case "release_hold":
      return `Commission on ${order} approved at the end of the hold`;
    case "commission_recompute":
      return `Commission on ${order} recalculated after an order change`;
    case "commission_top_up":
      return `Commission on ${order} increased after an order edit`;
    case "reject_commission":
      return `Commission on ${order} rejected`;
    case "reverse_commission":
      return `Commission on ${order} reversed (refunded or canceled in the hold)`;
    case "clawback":
      return `Clawback on ${order} after a refund`;
    case "add_fee":
      return withDetail("Fixed fee added", facts.feeComment);
    case "approve_deliverable":
      return withDetail("Fixed fee approved with its deliverable", facts.feeComment);
    case "cancel_fee":
      return withDetail("Fixed fee canceled", facts.feeComment);
    case "adjustment":
      return facts.adjustmentReason ? `Adjustment: ${facts.adjustmentReason}` : "Adjustment";
    case "reserve_for_payout":
      return `Reserved for ${payout}`;
    case "cancel_payout":
      return `Returned to payable: ${payout} canceled`;
    case "pay_offline":
      return withDetail("Paid offline", facts.offlineReference ?? facts.offlineMethod ?? facts.payoutLabel);
    case "pay_stripe":
      return withDetail("Paid with Stripe", facts.payoutLabel ?? facts.stripeTransferId);
    case "pay_gift_card":
      return withDetail("Paid with a gift card", facts.payoutLabel);
    case "reverse_transfer":
      // The one reversal path of every rail: a Stripe payout has its transfer id, a disabled gift card none.
      return withDetail(
        facts.stripeTransferId ? "Stripe transfer reversed: owed again" : "Payment reversed: owed again",
        facts.payoutLabel,
      );
    default:
      return kind.replace(/_/g, " ");
  }
}
