// The rules that run when a commission is earned, on what the order batch already loaded (no I/O):
// the order, the creator and the shop's settings; rules that need history take it when given.
import { leakedCodeSignal } from "./leaked-code";
import { leakedCodeShareSignal, type LeakedCodeShareInput } from "./leaked-code-share";
import { refundRateSignal, type RefundRateInput } from "./refund-rate";
import { mergeSignals, needsRiskReview, type RiskSignal } from "./risk-signal";
import { selfReferralSignal, type SelfReferralInput } from "./self-referral";
import { sharedPayoutDetailsSignal } from "./shared-payout-details";
import { velocitySpikeSignal, type VelocityInput } from "./velocity-spike";

export interface RiskInput {
  creator: SelfReferralInput["creator"];
  order: SelfReferralInput["order"] & { referringSite?: string | null; landingSite?: string | null };
  shop: { riskReviewScore: number; couponSites: readonly string[] };
  refunds?: RefundRateInput;
  velocity?: VelocityInput;
  otherCreatorsWithSamePayoutDetails?: number;
  /** The orders of the code that credits this order (absent: the order came by no code). */
  codeLandings?: LeakedCodeShareInput;
}

export function evaluateRisk(input: RiskInput): { signals: RiskSignal[]; review: boolean } {
  const signals = [
    selfReferralSignal(input),
    mergeSignals(
      leakedCodeSignal({ ...input.order, couponSites: input.shop.couponSites }),
      input.codeLandings ? leakedCodeShareSignal(input.codeLandings) : null,
    ),
    input.refunds ? refundRateSignal(input.refunds) : null,
    input.velocity ? velocitySpikeSignal(input.velocity) : null,
    input.otherCreatorsWithSamePayoutDetails !== undefined
      ? sharedPayoutDetailsSignal({ otherCreators: input.otherCreatorsWithSamePayoutDetails })
      : null,
  ].filter((s): s is RiskSignal => s !== null);
  return { signals, review: needsRiskReview(signals, input.shop.riskReviewScore) };
}
