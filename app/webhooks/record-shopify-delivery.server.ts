// One Shopify delivery from its raw bytes and headers to a recorded inbound event, with no web
// framework in between: the Remix routes (receive-shopify-webhook.server.ts) and the server's
// fast path (shopify-webhook-fast-path.server.ts) both answer through this, so they cannot drift.
import { envVariables } from "../env.server";
import { recordInboundEvent, type RecordedDelivery } from "./record-inbound-event.server";
import { verifyShopifyWebhook, type HeaderOf } from "./verify-shopify-webhook";

export interface ShopifyDelivery {
  shop: string;
  topic: string;
  webhookId: string;
  recorded: RecordedDelivery;
}

/** Why nothing was stored: the status and sentence the sender gets (the library's own answers: 400, 401, no body). */
export interface ShopifyRefusal {
  refused: { status: 400 | 401; text?: string };
}

// fatal: bytes that are not UTF-8 have no text that reproduces them; ignoreBOM: keep a leading BOM (the HMAC covers it).
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Verifies the HMAC on the raw bytes, then records the delivery as an inbound event (one INSERT
 * for a first delivery). A refusal stores nothing. `processInline`: see recordInboundEvent.
 */
export async function recordShopifyDelivery(
  headerOf: HeaderOf,
  rawBody: Uint8Array,
  options: { processInline?: boolean } = {},
): Promise<ShopifyDelivery | ShopifyRefusal> {
  let text: string;
  try {
    text = utf8.decode(rawBody);
  } catch {
    return { refused: { status: 400, text: "The request body is not UTF-8 text." } };
  }
  const check = verifyShopifyWebhook(headerOf, rawBody, envVariables("SHOPIFY_API_SECRET").SHOPIFY_API_SECRET);
  if (!check.valid) return { refused: { status: check.reason === "invalid_hmac" ? 401 : 400 } };
  const recorded = await recordInboundEvent(
    { source: "shopify", deliveryId: check.webhookId, topic: check.topic, shopDomain: check.domain, rawBody: text },
    options,
  );
  return { shop: check.domain, topic: check.topic, webhookId: check.webhookId, recorded };
}
