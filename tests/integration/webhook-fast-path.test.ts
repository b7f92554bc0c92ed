// Shopify webhooks are answered by the server before Express and Remix (scripts/app-server.ts,
// app/webhooks/shopify-webhook-fast-path.server.ts). These tests hold that path to the Remix
// routes' answers, case by case, and show it does not need Remix at all.
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { startAppServer, type RunningAppServer } from "../../scripts/app-server";
import { createInstalledShop } from "../support/factories";
import { sendShopifyWebhook, shopifyHmac } from "../support/shopify-webhook";
import { startTestApp, type TestApp } from "../support/test-app";

const orderCreated = readFileSync("tests/fixtures/shopify/orders-create.json", "utf8");

let fast: TestApp;
let throughRemix: RunningAppServer;
let shop: { id: string; domain: string };

beforeAll(async () => {
  fast = await startTestApp();
  throughRemix = await startAppServer({ host: "127.0.0.1", port: 0, fastWebhooks: false });
  shop = await createInstalledShop();
});
afterAll(async () => {
  await fast?.close();
  await throughRemix?.close();
});

const headersFor = (topic: string, body: string | Uint8Array, webhookId: string) => ({
  "Content-Type": "application/json",
  "X-Shopify-Topic": topic,
  "X-Shopify-Shop-Domain": shop.domain,
  "X-Shopify-Webhook-Id": webhookId,
  "X-Shopify-API-Version": "2026-04",
  "X-Shopify-Hmac-Sha256": shopifyHmac(typeof body === "string" ? body : Buffer.from(body).toString("latin1")),
});

/** What a sender and the database see of one request: the answer, and the rows stored under its webhook id. */
async function outcome(baseUrl: string, send: (webhookId: string) => Promise<Response>) {
  const webhookId = randomUUID();
  const response = await send(webhookId);
  const rows = await db().inboundEvent.findMany({ where: { deliveryId: webhookId }, orderBy: { receivedAt: "asc" } });
  return {
    status: response.status,
    text: await response.text(),
    allow: response.headers.get("allow"),
    // A duplicate names the first delivery's id, which differs from run to run.
    rows: rows.map((r) => ({
      status: r.status,
      reason: r.reason?.replace(/repeat of \S+/, "repeat of …"),
      topic: r.topic,
      payload: r.status === "duplicate" ? "(the first's id)" : r.payload,
    })),
    shopId: rows[0]?.shopId ?? null,
  };
}

const post = (baseUrl: string, topic: string, body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string>) =>
  fetch(`${baseUrl}/webhooks/${topic}`, { method: "POST", headers, body });

const CASES: [string, (baseUrl: string, webhookId: string) => Promise<Response>][] = [
  [
    "an authentic orders/create",
    (url, id) => sendShopifyWebhook(url, { topic: "orders/create", shop: shop.domain, body: orderCreated, webhookId: id }),
  ],
  [
    "the same delivery three times",
    async (url, id) => {
      for (let i = 0; i < 2; i++)
        await sendShopifyWebhook(url, { topic: "orders/paid", shop: shop.domain, body: orderCreated, webhookId: id });
      return sendShopifyWebhook(url, { topic: "orders/paid", shop: shop.domain, body: orderCreated, webhookId: id });
    },
  ],
  [
    "a forged signature",
    (url, id) =>
      sendShopifyWebhook(url, { topic: "orders/create", shop: shop.domain, body: orderCreated, webhookId: id, secret: "forged" }),
  ],
  [
    "no webhook id",
    (url) => {
      const headers: Record<string, string> = headersFor("orders/create", orderCreated, "x");
      delete headers["X-Shopify-Webhook-Id"];
      return post(url, "orders/create", orderCreated, headers);
    },
  ],
  ["an empty body", (url, id) => post(url, "orders/create", "", headersFor("orders/create", "", id))],
  [
    "an authentic body that is not JSON",
    (url, id) => sendShopifyWebhook(url, { topic: "refunds/create", shop: shop.domain, body: "<x/>", webhookId: id }),
  ],
  [
    "an authentic JSON array",
    (url, id) => sendShopifyWebhook(url, { topic: "orders/updated", shop: shop.domain, body: "[1]", webhookId: id }),
  ],
  [
    "bytes that are not UTF-8",
    (url, id) => {
      const bytes = new Uint8Array([0x7b, 0xff, 0x7d]);
      return post(url, "orders/create", bytes, { ...headersFor("orders/create", bytes, id), "X-Shopify-Hmac-Sha256": "irrelevant" });
    },
  ],
  [
    "a body above 2 MiB",
    (url, id) => post(url, "orders/create", `{"n":"${"x".repeat(2 * 1024 * 1024)}"}`, headersFor("orders/create", "{}", id)),
  ],
  [
    "a compliance topic (customers/redact)",
    (url, id) => sendShopifyWebhook(url, { topic: "customers/redact", shop: shop.domain, body: '{"customer":{"id":1}}', webhookId: id }),
  ],
  ["a GET", (url) => fetch(`${url}/webhooks/orders/create`)],
];

