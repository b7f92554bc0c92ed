import { MAX_LEDGER_ENTRY_MINOR } from "../domain/amount-limits";
import { formatShopDateTime } from "../domain/calendar";
import { amountText } from "../payouts/payout-errors";
import type { ExclusionCode } from "./run-summary";

// Why a creator's balance stays out of a run (pure, so the rules read like the spec). The first
// rule that applies wins; the minimum is only checked when the merchant honours it.
// A creator with no payout details at all is NOT left out (ISSUE13 item 1): their payout waits in
// Ready to be paid offline by a method the merchant agrees with them. A creator on Stripe whose
// onboarding is not done is left out: a Stripe payout cannot be sent to them.

export interface CandidateBalance {
  currency: string;
  creatorStatus: string;
  payoutMethod: string | null;
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

export interface ExclusionRules {
  honourMinimum: boolean;
  minimumMinor: number | null;
  at: Date;
  /** The shop's IANA time zone: times in reasons read on the shop's clock. */
  timeZone: string;
}

/** Details a payout cannot be sent with: a Stripe account not ready (pending and restricted only happen on Stripe). */
const UNPAYABLE_DETAILS: Record<string, string> = {
  pending: "Stripe onboarding not finished",
  restricted: "Stripe account restricted",
};

/** The note a preview row carries when the balance is paid but needs the merchant's attention. */
export const NO_DETAILS_NOTE = "no payout details: pay offline by a method you agree on";

export function decideExclusion(balance: CandidateBalance, rules: ExclusionRules): Exclusion | null {
  const { currency, amountMinor } = balance;
  if (balance.creatorStatus === "archived" || balance.creatorStatus === "declined") {
    return { code: "creator_archived", reason: `creator ${balance.creatorStatus}` };
  }
  const unpayable = UNPAYABLE_DETAILS[balance.payoutDetailsStatus];
  if (unpayable) return { code: "no_payout_details", reason: unpayable };
  if (balance.payoutMethod === "stripe" && balance.payoutDetailsStatus !== "complete") {
    return { code: "no_payout_details", reason: "Stripe onboarding not started" };
  }
  if (balance.payoutsHeldUntil && balance.payoutsHeldUntil > rules.at) {
    // DOMAIN §7: a changed payout method holds new payouts for 24 hours.
    const until = formatShopDateTime(balance.payoutsHeldUntil, rules.timeZone);
    return { code: "payouts_held", reason: `payout method just changed; payouts held until ${until} (${rules.timeZone})` };
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

/** What a paid (not excluded) row should tell the merchant, if anything. */
export function runRowNote(balance: Pick<CandidateBalance, "payoutDetailsStatus">): string | null {
  return balance.payoutDetailsStatus === "missing" ? NO_DETAILS_NOTE : null;
}
