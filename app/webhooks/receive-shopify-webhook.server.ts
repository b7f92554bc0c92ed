import { BODY_LIMITS, readBodyText } from "../http/bounded-body.server";
import { recordInboundEvent, type RecordedDelivery } from "./record-inbound-event.server";
import { validateShopifyWebhook } from "./validate-shopify-webhook.server";

export interface ShopifyDelivery {
  shop: string;
  topic: string;
  webhookId: string;
  recorded: RecordedDelivery;
}

/**
 * Verifies a Shopify webhook's HMAC on the raw body, then records it as an inbound event.
 * Answers as the library's authenticate.webhook does (405 non-POST, 400 missing headers or
 * body, 401 bad signature; thrown, nothing stored), plus 413 for a body above
 * BODY_LIMITS.shopifyWebhook (refused while it streams in), but without loading the shop's offline
 * session, which no webhook handler here uses: acknowledging fast is the point. Handlers
 * acknowledge; the money work runs from the recorded event.
 */
export async function receiveShopifyWebhook(request: Request, options: { processInline?: boolean } = {}): Promise<ShopifyDelivery> {
  if (request.method !== "POST") throw methodNotAllowed();
  // Byte for byte (a leading BOM included): the HMAC covers the raw bytes, and request.text() drops a BOM.
  const rawBody = await readBodyText(request, BODY_LIMITS.shopifyWebhook);
  const check = await validateShopifyWebhook({ rawBody, rawRequest: request });
  if (!check.valid) {
    throw check.reason === "invalid_hmac"
      ? new Response(undefined, { status: 401, statusText: "Unauthorized" })
      : new Response(undefined, { status: 400, statusText: "Bad Request" });
  }
  // The library reports "ORDERS_CREATE"; keep Shopify's own spelling ("orders/create").
  const topic = request.headers.get("x-shopify-topic") ?? check.topic;
  const recorded = await recordInboundEvent(
    { source: "shopify", deliveryId: check.webhookId, topic, shopDomain: check.domain, rawBody },
    options,
  );
  return { shop: check.domain, topic, webhookId: check.webhookId, recorded };
}

export const acknowledged = () => new Response(null, { status: 200 });

/** Webhook endpoints take POST only. */
export const methodNotAllowed = () =>
  new Response("Method Not Allowed: Shopify delivers webhooks with POST.", { status: 405, headers: { Allow: "POST" } });
