/**
 * Recompute-and-diff (DOMAIN.md §4): given what a commission has posted so far and what its
 * order deserves now, the one movement to post. Replays and duplicates compute the same deserved
 * amount, find no difference and post nothing.
 *
 * The caller only asks for attributed orders that count as paid (see deserved-now.ts): before
 * payment nothing is created.
 */

export type CommissionState = { status: "none" } | { status: "held" | "approved" | "paid" | "reversed" | "rejected"; postedMinor: number };

export type CommissionPosting =
  | { kind: "nothing" }
  /** earn: expense → held (ledger.earnCommission). */
  | { kind: "create"; status: "held"; amountMinor: number }
  /** Paid but already deserving 0 for good (canceled or fully refunded): a reversed commission, nothing posted. */
  | { kind: "create_reversed" }
  /** ledger.recomputeHeldCommission(diffMinor). */
  | { kind: "adjust_held"; diffMinor: number }
  /** held → expense (ledger.returnToExpense reverse_commission from held); status reversed. 0 = status only. */
  | { kind: "reverse"; amountMinor: number }
  /** payable → expense (ledger.returnToExpense clawback from payable) as a clawback item. */
  | { kind: "clawback"; amountMinor: number }
  /** expense → payable as a new payable item (today: ledger.postAdjustment with a positive amount). */
  | { kind: "top_up"; amountMinor: number };

/**
 * `zeroBecauseRefundedOrCanceled` must mean the zero is final (canceled, or the latest order
 * version itself shows everything refunded): a commission reversed is never revived. A zero that
 * a newer order version could still lift (a refund seen before the edit that added the refunded
 * units) only adjusts the held amount, to 0, and the commission stays held.
 */
export function planCommissionPosting(
  state: CommissionState,
  deserved: { deservedMinor: number; zeroBecauseRefundedOrCanceled: boolean },
): CommissionPosting {
  const { deservedMinor, zeroBecauseRefundedOrCanceled } = deserved;
  const finalZero = deservedMinor === 0 && zeroBecauseRefundedOrCanceled;
  switch (state.status) {
    case "none":
      if (deservedMinor > 0) return { kind: "create", status: "held", amountMinor: deservedMinor };
      return finalZero ? { kind: "create_reversed" } : { kind: "nothing" };
    case "held": {
      if (finalZero) return { kind: "reverse", amountMinor: state.postedMinor };
      const diffMinor = deservedMinor - state.postedMinor;
      return diffMinor === 0 ? { kind: "nothing" } : { kind: "adjust_held", diffMinor };
    }
    case "approved":
    case "paid": {
      // The status stays; the difference becomes a payable item (negative: a clawback).
      const diffMinor = deservedMinor - state.postedMinor;
      if (diffMinor < 0) return { kind: "clawback", amountMinor: -diffMinor };
      if (diffMinor > 0) return { kind: "top_up", amountMinor: diffMinor };
      return { kind: "nothing" };
    }
    case "reversed":
    case "rejected":
      return { kind: "nothing" };
  }
}
