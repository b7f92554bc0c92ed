import type { Creator, Shop } from "@prisma/client";
import { portalOnboardingLink, type OnboardingLinkState } from "../stripe/creator-onboarding-link.server";
import { environmentCredentials } from "../stripe/stripe-connection.server";

export type ShopStripeState = Pick<
  Shop,
  "id" | "domain" | "stripeSecretKeyCiphertext" | "stripePlatformWebhookSecretCiphertext" | "stripeConnectWebhookSecretCiphertext"
>;

/**
 * Whether the shop pays through Stripe at all: its sealed connection columns are there (or the
 * environment's single-shop key names it). Reads no secret. Without it the portal offers no Stripe.
 */
export function shopHasStripe(shop: ShopStripeState): boolean {
  const connectedInSettings =
    shop.stripeSecretKeyCiphertext !== null &&
    shop.stripePlatformWebhookSecretCiphertext !== null &&
    shop.stripeConnectWebhookSecretCiphertext !== null;
  return connectedInSettings || environmentCredentials(shop.domain) !== null;
}

/**
 * The creator's onboarding link for the portal (app/stripe/creator-onboarding-link.server.ts: the
 * live one, issued now if there is none), or null when the shop has no Stripe connection or the
 * creator can already receive transfers.
 */
export async function portalStripeOnboardingLink(
  shop: ShopStripeState,
  creator: OnboardingLinkState & Pick<Creator, "stripeTransfersActive">,
): Promise<string | null> {
  if (creator.stripeTransfersActive || !shopHasStripe(shop)) return null;
  return portalOnboardingLink(shop.id, creator);
}
