// The webhook check on the hot path must give @shopify/shopify-api's verdict for every request:
// a delivery the library would refuse must not be recorded, and one it accepts must not be lost.
import "@shopify/shopify-api/adapters/web-api";
import { ApiVersion, LogSeverity, shopifyApi } from "@shopify/shopify-api";
import fc from "fast-check";
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyShopifyWebhook } from "./verify-shopify-webhook";

const SECRET = "test-api-secret-0123456789";
const api = shopifyApi({
  apiKey: "test-api-key",
  apiSecretKey: SECRET,
  apiVersion: ApiVersion.April26,
  hostName: "creator-payouts.test",
  isEmbeddedApp: true,
  logger: { level: LogSeverity.Error },
  _logDisabledFutureFlags: false,
});

const sign = (body: Uint8Array, secret = SECRET) => createHmac("sha256", secret).update(body).digest("base64");

/** The library's answer, reduced to what the app uses: refused (and why) or the delivery's keys. */
async function libraryVerdict(headers: Headers, body: Uint8Array) {
  const rawBody = new TextDecoder("utf-8", { ignoreBOM: true }).decode(body);
  const check = await api.webhooks.validate({ rawBody, rawRequest: new Request("https://creator-payouts.test/webhooks/x", { headers }) });
  if (!check.valid) return { valid: false, reason: check.reason };
  return { valid: true, topic: headers.get("x-shopify-topic") ?? check.topic, domain: check.domain, webhookId: check.webhookId };
}

function ourVerdict(headers: Headers, body: Uint8Array) {
  return verifyShopifyWebhook((name) => headers.get(name) ?? undefined, body, SECRET);
}

const WEBHOOK_HEADERS = ["X-Shopify-Topic", "X-Shopify-Shop-Domain", "X-Shopify-API-Version", "X-Shopify-Webhook-Id"];
const EVENT_HEADERS = ["Shopify-Topic", "Shopify-Shop-Domain", "Shopify-API-Version", "Shopify-Webhook-Id"];

const bodyArb = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 60 }).map((text) => new TextEncoder().encode(text)),
  fc.constant(new TextEncoder().encode('\uFEFF{"id":1}')),
  fc.constant(new Uint8Array(0)),
);

/** A request as Shopify (or a forger, or a broken client) might send it. */
const requestArb = fc.record({
  body: bodyArb,
  kind: fc.constantFrom("webhook", "event", "both"),
  signature: fc.constantFrom("right", "wrong-secret", "missing", "garbage", "right-without-padding", "other-body"),
  present: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  empty: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  topic: fc.constantFrom("orders/create", "app/uninstalled", "customers/data_request", "ORDERS_PAID"),
});

type SentRequest = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

function headersOf(r: SentRequest) {
  const headers = new Headers({ "Content-Type": "application/json" });
  const signature = {
    right: sign(r.body),
    "wrong-secret": sign(r.body, "not-the-secret"),
    missing: undefined,
    garbage: "x".repeat(44),
    "right-without-padding": sign(r.body).replace(/=+$/, ""),
    "other-body": sign(new TextEncoder().encode("{}")),
  }[r.signature];
  const names = r.kind === "event" ? [EVENT_HEADERS] : r.kind === "both" ? [WEBHOOK_HEADERS, EVENT_HEADERS] : [WEBHOOK_HEADERS];
  const values = [r.topic, "shop-1.myshopify.com", "2026-04", "a5f0c1d2-webhook"];
  for (const set of names) {
    set.forEach((name, i) => {
      if (r.present[i]) headers.set(name, r.empty[i] ? "" : values[i]);
    });
    if (signature !== undefined) headers.set(set === EVENT_HEADERS ? "Shopify-Hmac-Sha256" : "X-Shopify-Hmac-Sha256", signature);
  }
  return headers;
}

describe("verifyShopifyWebhook", () => {
  it("gives @shopify/shopify-api's verdict on every request: refused for the same reason, or the same topic, shop and webhook id", async () => {
    await fc.assert(
      fc.asyncProperty(requestArb, async (r) => {
        const headers = headersOf(r);
        expect(ourVerdict(headers, r.body)).toEqual(await libraryVerdict(headers, r.body));
      }),
      { numRuns: 400 },
    );
  });

  it("accepts Shopify's signature over the raw bytes, a leading BOM included, and refuses one over the text without it", () => {
    const body = new TextEncoder().encode('\uFEFF{"id":1}');
    const headers = (signature: string) =>
      new Headers({
        "X-Shopify-Hmac-Sha256": signature,
        "X-Shopify-Topic": "orders/create",
        "X-Shopify-Shop-Domain": "shop-1.myshopify.com",
        "X-Shopify-API-Version": "2026-04",
        "X-Shopify-Webhook-Id": "w1",
      });
    expect(ourVerdict(headers(sign(body)), body)).toMatchObject({ valid: true, topic: "orders/create", webhookId: "w1" });
    expect(ourVerdict(headers(sign(body.subarray(3))), body)).toEqual({ valid: false, reason: "invalid_hmac" });
  });
});
