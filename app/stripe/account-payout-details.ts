// A connected account's state, as the creator's payout-details status (DOMAIN.md §2): pure.

export interface AccountSnapshot {
  capabilities?: { transfers?: string | null } | null;
  requirements?: { currently_due?: string[] | null; past_due?: string[] | null; disabled_reason?: string | null } | null;
  details_submitted?: boolean | null;
}

export interface StripePayoutDetails {
  status: "pending" | "complete" | "restricted";
  transfersActive: boolean;
  /** What Stripe still needs (past due first), e.g. "external_account". */
  requirementsDue: string[];
}

/**
 * complete: the transfers capability is active (the app can pay). restricted: the creator
 * submitted their details but Stripe still needs something or disabled the account. pending:
 * onboarding not finished yet.
 */
export function payoutDetailsOfAccount(account: AccountSnapshot): StripePayoutDetails {
  const transfersActive = account.capabilities?.transfers === "active";
  const requirementsDue = [...new Set([...(account.requirements?.past_due ?? []), ...(account.requirements?.currently_due ?? [])])];
  if (transfersActive) return { status: "complete", transfersActive, requirementsDue };
  return { status: account.details_submitted ? "restricted" : "pending", transfersActive, requirementsDue };
}
