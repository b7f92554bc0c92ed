import { authenticate } from "../shopify.server";
import { recordInboundEvent, type RecordedDelivery } from "./record-inbound-event.server";

export interface ShopifyDelivery {
  shop: string;
  topic: string;
  webhookId: string;
  payload: unknown;
  recorded: RecordedDelivery;
}

/**
 * Verifies a Shopify webhook's HMAC on the raw body (a forgery gets the library's 401 and
 * changes nothing), then records it as an inbound event. Handlers acknowledge fast; the money
 * work runs from the recorded event.
 */
export async function receiveShopifyWebhook(
  request: Request,
  options: { enqueue: boolean } = { enqueue: true },
): Promise<ShopifyDelivery> {
  const { shop, topic: libraryTopic, webhookId, payload } = await authenticate.webhook(request);
  // The library reports "ORDERS_CREATE"; keep Shopify's own spelling ("orders/create").
  const topic = request.headers.get("x-shopify-topic") ?? String(libraryTopic);
  const recorded = await recordInboundEvent({
    source: "shopify",
    deliveryId: webhookId,
    topic,
    shopDomain: shop,
    payload,
  }, options);
  return { shop, topic, webhookId, payload, recorded };
}

export const acknowledged = () => new Response(null, { status: 200 });

/** Webhook endpoints take POST only. */
export const methodNotAllowed = () =>
  new Response("Method Not Allowed: Shopify delivers webhooks with POST.", { status: 405, headers: { Allow: "POST" } });
