// Risk signals (issue 17 §2): each rule is a pure function of what is known when a commission is
// earned, and returns a signal (a code, a score from 1 to 100, and a sentence for the merchant) or
// null. A commission whose strongest signal reaches the shop's review level waits for review.
export const RISK_RULES = ["self_referral", "leaked_code", "refund_rate", "velocity_spike", "shared_payout_details"] as const;
export type RiskRule = (typeof RISK_RULES)[number];

export interface RiskSignal {
  code: RiskRule;
  score: number;
  sentence: string;
}

/** Settings default: a signal scoring 50 or more holds the commission for review. */
export const DEFAULT_RISK_REVIEW_SCORE = 50;

export const RISK_RULE_LABELS: Record<RiskRule, string> = {
  self_referral: "Self-referral",
  leaked_code: "Leaked code",
  refund_rate: "High refund rate",
  velocity_spike: "Order velocity spike",
  shared_payout_details: "Shared payout details",
};

export const isRiskRule = (value: string): value is RiskRule => (RISK_RULES as readonly string[]).includes(value);

/** Whether the signals hold the commission for review: the strongest reaches the shop's level. */
export function needsRiskReview(signals: readonly RiskSignal[], reviewScore: number): boolean {
  return signals.some((signal) => signal.score >= reviewScore);
}

/** Two signals of one rule as one (a flag is one row per rule): the higher score, both sentences. */
export function mergeSignals(a: RiskSignal | null, b: RiskSignal | null): RiskSignal | null {
  if (!a || !b) return a ?? b;
  return { code: a.code, score: Math.max(a.score, b.score), sentence: `${a.sentence} ${b.sentence}` };
}
