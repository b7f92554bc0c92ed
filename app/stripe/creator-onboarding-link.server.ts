// The link a creator opens to onboard with Stripe (the portal links to it; the merchant copies it
// from the creator page). Signed with the app secret, expires after 14 days.
import { env } from "../env.server";
import { now } from "../lib/clock.server";
import { ONBOARDING_LINK_LIFETIME_SECONDS, signOnboardingToken, verifyOnboardingToken, type TokenCheck } from "./onboarding-token";

export const ONBOARDING_PATH = "/stripe/onboarding";

export function creatorOnboardingUrl(shopId: string, creatorId: string): string {
  const expiresAt = Math.floor(now().getTime() / 1000) + ONBOARDING_LINK_LIFETIME_SECONDS;
  const token = signOnboardingToken({ shopId, creatorId, expiresAt }, env().SHOPIFY_API_SECRET);
  return `${env().SHOPIFY_APP_URL.replace(/\/$/, "")}${ONBOARDING_PATH}/${token}`;
}

export function checkOnboardingToken(token: string): TokenCheck {
  return verifyOnboardingToken(token, env().SHOPIFY_API_SECRET, Math.floor(now().getTime() / 1000));
}
