// Sorts what a Stripe call threw into "try the same request again" and "this attempt is over".
// Only a definite answer from Stripe (a 4xx) ends an attempt; a lost answer (network error,
// timeout) or a server error (5xx), a rate limit (429) or a concurrent use of the key (409) may
// hide a transfer that was made, so the same key and parameters are replayed (DOMAIN.md §4).
// A definite refusal's sentence comes from stripe-failure-reason.ts.
import { stripeFailureReason, type WhoActs } from "./stripe-failure-reason";

export interface StripeErrorLike {
  type?: string;
  statusCode?: number;
  code?: string;
  message?: string;
  raw?: { type?: string };
}

export type StripeFailure = { kind: "replay"; reason: string } | { kind: "definite"; code: string; message: string; whoActs: WhoActs };

export function classifyStripeError(error: unknown, currency?: string): StripeFailure {
  const e = (error ?? {}) as StripeErrorLike;
  const status = e.statusCode;
  if (e.type === "StripeConnectionError" || status === undefined) {
    return { kind: "replay", reason: "Stripe could not be reached or its answer was lost" };
  }
  if (status >= 500 || status === 429 || status === 409) {
    return { kind: "replay", reason: `Stripe answered ${status}` };
  }
  // A refused key is one cause whatever Stripe names it, so the page can say "reconnect".
  const code = status === 401 || status === 403 ? "stripe_key_refused" : (e.code ?? e.raw?.type ?? e.type ?? "stripe_error");
  const reason = stripeFailureReason(code, { currency, httpStatus: status });
  // An unknown refusal keeps Stripe's own words for the attempt history.
  const message = reason.unexplainedCode && e.message ? `${reason.sentence} (Stripe: ${e.message})` : reason.sentence;
  return { kind: "definite", code, message, whoActs: reason.whoActs };
}
