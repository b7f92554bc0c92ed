// Every client body is capped while it streams in (app/http/bounded-body.server.ts): a declared
// Content-Length above a route's limit and a chunked body that passes it are both answered 413
// before the body is buffered, and nothing is written. Webhook signatures cover the raw bytes
// (a leading BOM included); an authentic body that is `null` or nested 100,000 levels deep is
// acknowledged 200 and recorded `rejected`, never a 500.
import { randomUUID } from "node:crypto";
import http from "node:http";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { processInboundEventById } from "~/jobs/tasks/process-inbound-event.server";
import { signedProxyUrl } from "../support/app-proxy";
import { drainJobs } from "../support/jobs";
import { sendShopifyWebhook, shopifyHmac } from "../support/shopify-webhook";
import { adminFetch } from "../support/shopify-session";
import { connectShopToStripe, TEST_PLATFORM_WEBHOOK_SECRET } from "../support/stripe-fixtures";
import { signedStripeHeader, stripeEvent } from "../support/stripe-webhook";
import { startTestApp, type TestApp } from "../support/test-app";
import { createInstalledShop } from "../support/factories";

const orderCreated = readFileSync("tests/fixtures/shopify/orders-create.json", "utf8");
const MiB = 1024 * 1024;
const DEEP = 100_000;
const deeplyNested = "[".repeat(DEEP) + "]".repeat(DEEP);
const deeplyNestedObject = '{"a":'.repeat(DEEP) + "1" + "}".repeat(DEEP);

let app: TestApp;
let shop: { id: string; domain: string };

beforeAll(async () => {
  app = await startTestApp();
  shop = await createInstalledShop();
  await connectShopToStripe(shop.id);
});
afterAll(async () => {
  await app?.close();
});

const shopifyHeaders = (topic: string, body: string | Buffer = "") => ({
  "Content-Type": "application/json",
  "X-Shopify-Topic": topic,
  "X-Shopify-Shop-Domain": shop.domain,
  "X-Shopify-Webhook-Id": randomUUID(),
  "X-Shopify-API-Version": "2026-04",
  "X-Shopify-Hmac-Sha256": shopifyHmac(String(body)),
});

interface StreamedAnswer {
  status: number;
  text: string;
  /** Bytes written before the answer came. */
  sent: number;
}

/**
 * POSTs `total` bytes chunked (no Content-Length) with node's http client, writing as fast as the
 * server reads, and stops writing as soon as the answer arrives.
 */
function sendChunked(url: string, headers: Record<string, string>, total: number): Promise<StreamedAnswer> {
  const target = new URL(url);
  const block = Buffer.alloc(64 * 1024, "[");
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = http.request({
      host: target.hostname,
      port: target.port,
      path: `${target.pathname}${target.search}`,
      method: "POST",
      headers,
    });
    request.on("response", (response) => {
      answered = true;
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => {
        resolve({ status: response.statusCode!, text, sent });
        request.destroy();
      });
    });
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < total) {
        sent += block.length;
        if (!request.write(block)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

/** Declares `declared` bytes but sends only a little: a server that waits for the body would hang. */
function sendDeclared(url: string, headers: Record<string, string>, declared: number): Promise<StreamedAnswer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: target.hostname,
      port: target.port,
      path: `${target.pathname}${target.search}`,
      method: "POST",
      headers: { ...headers, "Content-Length": String(declared) },
    });
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => {
        resolve({ status: response.statusCode!, text, sent: 1024 });
        request.destroy();
      });
    });
    request.on("error", reject);
    request.write(Buffer.alloc(1024, " "));
  });
}

const inboundCount = () => db().inboundEvent.count();

