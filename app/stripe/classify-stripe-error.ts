// Sorts what a Stripe call threw into "try the same request again" and "this attempt is over".
// Only a definite answer from Stripe (a 4xx) ends an attempt; a lost answer (network error,
// timeout) or a server error (5xx), a rate limit (429) or a concurrent use of the key (409) may
// hide a transfer that was made, so the same key and parameters are replayed (DOMAIN.md §4).

export interface StripeErrorLike {
  type?: string;
  statusCode?: number;
  code?: string;
  message?: string;
  raw?: { type?: string };
}

export type StripeFailure =
  { kind: "replay"; reason: string } | { kind: "definite"; code: string; message: string; whoActs: "merchant" | "creator" };

const CREATOR_ACCOUNT_CODES = new Set([
  "account_invalid",
  "account_closed",
  "account_country_invalid_address",
  "no_account",
  "transfers_not_allowed",
  "capability_disabled",
  "insufficient_capabilities_for_transfer",
  "account_information_mismatch",
]);

export function classifyStripeError(error: unknown, currency?: string): StripeFailure {
  const e = (error ?? {}) as StripeErrorLike;
  const status = e.statusCode;
  if (e.type === "StripeConnectionError" || status === undefined) {
    return { kind: "replay", reason: "Stripe could not be reached or its answer was lost" };
  }
  if (status >= 500 || status === 429 || status === 409) {
    return { kind: "replay", reason: `Stripe answered ${status}` };
  }
  const code = e.code ?? e.raw?.type ?? e.type ?? "stripe_error";
  return { kind: "definite", code, ...definiteMessage(code, status, e.message, currency) };
}

function definiteMessage(
  code: string,
  status: number,
  stripeMessage: string | undefined,
  currency: string | undefined,
): { message: string; whoActs: "merchant" | "creator" } {
  if (code === "balance_insufficient") {
    const inCurrency = currency ? ` in ${currency.toUpperCase()}` : "";
    return {
      message: `Your Stripe balance does not have enough available funds${inCurrency}. Add funds in Stripe, then retry the payout.`,
      whoActs: "merchant",
    };
  }
  if (CREATOR_ACCOUNT_CODES.has(code)) {
    return {
      message: `The creator's Stripe account cannot receive transfers (${code}). The creator must finish or fix their Stripe onboarding, then retry the payout.`,
      whoActs: "creator",
    };
  }
  if (status === 401 || status === 403) {
    return { message: "Stripe refused the shop's key. Reconnect Stripe in Settings, then retry the payout.", whoActs: "merchant" };
  }
  const detail = stripeMessage ? `: ${stripeMessage}` : "";
  return { message: `Stripe refused the transfer (${code})${detail}`, whoActs: "merchant" };
}
