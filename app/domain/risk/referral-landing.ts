// Whether an order arrived through the creator's referral link: its landing page carries
// `?ref=<the creator's referral code>` (what the link adds), or its cart carries the referral
// attribute the "Referral tracking" embed writes from that same `?ref=`. A code's orders without
// one feed the leaked-code share rule (leaked-code-share.ts).
import { CREATOR_REF_ATTRIBUTE } from "../commission/shopify-order";

export interface ReferralLandingInput {
  landingSite?: string | null;
  noteAttributes: Readonly<Record<string, string>>;
}

const sameCode = (a: string | null | undefined, b: string) => !!a && a.trim().toUpperCase() === b.trim().toUpperCase();

function refOfLanding(landingSite: string | null | undefined): string | null {
  const landing = landingSite?.trim();
  if (!landing || !landing.includes("?")) return null;
  try {
    return new URLSearchParams(landing.slice(landing.indexOf("?") + 1).split("#")[0]).get("ref");
  } catch {
    return null;
  }
}

export function hasReferralLanding(order: ReferralLandingInput, referralCode: string | null | undefined): boolean {
  if (!referralCode?.trim()) return false;
  return sameCode(order.noteAttributes[CREATOR_REF_ATTRIBUTE], referralCode) || sameCode(refOfLanding(order.landingSite), referralCode);
}
