// Stripe webhook endpoints, one pair per shop: /webhooks/stripe/<shopId>/platform (the shop's
// own account: transfers) and /webhooks/stripe/<shopId>/connect (connected accounts: account,
// capability, bank payouts). The body is read within BODY_LIMITS.stripeWebhook (413 beyond it)
// and its signature checked on the raw text (a leading BOM included) with that endpoint's signing
// secret (tolerance 300 s); a forged or stale one is answered 400 and nothing is stored.
// An authentic event is recorded, deduplicated per shop and endpoint (see stripeDeliveryId),
// and worked by the inbound drain.
import { createHash } from "node:crypto";
import { db } from "../db.server";
import { BODY_LIMITS, readBodyText } from "../http/bounded-body.server";
import { recordInboundEvent } from "../webhooks/record-inbound-event.server";
import { jsonBodyProblem, withoutByteOrderMark } from "../webhooks/webhook-json";
import { credentialsOf, type WebhookEndpoint } from "./stripe-connection.server";
import { stripeWebhooks } from "./stripe-client.server";

export const STRIPE_SIGNATURE_TOLERANCE_SECONDS = 300;

const text = (status: number, body: string) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export function stripeWebhookPath(shopId: string, endpoint: WebhookEndpoint): string {
  return `/webhooks/stripe/${shopId}/${endpoint}`;
}

/**
 * The key an event is deduplicated on. Stripe sends one event to every endpoint subscribed to it:
 * two shops connected to the same Stripe account each receive `evt_…` with the same id, and each
 * must apply its copy (the reversal of one shop's transfer is not a repeat of the other's).
 */
export const stripeDeliveryId = (eventId: string, shopId: string, endpoint: WebhookEndpoint) => `${eventId}@${shopId}/${endpoint}`;

/** The event's id and type, or why an authentic body is not a Stripe event (recorded `rejected`). */
function readEventHead(rawBody: string): { id: string; type: string } | { problem: string } {
  const json = withoutByteOrderMark(rawBody);
  const problem = jsonBodyProblem(json);
  if (problem) return { problem };
  let event: { id?: unknown; type?: unknown };
  try {
    event = JSON.parse(json) as typeof event;
  } catch {
    return { problem: "body is not JSON" };
  }
  if (typeof event.id !== "string" || typeof event.type !== "string" || event.id === "")
    return { problem: "body is not a Stripe event (no id or type)" };
  return { id: event.id, type: event.type };
}

export async function receiveStripeWebhook(request: Request, shopId: string, endpoint: string): Promise<Response> {
  if (request.method !== "POST")
    return new Response("Method Not Allowed: Stripe delivers webhooks with POST.", { status: 405, headers: { Allow: "POST" } });
  if (endpoint !== "platform" && endpoint !== "connect") return text(404, "Unknown Stripe endpoint: use /platform or /connect.");
  const rawBody = await readBodyText(request, BODY_LIMITS.stripeWebhook);
  const shop = await db().shop.findUnique({
    where: { id: shopId },
    select: {
      id: true,
      domain: true,
      stripeSecretKeyCiphertext: true,
      stripePlatformWebhookSecretCiphertext: true,
      stripeConnectWebhookSecretCiphertext: true,
    },
  });
  if (!shop) return text(404, "Unknown shop.");
  const credentials = credentialsOf(shop);
  if (!credentials) return text(400, "Stripe is not connected for this shop.");
  const signature = request.headers.get("stripe-signature");
  if (!signature) return text(400, "Missing Stripe-Signature header.");
  try {
    // Given the text, not bytes: the SDK decodes bytes itself and would drop a leading BOM.
    stripeWebhooks().signature!.verifyHeader(rawBody, signature, credentials.webhookSecrets[endpoint], STRIPE_SIGNATURE_TOLERANCE_SECONDS);
  } catch {
    return text(400, "Invalid or expired Stripe signature.");
  }
  const head = readEventHead(rawBody);
  if ("problem" in head) {
    // Authentic but unusable: answered 200 (Stripe would retry a 4xx for days), recorded once per body.
    const bodyDigest = createHash("sha256").update(rawBody).digest("hex");
    await recordInboundEvent({
      source: "stripe",
      deliveryId: stripeDeliveryId(`sha256:${bodyDigest}`, shop.id, endpoint),
      topic: "(unreadable)",
      shopDomain: shop.domain,
      rawBody,
      unusableReason: head.problem,
    });
    return text(200, "ok");
  }
  await recordInboundEvent({
    source: "stripe",
    deliveryId: stripeDeliveryId(head.id, shop.id, endpoint),
    topic: head.type,
    shopDomain: shop.domain,
    rawBody,
  });
  return text(200, "ok");
}
