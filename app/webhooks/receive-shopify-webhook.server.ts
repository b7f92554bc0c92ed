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
export async function receiveShopifyWebhook(request: Request): Promise<ShopifyDelivery> {
  const { shop, topic, webhookId, payload } = await authenticate.webhook(request);
  const recorded = await recordInboundEvent({
    source: "shopify",
    deliveryId: webhookId,
    topic: String(topic).toLowerCase(),
    shopDomain: shop,
    payload,
  });
  return { shop, topic: String(topic), webhookId, payload, recorded };
}

export const acknowledged = () => new Response(null, { status: 200 });
