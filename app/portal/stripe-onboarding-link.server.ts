import type { Creator, Shop } from "@prisma/client";
import { creatorOnboardingUrl } from "../stripe/creator-onboarding-link.server";
import { environmentCredentials } from "../stripe/stripe-connection.server";

type ShopStripeState = Pick<
  Shop,
  "id" | "domain" | "stripeSecretKeyCiphertext" | "stripePlatformWebhookSecretCiphertext" | "stripeConnectWebhookSecretCiphertext"
>;

/**
 * The signed link to Stripe-hosted onboarding (app/stripe/creator-onboarding-link.server.ts), or
 * null when the shop has no Stripe connection or the creator can already receive transfers.
 * Reads no secret: a connection is there when its sealed columns (or the environment's) are.
 */
export function portalStripeOnboardingLink(shop: ShopStripeState, creator: Pick<Creator, "id" | "stripeTransfersActive">): string | null {
  if (creator.stripeTransfersActive) return null;
  const connectedInSettings =
    shop.stripeSecretKeyCiphertext !== null && shop.stripePlatformWebhookSecretCiphertext !== null && shop.stripeConnectWebhookSecretCiphertext !== null;
  if (!connectedInSettings && environmentCredentials(shop.domain) === null) return null;
  return creatorOnboardingUrl(shop.id, creator.id);
}