describe("the fast path gives the Remix routes' answers", () => {
  it.each(CASES)("%s", async (_name, send) => {
    const viaFastPath = await outcome(fast.url, (id) => send(fast.url, id));
    const viaRemix = await outcome(throughRemix.url, (id) => send(throughRemix.url, id));
    expect(viaFastPath).toEqual(viaRemix);
  });

  it("app/uninstalled: sessions removed, shop uninstalled once, the event processed in the request", async () => {
    const other = await createInstalledShop();
    expect(await db().session.count({ where: { shop: other.domain } })).toBeGreaterThan(0);
    const webhookId = randomUUID();
    for (let i = 0; i < 2; i++) {
      const response = await sendShopifyWebhook(fast.url, { topic: "app/uninstalled", shop: other.domain, body: "{}", webhookId });
      expect(response.status).toBe(200);
    }
    expect(await db().session.count({ where: { shop: other.domain } })).toBe(0);
    expect((await db().shop.findUniqueOrThrow({ where: { id: other.id } })).installState).toBe("uninstalled");
    expect(await db().auditEvent.count({ where: { shopId: other.id, action: "shop.uninstalled" } })).toBe(1);
    const events = await db().inboundEvent.findMany({ where: { deliveryId: webhookId }, orderBy: { receivedAt: "asc" } });
    expect(events.map((e) => e.status)).toEqual(["processed", "duplicate"]);
  });
});

describe("Shopify webhooks do not go through Remix", () => {
  let server: RunningAppServer;
  let buildDir: string;
  beforeAll(async () => {
    // A build that serves no route (every request fails): only the fast path can record a delivery.
    mkdirSync(".data", { recursive: true });
    buildDir = mkdtempSync(path.resolve(".data/no-remix-build-"));
    mkdirSync(path.join(buildDir, "server"));
    writeFileSync(
      path.join(buildDir, "server/index.js"),
      `export const mode = "production"; export const basename = undefined; export const future = {};
       export const isSpaMode = false; export const publicPath = "/"; export const assetsBuildDirectory = ${JSON.stringify(buildDir)};
       export const assets = { version: "stub", url: "/manifest.js", entry: { module: "/entry.js", imports: [] }, routes: {} };
       export const routes = {};
       export const entry = { module: { default: () => new Response("Remix served this", { status: 418 }), handleError: () => {} } };`,
    );
    server = await startAppServer({ host: "127.0.0.1", port: 0, buildDir });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(buildDir, { recursive: true, force: true });
  });

  it("records an authentic delivery and refuses a forged one with the Remix handler unable to answer either", async () => {
    const webhookId = randomUUID();
    const response = await sendShopifyWebhook(server.url, { topic: "orders/create", shop: shop.domain, body: orderCreated, webhookId });
    expect(response.status).toBe(200);
    expect(await db().inboundEvent.findFirstOrThrow({ where: { deliveryId: webhookId } })).toMatchObject({
      status: "received",
      shopId: shop.id,
    });
    const forgedId = randomUUID();
    const forged = await sendShopifyWebhook(server.url, {
      topic: "orders/create",
      shop: shop.domain,
      body: orderCreated,
      webhookId: forgedId,
      secret: "x",
    });
    expect(forged.status).toBe(401);
    expect(await db().inboundEvent.count({ where: { deliveryId: forgedId } })).toBe(0);
    // Everything else is still Remix's: the stub's failure, not the webhook route's 405.
    expect((await fetch(`${server.url}/webhooks/orders/create`)).status).not.toBe(405);
  });
});
