// Which source credits an order (DOMAIN.md §2, issue 14 §3): a manual assignment, then a creator's
// discount code, then the referral cart attribute, then a Web Pixel conversion for the order. The
// pixel is a fallback only: the order webhook stays the source of money, and a pixel event never
// overrides what the order itself carries.
import type { AttributionSourceName } from "./attribution-source";

/** The creator each source names for one order (null: the source names none that exists). */
export interface AttributionCandidates<C> {
  manual: C | null;
  discountCode: C | null;
  referralAttribute: C | null;
  pixel: C | null;
}

export interface ChosenAttribution<C> {
  creator: C;
  source: AttributionSourceName;
}

export function chooseAttribution<C>(candidates: AttributionCandidates<C>): ChosenAttribution<C> | null {
  if (candidates.manual) return { creator: candidates.manual, source: "manual" };
  if (candidates.discountCode) return { creator: candidates.discountCode, source: "discount_code" };
  if (candidates.referralAttribute) return { creator: candidates.referralAttribute, source: "referral" };
  if (candidates.pixel) return { creator: candidates.pixel, source: "pixel" };
  return null;
}

/** A pixel conversion is only looked up when nothing on the order credits a creator. */
export function needsPixelAttribution<C>(candidates: Omit<AttributionCandidates<C>, "pixel">): boolean {
  return !candidates.manual && !candidates.discountCode && !candidates.referralAttribute;
}
