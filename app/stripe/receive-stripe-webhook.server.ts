// Stripe webhook endpoints, one pair per shop: /webhooks/stripe/<shopId>/platform (the shop's
// own account: transfers) and /webhooks/stripe/<shopId>/connect (connected accounts: account,
// capability, bank payouts). The signature is checked on the raw body with that endpoint's
// signing secret (tolerance 300 s); a forged or stale one is answered 400 and nothing is stored.
// An authentic event is recorded (deduplicated on its id) and worked by the inbound drain.
import { db } from "../db.server";
import { recordInboundEvent } from "../webhooks/record-inbound-event.server";
import { credentialsOf, type WebhookEndpoint } from "./stripe-connection.server";
import { stripeWebhooks } from "./stripe-client.server";

export const STRIPE_SIGNATURE_TOLERANCE_SECONDS = 300;

const text = (status: number, body: string) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export function stripeWebhookPath(shopId: string, endpoint: WebhookEndpoint): string {
  return `/webhooks/stripe/${shopId}/${endpoint}`;
}

export async function receiveStripeWebhook(request: Request, shopId: string, endpoint: string): Promise<Response> {
  if (request.method !== "POST") return new Response("Method Not Allowed: Stripe delivers webhooks with POST.", { status: 405, headers: { Allow: "POST" } });
  if (endpoint !== "platform" && endpoint !== "connect") return text(404, "Unknown Stripe endpoint: use /platform or /connect.");
  const shop = await db().shop.findUnique({
    where: { id: shopId },
    select: { id: true, domain: true, stripeSecretKeyCiphertext: true, stripePlatformWebhookSecretCiphertext: true, stripeConnectWebhookSecretCiphertext: true },
  });
  if (!shop) return text(404, "Unknown shop.");
  const credentials = credentialsOf(shop);
  if (!credentials) return text(400, "Stripe is not connected for this shop.");
  const signature = request.headers.get("stripe-signature");
  const rawBody = await request.text();
  if (!signature) return text(400, "Missing Stripe-Signature header.");
  let event;
  try {
    event = stripeWebhooks().constructEvent(rawBody, signature, credentials.webhookSecrets[endpoint], STRIPE_SIGNATURE_TOLERANCE_SECONDS);
  } catch {
    return text(400, "Invalid or expired Stripe signature.");
  }
  await recordInboundEvent({ source: "stripe", deliveryId: event.id, topic: event.type, shopDomain: shop.domain, rawBody });
  return text(200, "ok");
}
