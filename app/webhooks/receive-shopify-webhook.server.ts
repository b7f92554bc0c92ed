import { BODY_LIMITS, readBodyBytes } from "../http/bounded-body.server";
import { recordShopifyDelivery, type ShopifyDelivery } from "./record-shopify-delivery.server";

export type { ShopifyDelivery } from "./record-shopify-delivery.server";

/**
 * The Remix routes' side of a Shopify webhook (the production server answers the same paths
 * before Remix: shopify-webhook-fast-path.server.ts; both go through recordShopifyDelivery).
 * Answers as the library's authenticate.webhook does (405 non-POST, 400 missing headers or
 * body, 401 bad signature; thrown, nothing stored), plus 413 for a body above
 * BODY_LIMITS.shopifyWebhook (refused while it streams in), but without loading the shop's offline
 * session, which no webhook handler here uses: acknowledging fast is the point. Handlers
 * acknowledge; the money work runs from the recorded event.
 */
export async function receiveShopifyWebhook(request: Request, options: { processInline?: boolean } = {}): Promise<ShopifyDelivery> {
  if (request.method !== "POST") throw methodNotAllowed();
  // Byte for byte (a leading BOM included): the HMAC covers the raw bytes, and request.text() drops a BOM.
  const rawBody = await readBodyBytes(request, BODY_LIMITS.shopifyWebhook);
  const result = await recordShopifyDelivery((name) => request.headers.get(name) ?? undefined, rawBody, options);
  if ("refused" in result) {
    const { status, text } = result.refused;
    throw text === undefined
      ? new Response(undefined, { status, statusText: status === 401 ? "Unauthorized" : "Bad Request" })
      : new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return result;
}

export const acknowledged = () => new Response(null, { status: 200 });

/** Webhook endpoints take POST only. */
export const methodNotAllowed = () =>
  new Response("Method Not Allowed: Shopify delivers webhooks with POST.", { status: 405, headers: { Allow: "POST" } });
