// Shopify's webhook check, as @shopify/shopify-api's `webhooks.validate` does it (HMAC of the raw
// body, then the required delivery headers), with node:crypto on the bytes as they arrived.
// The library's version costs a Request copy, WebCrypto's importKey + sign (two promises) and a
// TextEncoder round trip per delivery; this is the same verdict for a fraction of the CPU, which
// is what a flash sale's webhooks spend their time on. tests/unit/verify-shopify-webhook.test.ts
// holds it to the library's verdict.
import { createHmac, timingSafeEqual } from "node:crypto";

/** Header lookup by lower-case name (node's IncomingMessage.headers and fetch's Headers both fit). */
export type HeaderOf = (lowerCaseName: string) => string | undefined;

export type ShopifyWebhookCheck =
  | { valid: true; topic: string; domain: string; webhookId: string }
  | { valid: false; reason: "missing_body" | "missing_hmac" | "invalid_hmac" | "missing_headers" };

// Webhooks carry X-Shopify-*; events (the newer delivery kind) carry Shopify-*. A Shopify-Hmac-Sha256 header means the latter.
const WEBHOOK_HEADERS = ["x-shopify-topic", "x-shopify-shop-domain", "x-shopify-api-version", "x-shopify-webhook-id"] as const;
const EVENT_HEADERS = ["shopify-topic", "shopify-shop-domain", "shopify-api-version", "shopify-webhook-id"] as const;

/** The library stores topics as ORDERS_CREATE; ours keep Shopify's spelling when the X-Shopify-Topic header gives it. */
const topicForStorage = (topic: string) => topic.toUpperCase().replace(/\/|\./g, "_");

/** Compares the base64 texts, as the library does (a differently padded or re-encoded signature is not the same one). */
function signatureMatches(rawBody: Uint8Array, signature: string, secret: string): boolean {
  const expected = Buffer.from(createHmac("sha256", secret).update(rawBody).digest("base64"));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function verifyShopifyWebhook(headerOf: HeaderOf, rawBody: Uint8Array, secret: string): ShopifyWebhookCheck {
  if (rawBody.byteLength === 0) return { valid: false, reason: "missing_body" };
  const eventsHmac = headerOf("shopify-hmac-sha256");
  const isEvent = !!eventsHmac;
  const hmac = isEvent ? eventsHmac : headerOf("x-shopify-hmac-sha256");
  if (!hmac) return { valid: false, reason: "missing_hmac" };
  if (!signatureMatches(rawBody, hmac, secret)) return { valid: false, reason: "invalid_hmac" };
  const [topic, domain, apiVersion, webhookId] = (isEvent ? EVENT_HEADERS : WEBHOOK_HEADERS).map(headerOf);
  if (!topic || !domain || !apiVersion || !webhookId) return { valid: false, reason: "missing_headers" };
  // Shopify's own spelling ("orders/create") from X-Shopify-Topic, else the library's stored form.
  return { valid: true, topic: headerOf("x-shopify-topic") ?? topicForStorage(topic), domain, webhookId };
}
