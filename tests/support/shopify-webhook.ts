// Sends a webhook exactly as Shopify signs it: base64 HMAC-SHA256 of the raw body with the app
// secret in X-Shopify-Hmac-Sha256, plus Shopify's delivery headers.
import { createHmac, randomUUID } from "node:crypto";
import { TEST_SHOPIFY_API_SECRET } from "./test-app";

export interface SignedWebhook {
  topic: string;
  shop: string;
  body: string;
  webhookId?: string;
  secret?: string;
  /** Replace the computed signature (forgery tests). */
  hmac?: string;
}

export function shopifyHmac(body: string, secret = TEST_SHOPIFY_API_SECRET): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

export async function sendShopifyWebhook(baseUrl: string, webhook: SignedWebhook): Promise<Response> {
  const path = `/webhooks/${webhook.topic}`;
  return fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": webhook.topic,
      "X-Shopify-Shop-Domain": webhook.shop,
      "X-Shopify-Webhook-Id": webhook.webhookId ?? randomUUID(),
      "X-Shopify-Event-Id": randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
      "X-Shopify-API-Version": "2026-04",
      "X-Shopify-Hmac-Sha256": webhook.hmac ?? shopifyHmac(webhook.body, webhook.secret),
    },
    body: webhook.body,
  });
}
