// A shop's Stripe connection: the secret key and the two webhook signing secrets, from the shop's
// sealed columns (Settings) or, for a single-store deployment, from the environment (bound to
// STRIPE_SHOP_DOMAIN). Secrets never leave the server.
import type Stripe from "stripe";
import { db } from "../db.server";
import { DomainError } from "../domain/errors";
import { env } from "../env.server";
import { shopSecretField } from "../lib/sealed-columns.server";
import { open } from "../lib/secret-box.server";
import { stripeClientFor } from "./stripe-client.server";

export type WebhookEndpoint = "platform" | "connect";

export interface StripeCredentials {
  source: "settings" | "environment";
  secretKey: string;
  webhookSecrets: Record<WebhookEndpoint, string>;
}

interface ShopStripeColumns {
  id: string;
  domain: string;
  stripeSecretKeyCiphertext: string | null;
  stripePlatformWebhookSecretCiphertext: string | null;
  stripeConnectWebhookSecretCiphertext: string | null;
}

const SHOP_STRIPE_COLUMNS = {
  id: true,
  domain: true,
  stripeSecretKeyCiphertext: true,
  stripePlatformWebhookSecretCiphertext: true,
  stripeConnectWebhookSecretCiphertext: true,
} as const;

/** The environment's connection, when it is configured and bound to this shop. */
export function environmentCredentials(shopDomain: string): StripeCredentials | null {
  const e = env();
  if (!e.STRIPE_SECRET_KEY || !e.STRIPE_SHOP_DOMAIN || e.STRIPE_SHOP_DOMAIN !== shopDomain) return null;
  if (!e.STRIPE_PLATFORM_WEBHOOK_SECRET || !e.STRIPE_CONNECT_WEBHOOK_SECRET) return null;
  return {
    source: "environment",
    secretKey: e.STRIPE_SECRET_KEY,
    webhookSecrets: { platform: e.STRIPE_PLATFORM_WEBHOOK_SECRET, connect: e.STRIPE_CONNECT_WEBHOOK_SECRET },
  };
}

export function credentialsOf(shop: ShopStripeColumns): StripeCredentials | null {
  if (shop.stripeSecretKeyCiphertext && shop.stripePlatformWebhookSecretCiphertext && shop.stripeConnectWebhookSecretCiphertext) {
    return {
      source: "settings",
      secretKey: open(shop.stripeSecretKeyCiphertext, shopSecretField(shop.id, "stripeSecretKeyCiphertext")),
      webhookSecrets: {
        platform: open(shop.stripePlatformWebhookSecretCiphertext, shopSecretField(shop.id, "stripePlatformWebhookSecretCiphertext")),
        connect: open(shop.stripeConnectWebhookSecretCiphertext, shopSecretField(shop.id, "stripeConnectWebhookSecretCiphertext")),
      },
    };
  }
  return environmentCredentials(shop.domain);
}

export async function readStripeCredentials(shopId: string): Promise<StripeCredentials | null> {
  const shop = await db().shop.findUnique({ where: { id: shopId }, select: SHOP_STRIPE_COLUMNS });
  return shop ? credentialsOf(shop) : null;
}

export function stripeNotConnected(): DomainError {
  return new DomainError(
    "stripe_not_connected",
    "Stripe is not connected for this shop. Connect your Stripe account in Settings first.",
    {},
  );
}

/** The SDK client for the shop's own Stripe account (the Connect platform). */
export async function shopStripeClient(shopId: string): Promise<Stripe> {
  const credentials = await readStripeCredentials(shopId);
  if (!credentials) throw stripeNotConnected();
  return stripeClientFor(credentials.secretKey);
}

export async function isStripeConnected(shopId: string): Promise<boolean> {
  return (await readStripeCredentials(shopId)) !== null;
}
