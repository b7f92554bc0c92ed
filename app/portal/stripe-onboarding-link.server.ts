import type { Creator, Shop } from "@prisma/client";
import { portalOnboardingLink, type OnboardingLinkState } from "../stripe/creator-onboarding-link.server";
import { environmentCredentials } from "../stripe/stripe-connection.server";

type ShopStripeState = Pick<
  Shop,
  "id" | "domain" | "stripeSecretKeyCiphertext" | "stripePlatformWebhookSecretCiphertext" | "stripeConnectWebhookSecretCiphertext"
>;

/**
 * The creator's onboarding link for the portal (app/stripe/creator-onboarding-link.server.ts: the
 * live one, issued now if there is none), or null when the shop has no Stripe connection or the
 * creator can already receive transfers. Reads no secret: a connection is there when its sealed
 * columns (or the environment's) are.
 */
export async function portalStripeOnboardingLink(
  shop: ShopStripeState,
  creator: OnboardingLinkState & Pick<Creator, "stripeTransfersActive">,
): Promise<string | null> {
  if (creator.stripeTransfersActive) return null;
  const connectedInSettings =
    shop.stripeSecretKeyCiphertext !== null &&
    shop.stripePlatformWebhookSecretCiphertext !== null &&
    shop.stripeConnectWebhookSecretCiphertext !== null;
  if (!connectedInSettings && environmentCredentials(shop.domain) === null) return null;
  return portalOnboardingLink(shop.id, creator);
}
