import type { Creator, Shop } from "@prisma/client";

/**
 * The Stripe-hosted onboarding link for a creator's connected account, or null when the portal
 * offers none. Returns null for now: the Stripe integration fills this in (an Account Link for
 * the creator's account on the shop's platform); the portal shows the link whenever it is a URL.
 */
export async function portalStripeOnboardingLink(
  _shop: Pick<Shop, "id" | "domain" | "stripeAccountId">,
  _creator: Pick<Creator, "id" | "stripeAccountId" | "stripeTransfersActive">,
): Promise<string | null> {
  return null;
}
