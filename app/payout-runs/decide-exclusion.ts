import { MAX_LEDGER_ENTRY_MINOR } from "../domain/amount-limits";
import { formatShopDateTime } from "../domain/calendar";
import { amountText } from "../payouts/payout-errors";
import type { ExclusionCode } from "./run-summary";

// Why a creator's balance stays out of a run (pure, so the rules read like the spec). The first
// rule that applies wins; the minimum is only checked when the merchant honours it.
// A creator with no payout details at all is NOT left out (ISSUE13 item 1): their payout waits in
// Ready to be paid offline by a method the merchant agrees with them. A creator on Stripe whose
// onboarding is not done is left out: a Stripe payout cannot be sent to them. Each creator is
// judged on the rail the run pays them on (issue 15): PayPal needs a PayPal email, Stripe an account.

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
  /**
   * The rail the run pays this creator on (their preferred rail while the shop enables it, see
   * app/rails/default-rail.ts). Omitted: as before rails (Stripe for a Stripe creator, else offline).
   */
  rail?: string;
  /** Whether the creator has a Stripe connected account (a Stripe payout needs one). */
  hasStripeAccount?: boolean;
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

const railOf = (balance: Pick<CandidateBalance, "rail" | "payoutMethod">) =>
  balance.rail ?? (balance.payoutMethod === "stripe" ? "stripe" : "offline");

/** Why the creator's own rail cannot pay them (each rail needs its own destination), or null. */
function railExclusion(balance: CandidateBalance): Exclusion | null {
  const rail = railOf(balance);
  if (rail === "paypal") {
    // The PayPal email lives in the creator's payout details (method PayPal, complete).
    if (balance.payoutMethod === "paypal" && balance.payoutDetailsStatus === "complete") return null;
    return {
      code: "no_payout_details",
      reason: "paid with PayPal but has no PayPal email in their payout details: ask them to add it in the portal",
    };
  }
  if (rail === "stripe" && balance.hasStripeAccount === false) {
    return {
      code: "no_payout_details",
      reason: "paid with Stripe but has no Stripe account: ask them to finish Stripe onboarding in the portal",
    };
  }
  // Store credit needs no payout details (the customer account is checked when it is paid).
  if (rail !== "stripe" && rail !== "offline") return null;
  const unpayable = UNPAYABLE_DETAILS[balance.payoutDetailsStatus];
  if (unpayable) return { code: "no_payout_details", reason: unpayable };
  if (balance.payoutMethod === "stripe" && balance.payoutDetailsStatus !== "complete") {
    return { code: "no_payout_details", reason: "Stripe onboarding not started" };
  }
  return null;
}

export function decideExclusion(balance: CandidateBalance, rules: ExclusionRules): Exclusion | null {
  const { currency, amountMinor } = balance;
  if (balance.creatorStatus === "archived" || balance.creatorStatus === "declined") {
    return { code: "creator_archived", reason: `creator ${balance.creatorStatus}` };
  }
  const onRail = railExclusion(balance);
  if (onRail) return onRail;
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
export function runRowNote(balance: Pick<CandidateBalance, "payoutDetailsStatus" | "rail" | "payoutMethod">): string | null {
  return balance.payoutDetailsStatus === "missing" && railOf(balance) === "offline" ? NO_DETAILS_NOTE : null;
}
