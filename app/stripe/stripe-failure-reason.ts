// Why a Stripe transfer failed, as a sentence a merchant can act on. Pure: the payout page, the
// stored failure reason and the tests read the same table. Stripe's codes are for support, not
// for merchants: a known code becomes a sentence alone; an unknown one a generic sentence with
// the code beside it in small print.

export type WhoActs = "merchant" | "creator";

/** What fixes the failure, so the page can tell whether a retry can work now. */
export type FailureFix =
  | "creator_account" // the creator's connected account must be able to receive transfers
  | "stripe_balance" // the shop's Stripe balance must hold enough funds
  | "stripe_key" // the shop's Stripe key must work again
  | "amount" // the amount cannot be sent as it is
  | "unknown";

export interface StripeFailureReason {
  sentence: string;
  whoActs: WhoActs;
  fix: FailureFix;
  /** The raw code, shown small beside the sentence; null when the sentence says it all. */
  unexplainedCode: string | null;
}

interface Entry {
  sentence: (currency: string | undefined) => string;
  whoActs: WhoActs;
  fix: FailureFix;
}

const onboardingAgain = "The creator must finish or fix their Stripe onboarding; then retry, or pay offline instead.";

const REASONS: Record<string, Entry> = {
  balance_insufficient: {
    sentence: (currency) =>
      `Your Stripe balance does not have enough available funds${currency ? ` in ${currency.toUpperCase()}` : ""} for this transfer. Add funds in Stripe (or wait until pending funds are available), then retry.`,
    whoActs: "merchant",
    fix: "stripe_balance",
  },
  account_closed: {
    sentence: () =>
      "The creator's Stripe account is closed. Ask them to connect a new one through their onboarding link, or pay offline instead.",
    whoActs: "creator",
    fix: "creator_account",
  },
  account_invalid: {
    sentence: () => `Stripe does not recognise the creator's connected account. ${onboardingAgain}`,
    whoActs: "creator",
    fix: "creator_account",
  },
  no_account: {
    sentence: () => `The creator's connected account no longer exists at Stripe. ${onboardingAgain}`,
    whoActs: "creator",
    fix: "creator_account",
  },
  payouts_not_allowed: {
    sentence: () => `Payouts are disabled on the creator's Stripe account. ${onboardingAgain}`,
    whoActs: "creator",
    fix: "creator_account",
  },
  transfers_not_allowed: {
    sentence: () => `Stripe does not allow transfers to the creator's account yet. ${onboardingAgain}`,
    whoActs: "creator",
    fix: "creator_account",
  },
  capability_disabled: {
    sentence: () => `The creator's Stripe account cannot receive transfers: its transfers capability is disabled. ${onboardingAgain}`,
    whoActs: "creator",
    fix: "creator_account",
  },
  insufficient_capabilities_for_transfer: {
    sentence: () => `The creator's Stripe account cannot receive transfers: its transfers capability is not active. ${onboardingAgain}`,
    whoActs: "creator",
    fix: "creator_account",
  },
  account_country_invalid_address: {
    sentence: () => `The address on the creator's Stripe account does not match its country. ${onboardingAgain}`,
    whoActs: "creator",
    fix: "creator_account",
  },
  account_information_mismatch: {
    sentence: () => `The details on the creator's Stripe account do not match. ${onboardingAgain}`,
    whoActs: "creator",
    fix: "creator_account",
  },
  amount_too_small: {
    sentence: () => "The amount is below the smallest transfer Stripe accepts in this currency. Pay it offline instead, or cancel it.",
    whoActs: "merchant",
    fix: "amount",
  },
  amount_too_large: {
    sentence: () => "The amount is above the largest transfer Stripe accepts. Pay it offline instead, or cancel it.",
    whoActs: "merchant",
    fix: "amount",
  },
  stripe_key_refused: {
    sentence: () => "Stripe refused the shop's key. Reconnect Stripe in Settings, then retry.",
    whoActs: "merchant",
    fix: "stripe_key",
  },
  transfer_not_found: {
    sentence: () =>
      "Stripe has no transfer for this attempt, so nothing was paid; after 24 hours its request can no longer be repeated safely. Retry to pay it with a new attempt.",
    whoActs: "merchant",
    fix: "unknown",
  },
};

/** Stripe's error types for a refused or insufficient key: the same fix as stripe_key_refused. */
const KEY_REFUSED_TYPES = new Set(["StripeAuthenticationError", "StripePermissionError", "authentication_error", "permission_error"]);

/**
 * The sentence for a failed transfer's Stripe error `code` (the shop's currency of the payout
 * helps balance_insufficient say which funds). An HTTP 401/403 is the key, whatever the code.
 */
export function stripeFailureReason(
  code: string | null | undefined,
  context: { currency?: string; httpStatus?: number } = {},
): StripeFailureReason {
  const keyRefused = context.httpStatus === 401 || context.httpStatus === 403 || (code ? KEY_REFUSED_TYPES.has(code) : false);
  // Own keys only: a code such as "__proto__" must not find Object.prototype.
  const entry = keyRefused ? REASONS.stripe_key_refused : code && Object.hasOwn(REASONS, code) ? REASONS[code] : undefined;
  if (entry) return { sentence: entry.sentence(context.currency), whoActs: entry.whoActs, fix: entry.fix, unexplainedCode: null };
  return {
    sentence: "Stripe refused the transfer. Check the transfer in your Stripe dashboard, then retry, or pay offline instead.",
    whoActs: "merchant",
    fix: "unknown",
    unexplainedCode: code || "unknown",
  };
}

/**
 * Whether a retry can work now, as far as the app can know: a creator-side cause needs their
 * account to receive transfers again; anything else (a balance, a key, an unknown refusal) the
 * app cannot see, so the merchant may retry.
 */
export function retryCanWork(reason: StripeFailureReason, creatorCanReceive: boolean): boolean {
  if (!creatorCanReceive) return false;
  return reason.fix !== "amount";
}
