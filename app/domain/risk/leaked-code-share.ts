// Leaked code, by share: most of a discount code's recent orders came without the creator's
// referral link (referral-landing.ts), so buyers find the code somewhere the creator did not put it.
// A creator who posts a code without a link looks the same, so alone the signal scores under the
// default review level: it is listed on the Risk screen and the deal page, and holds a commission
// only in a shop whose review level is 45 or lower (or together with a stronger signal).
import type { RiskSignal } from "./risk-signal";

/** Fewer orders than this in the window say nothing (1 of 1 without a landing is not a leak). */
export const LEAKED_CODE_MIN_ORDERS = 20;
/** The share of the code's orders without a referral landing from which the code counts as leaked. */
export const LEAKED_CODE_SHARE = 0.9;
/** The window the code's orders are counted in (the same 90 days as the other history rules). */
export const LEAKED_CODE_WINDOW_DAYS = 90;
export const LEAKED_CODE_SHARE_SCORE = 45;

export interface LeakedCodeShareInput {
  code: string;
  /** The code's orders in the window, this one included. */
  orders: number;
  ordersWithoutReferralLanding: number;
}

export function leakedCodeShareSignal({ code, orders, ordersWithoutReferralLanding }: LeakedCodeShareInput): RiskSignal | null {
  if (orders < LEAKED_CODE_MIN_ORDERS) return null;
  const share = ordersWithoutReferralLanding / orders;
  if (share < LEAKED_CODE_SHARE) return null;
  return {
    code: "leaked_code",
    score: LEAKED_CODE_SHARE_SCORE,
    sentence: `${Math.floor(share * 100)} % of the ${orders} orders with code ${code} in ${LEAKED_CODE_WINDOW_DAYS} days came without the creator's referral link.`,
  };
}
