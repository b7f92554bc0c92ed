import { MAX_LEDGER_ENTRY_MINOR } from "../domain/amount-limits";
import { amountText } from "../payouts/payout-errors";
import type { ExclusionCode } from "./run-summary";

// Why a creator's balance stays out of a run (pure, so the rules read like the spec). The first
// rule that applies wins; the minimum is only checked when the merchant honours it.

export interface CandidateBalance {
  currency: string;
  creatorStatus: string;
  payoutDetailsStatus: string;
  payoutsHeldUntil: Date | null;
  /** What createPayout would pay: available positives up to the end of the range, net of every negative. */
  amountMinor: number;
  /** Available positive items that became payable inside the range. */
  newAvailableItems: number;
}

export interface Exclusion {
  code: ExclusionCode;
  reason: string;
}

const DETAILS_REASON: Record<string, string> = {
  missing: "no payout details",
  pending: "payout details not complete",
  restricted: "payout account restricted",
};

export function decideExclusion(
  balance: CandidateBalance,
  rules: { honourMinimum: boolean; minimumMinor: number | null; at: Date },
): Exclusion | null {
  const { currency, amountMinor } = balance;
  if (balance.creatorStatus === "archived" || balance.creatorStatus === "declined") {
    return { code: "creator_archived", reason: `creator ${balance.creatorStatus}` };
  }
  const details = DETAILS_REASON[balance.payoutDetailsStatus];
  if (details) return { code: "no_payout_details", reason: details };
  if (balance.payoutsHeldUntil && balance.payoutsHeldUntil > rules.at) {
    // DOMAIN §7: a changed payout method holds new payouts for 24 hours.
    const until = balance.payoutsHeldUntil.toISOString().slice(0, 16).replace("T", " ");
    return { code: "payouts_held", reason: `payout method just changed; payouts held until ${until} UTC` };
  }
  if (balance.newAvailableItems === 0) return { code: "nothing_payable", reason: "nothing payable: already in a payout" };
  if (amountMinor < 0) {
    return { code: "nothing_payable", reason: `nothing payable: owes ${amountText(-amountMinor, currency)} from clawbacks` };
  }
  if (amountMinor === 0) return { code: "nothing_payable", reason: "nothing payable: clawbacks cancel it out" };
  // One payout's reservation is one ledger entry, capped (app/domain/amount-limits.ts).
  if (amountMinor > MAX_LEDGER_ENTRY_MINOR) {
    return {
      code: "over_maximum",
      reason: `more than one payout can carry (${amountText(MAX_LEDGER_ENTRY_MINOR, currency)}): pay it in parts with custom-amount payouts`,
    };
  }
  if (!rules.honourMinimum) return null;
  if (rules.minimumMinor === null) return { code: "no_minimum", reason: `no minimum set for ${currency}` };
  if (amountMinor < rules.minimumMinor) {
    return { code: "below_minimum", reason: `below the ${amountText(rules.minimumMinor, currency)} minimum` };
  }
  return null;
}
