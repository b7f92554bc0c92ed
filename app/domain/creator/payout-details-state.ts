// Where the creator's payout details stand (the deal page's "Payout details" line), apart from
// the invitation: a creator without details still earns and can still be paid offline.

type PayoutMethod = "stripe" | "paypal" | "bank_transfer" | "other";
type OfflineMethod = Exclude<PayoutMethod, "stripe">;

export type PayoutDetailsState =
  | { kind: "none" }
  /** No details on file yet; the creator submitted some and has not confirmed them by email. */
  | { kind: "pending_confirmation"; pendingSummary: string }
  | { kind: "stripe"; onboarding: "not_started" | "in_progress" | "ready" | "restricted"; pendingSummary: string | null }
  | { kind: "offline"; method: OfflineMethod; summary: string | null; pendingSummary: string | null };

export interface PayoutDetailsFacts {
  payoutMethod: PayoutMethod | null;
  payoutDetailsStatus: "missing" | "pending" | "complete" | "restricted";
  payoutDetailsSummary: string | null;
  /** The summary of a method change awaiting the creator's email confirmation, if any. */
  pendingChangeSummary: string | null;
}

const STRIPE_ONBOARDING = {
  missing: "not_started",
  pending: "in_progress",
  complete: "ready",
  restricted: "restricted",
} as const;

export function payoutDetailsState(facts: PayoutDetailsFacts): PayoutDetailsState {
  const { payoutMethod, payoutDetailsStatus, payoutDetailsSummary, pendingChangeSummary } = facts;
  if (payoutMethod === "stripe") {
    return { kind: "stripe", onboarding: STRIPE_ONBOARDING[payoutDetailsStatus], pendingSummary: pendingChangeSummary };
  }
  if (payoutMethod && payoutDetailsStatus === "complete") {
    return { kind: "offline", method: payoutMethod, summary: payoutDetailsSummary, pendingSummary: pendingChangeSummary };
  }
  return pendingChangeSummary ? { kind: "pending_confirmation", pendingSummary: pendingChangeSummary } : { kind: "none" };
}

const METHOD_LABEL: Record<OfflineMethod, string> = { paypal: "PayPal", bank_transfer: "Bank transfer", other: "Other method" };
const ONBOARDING_TEXT = {
  not_started: "Stripe, onboarding not started",
  in_progress: "Stripe, onboarding not finished",
  ready: "Stripe, ready for transfers",
  restricted: "Stripe, restricted (Stripe needs more information)",
} as const;

/** The deal page's sentence: "none yet", "Stripe, onboarding not finished", "PayPal on file: PayPal j•••@example.com"… */
export function describePayoutDetails(state: PayoutDetailsState): string {
  const pending = (summary: string | null) => (summary ? `; change to ${summary} pending the creator's email confirmation` : "");
  switch (state.kind) {
    case "none":
      return "none yet (they can still be paid offline)";
    case "pending_confirmation":
      return `${state.pendingSummary}, pending the creator's email confirmation`;
    case "stripe":
      return `${ONBOARDING_TEXT[state.onboarding]}${pending(state.pendingSummary)}`;
    case "offline":
      return `${METHOD_LABEL[state.method]} on file${state.summary ? `: ${state.summary}` : ""}${pending(state.pendingSummary)}`;
  }
}
