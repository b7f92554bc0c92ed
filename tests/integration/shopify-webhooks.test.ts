// Shopify webhook deliveries over real HTTP to the running app, signed as Shopify signs them.
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { sendShopifyWebhook, shopifyHmac } from "../support/shopify-webhook";
import { startTestApp, type TestApp } from "../support/test-app";
import { createShop } from "../support/factories";

const orderCreated = readFileSync("tests/fixtures/shopify/orders-create.json", "utf8");

describe("Shopify webhooks", () => {
  let app: TestApp;
  const shop = `${randomUUID()}.myshopify.com`;

  beforeAll(async () => {
    app = await startTestApp();
    await createShop({ domain: shop, name: "Webhook shop" });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("records an authentic orders/create delivery and acknowledges it with 200", async () => {
    const webhookId = randomUUID();
    const response = await sendShopifyWebhook(app.url, { topic: "orders/create", shop, body: orderCreated, webhookId });
    expect(response.status).toBe(200);
    const events = await db().inboundEvent.findMany({ where: { deliveryId: webhookId } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ source: "shopify", topic: "orders/create", shopDomain: shop, status: "received" });
    expect(events[0].shopId).not.toBeNull();
    expect(events[0].payload).toEqual(JSON.parse(orderCreated));
  });

  it("recognises a repeated delivery (same X-Shopify-Webhook-Id) and records it as a duplicate", async () => {
    const webhookId = randomUUID();
    for (let i = 0; i < 3; i++) {
      const response = await sendShopifyWebhook(app.url, { topic: "orders/paid", shop, body: orderCreated, webhookId });
      expect(response.status).toBe(200);
    }
    const events = await db().inboundEvent.findMany({ where: { deliveryId: webhookId }, orderBy: { receivedAt: "asc" } });
    expect(events.map((e) => e.status)).toEqual(["received", "duplicate", "duplicate"]);
    expect(events[0].retryCount).toBe(2);
  });

  it("answers a forged signature with 401 and stores nothing", async () => {
    const before = await db().inboundEvent.count();
    const forged = await sendShopifyWebhook(app.url, {
      topic: "orders/create",
      shop,
      body: orderCreated,
      secret: "not-the-app-secret",
    });
    expect(forged.status).toBe(401);
    const tampered = await sendShopifyWebhook(app.url, {
      topic: "orders/create",
      shop,
      body: orderCreated.replace('"45.00"', '"4500.00"'),
      hmac: Buffer.from("x".repeat(32)).toString("base64"),
    });
    expect(tampered.status).toBe(401);
    expect(await db().inboundEvent.count()).toBe(before);
  });

  it("records an authentic body that is not JSON as rejected, and still acknowledges it with 200", async () => {
    const webhookId = randomUUID();
    const response = await sendShopifyWebhook(app.url, { topic: "orders/create", shop, body: "<order id=1>", webhookId });
    expect(response.status).toBe(200);
    const event = await db().inboundEvent.findFirstOrThrow({ where: { deliveryId: webhookId } });
    expect(event).toMatchObject({ status: "rejected", reason: "body is not JSON", payload: "<order id=1>", processedAt: expect.any(Date) });
    // A repeat is still recognised as one.
    expect((await sendShopifyWebhook(app.url, { topic: "orders/create", shop, body: "<order id=1>", webhookId })).status).toBe(200);
    const events = await db().inboundEvent.findMany({ where: { deliveryId: webhookId }, orderBy: { receivedAt: "asc" } });
    expect(events.map((e) => e.status)).toEqual(["rejected", "duplicate"]);
  });

  it("answers a signed delivery without Shopify's delivery headers with 400 and stores nothing", async () => {
    const before = await db().inboundEvent.count();
    const signed = { "Content-Type": "application/json", "X-Shopify-Hmac-Sha256": shopifyHmac(orderCreated) };
    const withoutWebhookId = await fetch(`${app.url}/webhooks/orders/create`, {
      method: "POST",
      body: orderCreated,
      headers: { ...signed, "X-Shopify-Topic": "orders/create", "X-Shopify-Shop-Domain": shop, "X-Shopify-API-Version": "2026-04" },
    });
    expect(withoutWebhookId.status).toBe(400);
    const withoutSignature = await fetch(`${app.url}/webhooks/orders/create`, {
      method: "POST",
      body: orderCreated,
      headers: {
        "Content-Type": "application/json",
        "X-Shopify-Topic": "orders/create",
        "X-Shopify-Shop-Domain": shop,
        "X-Shopify-Webhook-Id": randomUUID(),
        "X-Shopify-API-Version": "2026-04",
      },
    });
    expect(withoutSignature.status).toBe(400);
    expect(await db().inboundEvent.count()).toBe(before);
  });

  it("records deliveries for a shop the app does not know, without a shop link", async () => {
    const stranger = `${randomUUID()}.myshopify.com`;
    const webhookId = randomUUID();
    const response = await sendShopifyWebhook(app.url, { topic: "refunds/create", shop: stranger, body: "{}", webhookId });
    expect(response.status).toBe(200);
    const event = await db().inboundEvent.findFirstOrThrow({ where: { deliveryId: webhookId } });
    expect(event).toMatchObject({ shopDomain: stranger, shopId: null, topic: "refunds/create" });
  });

  it("app/uninstalled removes the shop's sessions and marks it uninstalled, once", async () => {
    await db().session.create({
      data: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: "shpat_secret" },
    });
    const webhookId = randomUUID();
    for (let i = 0; i < 2; i++) {
      const response = await sendShopifyWebhook(app.url, { topic: "app/uninstalled", shop, body: "{}", webhookId });
      expect(response.status).toBe(200);
    }
    expect(await db().session.count({ where: { shop } })).toBe(0);
    const stored = await db().shop.findUniqueOrThrow({ where: { domain: shop } });
    expect(stored.installState).toBe("uninstalled");
    expect(await db().auditEvent.count({ where: { shopId: stored.id, action: "shop.uninstalled" } })).toBe(1);
    const events = await db().inboundEvent.findMany({ where: { deliveryId: webhookId }, orderBy: { receivedAt: "asc" } });
    expect(events.map((e) => e.status)).toEqual(["processed", "duplicate"]);
  });

  it("serves every topic declared in shopify.app.toml", async () => {
    const toml = readFileSync("shopify.app.toml", "utf8");
    const uris = [...toml.matchAll(/uri = "([^"]+)"/g)].map((m) => m[1]);
    expect(uris).toHaveLength(9);
    for (const uri of uris) {
      const topic = uri.replace("/webhooks/", "");
      const response = await sendShopifyWebhook(app.url, { topic, shop, body: "{}" });
      expect(response.status, uri).toBe(200);
    }
  });

  it("keeps admin pages closed to a request without a Shopify session", async () => {
    const response = await fetch(`${app.url}/app?shop=${shop}`, { redirect: "manual" });
    expect(response.status).not.toBe(200);
    expect([302, 401, 410]).toContain(response.status);
  });
});
