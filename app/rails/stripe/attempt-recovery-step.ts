// What may be done with a Stripe transfer attempt whose outcome is not recorded yet, by its age:
// the time since it was claimed, on the app's clock. Stripe keeps an idempotency key at least
// 24 hours after the key's first request, and no request is sent before the claim, so an age
// under 24 hours proves Stripe still remembers the key (DOMAIN.md §4, decision 0005).
import { STRIPE_IDEMPOTENCY_WINDOW_MS } from "../../stripe/transfer-params";
import type { RecoveryStep } from "../rail";

/**
 * The safe window. A younger attempt's stored request is (re)sent as it is; an older one is never
 * sent again before its transfer is looked up at Stripe. It is also the longest a request is
 * assumed to stay in flight (the SDK gives up after 30 seconds).
 */
export const BLIND_REPLAY_WINDOW_MS = 60 * 60 * 1000;

/**
 * The shared steps (app/rails/rail.ts) as Stripe reads them: `send` the stored request with its
 * key; `look_up_then_send` when Stripe has no transfer (the key is still known);
 * `look_up_then_wait` (a request sent under the previous step may still land);
 * `look_up_then_fail` (the key may be forgotten: a person decides to retry).
 */
export type AttemptRecoveryStep = RecoveryStep;

export function attemptRecoveryStep(ageMs: number): AttemptRecoveryStep {
  if (ageMs < BLIND_REPLAY_WINDOW_MS) return "send";
  // The last send starts a full safe window before the key may be forgotten, and before anyone
  // may declare the attempt failed: no request can land after the attempt was failed.
  if (ageMs < STRIPE_IDEMPOTENCY_WINDOW_MS - BLIND_REPLAY_WINDOW_MS) return "look_up_then_send";
  if (ageMs < STRIPE_IDEMPOTENCY_WINDOW_MS) return "look_up_then_wait";
  return "look_up_then_fail";
}