describe("request bodies are capped while they stream in", () => {
  it("answers 413 to a Shopify webhook declaring more than 2 MiB, before reading it, storing nothing", async () => {
    const before = await inboundCount();
    const answer = await sendDeclared(`${app.url}/webhooks/orders/create`, shopifyHeaders("orders/create"), 3 * MiB);
    expect(answer.status).toBe(413);
    expect(answer.text).toBe("Request body too large: a Shopify webhook is at most 2 MiB.");
    // A complete oversize body, signed, is refused the same way.
    const big = JSON.stringify({ id: 1, note: "x".repeat(3 * MiB) });
    const signed = await sendShopifyWebhook(app.url, { topic: "orders/create", shop: shop.domain, body: big });
    expect(signed.status).toBe(413);
    expect(await inboundCount()).toBe(before);
  });

  it("answers 413 to a 50 MB chunked Shopify webhook while it is still being sent, storing nothing", async () => {
    const before = await inboundCount();
    const rssBefore = process.memoryUsage().rss;
    const answer = await sendChunked(`${app.url}/webhooks/orders/create`, shopifyHeaders("orders/create"), 50 * MiB);
    expect(answer.status).toBe(413);
    expect(answer.text).toContain("at most 2 MiB");
    expect(answer.sent).toBeLessThan(25 * MiB);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * MiB);
    expect(await inboundCount()).toBe(before);
  });

  it("answers 413 to an oversize Stripe webhook, declared or chunked, storing nothing", async () => {
    const before = await inboundCount();
    const url = `${app.url}/webhooks/stripe/${shop.id}/platform`;
    const headers = { "Content-Type": "application/json", "Stripe-Signature": "t=1,v1=00" };
    const declared = await sendDeclared(url, headers, 2 * MiB);
    expect(declared).toMatchObject({ status: 413, text: "Request body too large: a Stripe webhook is at most 1 MiB." });
    const chunked = await sendChunked(url, headers, 50 * MiB);
    expect(chunked.status).toBe(413);
    expect(chunked.sent).toBeLessThan(25 * MiB);
    expect(await inboundCount()).toBe(before);
  });

  it("answers 413 to an oversize portal form and referral click, declared or chunked", async () => {
    const target = { shop: shop.domain, customerId: "7001" };
    const origin = {
      Origin: `https://${shop.domain}`,
      "X-Forwarded-Host": shop.domain,
      "Content-Type": "application/x-www-form-urlencoded",
    };
    const portal = signedProxyUrl(app.url, "/portal?locale=en", target);
    expect((await sendDeclared(portal, origin, 6 * MiB)).status).toBe(413);
    const chunkedPortal = await sendChunked(portal, origin, 50 * MiB);
    expect(chunkedPortal).toMatchObject({ status: 413, text: "Request body too large: a portal form with an invoice is at most 5 MiB." });
    expect(chunkedPortal.sent).toBeLessThan(25 * MiB);
    const invitation = signedProxyUrl(app.url, "/invitations/some-token", target);
    expect((await sendChunked(invitation, origin, 1 * MiB)).text).toBe("Request body too large: a portal form is at most 64 KiB.");
    const clicks = signedProxyUrl(app.url, "/clicks", { shop: shop.domain });
    const click = await fetch(clicks, {
      method: "POST",
      headers: { ...origin, "Content-Type": "text/plain" },
      body: JSON.stringify({ code: "x".repeat(4096) }),
    });
    expect(click.status).toBe(413);
    expect(await click.text()).toBe("Request body too large: a referral click is at most 1 KiB.");
    expect(await db().referralClick.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("answers 413 to an admin form above 1 MiB and writes nothing", async () => {
    const form = new URLSearchParams({ name: "x".repeat(2 * MiB) });
    // A document POST gets the error page with the status; the embedded admin's own form
    // submissions (Remix data requests) get the sentence.
    const page = await adminFetch(app.url, shop.domain, "/app/campaigns?index", { method: "POST", body: form });
    expect(page.status).toBe(413);
    const submission = await adminFetch(app.url, shop.domain, "/app/campaigns?index&_data=routes%2Fapp.campaigns._index", {
      method: "POST",
      body: form,
    });
    expect(submission.status).toBe(413);
    expect(await submission.text()).toBe("Request body too large: an admin form is at most 1 MiB.");
    expect(await db().campaign.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("refuses at the server any request declaring more than 8 MiB, whatever its route", async () => {
    const answer = await sendDeclared(`${app.url}/no/such/route`, {}, 20 * MiB);
    expect(answer).toMatchObject({ status: 413, text: "Request body too large: this app takes at most 8 MiB." });
  });
});

describe("webhook signatures cover the raw bytes", () => {
  it("accepts a Shopify body with a leading UTF-8 BOM signed over its bytes, and refuses one signed over the text without it", async () => {
    const withBom = `\uFEFF${orderCreated}`;
    expect(Buffer.from(withBom).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const webhookId = randomUUID();
    const accepted = await sendShopifyWebhook(app.url, { topic: "orders/create", shop: shop.domain, body: withBom, webhookId });
    expect(accepted.status).toBe(200);
    const event = await db().inboundEvent.findFirstOrThrow({ where: { deliveryId: webhookId } });
    expect(event).toMatchObject({ status: "received" });
    expect(event.payload).toEqual(JSON.parse(orderCreated));

    const before = await inboundCount();
    const strippedSignature = await sendShopifyWebhook(app.url, {
      topic: "orders/create",
      shop: shop.domain,
      body: withBom,
      hmac: shopifyHmac(orderCreated),
    });
    expect(strippedSignature.status).toBe(401);
    expect(await inboundCount()).toBe(before);
  });

  it("accepts a Stripe event with a leading BOM signed over its bytes, and refuses one signed over the text without it", async () => {
    const event = stripeEvent("charge.succeeded", { id: "ch_bom" });
    const payload = JSON.stringify(event);
    const post = (header: string) =>
      fetch(`${app.url}/webhooks/stripe/${shop.id}/platform`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Stripe-Signature": header },
        body: `\uFEFF${payload}`,
      });
    expect((await post(signedStripeHeader(payload, TEST_PLATFORM_WEBHOOK_SECRET))).status).toBe(400);
    expect((await post(signedStripeHeader(`\uFEFF${payload}`, TEST_PLATFORM_WEBHOOK_SECRET))).status).toBe(200);
    const stored = await db().inboundEvent.findFirstOrThrow({ where: { shopId: shop.id, source: "stripe", topic: "charge.succeeded" } });
    expect(stored.payload).toEqual(event);
  });
});

describe("an authentic body the app cannot use is acknowledged and recorded as rejected", () => {
  it.each([
    ["null", "null", "body is JSON null, not an object"],
    ["an array nested 100,000 levels", deeplyNested, "body nests deeper than 64 levels"],
    ["an object nested 100,000 levels", deeplyNestedObject, "body nests deeper than 64 levels"],
  ])("Shopify: %s → 200 and rejected with the reason", async (_name, body, reason) => {
    const webhookId = randomUUID();
    const response = await sendShopifyWebhook(app.url, { topic: "orders/create", shop: shop.domain, body, webhookId });
    expect(response.status).toBe(200);
    await drainJobs();
    const event = await db().inboundEvent.findFirstOrThrow({ where: { deliveryId: webhookId } });
    expect(event).toMatchObject({ status: "rejected", reason, attempts: 0 });
  });

  it.each([
    ["null", "null", "body is JSON null, not an object"],
    ["an array nested 100,000 levels", deeplyNested, "body nests deeper than 64 levels"],
    ["an event without an id", JSON.stringify({ type: "transfer.reversed" }), "body is not a Stripe event (no id or type)"],
  ])("Stripe: %s → 200 and rejected with the reason", async (_name, body, reason) => {
    const before = await db().inboundEvent.count({ where: { shopId: shop.id, status: "rejected", reason } });
    const response = await fetch(`${app.url}/webhooks/stripe/${shop.id}/platform`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Stripe-Signature": signedStripeHeader(body, TEST_PLATFORM_WEBHOOK_SECRET) },
      body,
    });
    expect(response.status).toBe(200);
    await drainJobs();
    expect(await db().inboundEvent.count({ where: { shopId: shop.id, status: "rejected", reason } })).toBe(before + 1);
  });

  it("a stored event whose payload is null is rejected when worked, not retried", async () => {
    const [{ id }] = await db().$queryRaw<{ id: string }[]>`
      INSERT INTO "InboundEvent" ("source", "deliveryId", "topic", "shopDomain", "shopId", "payload")
      VALUES ('shopify', ${randomUUID()}, 'orders/create', ${shop.domain}, ${shop.id}, 'null'::jsonb) RETURNING "id"`;
    expect(await processInboundEventById(id)).toBe("rejected");
    expect(await db().inboundEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "rejected",
      reason: "body is JSON null, not an object",
      attempts: 0,
    });
  });
});
