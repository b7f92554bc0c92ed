// The Web Pixel end to end (issue 14 §3): its public endpoint over HTTP (shop, Origin, shape, rate
// limit, dedupe), pixel attribution of orders that carry no code or referral attribute in either
// arrival order, and the pixel's activation at install against the schema-checked Admin stand-in.
import { randomUUID } from "node:crypto";
import type { Creator, Shop } from "@prisma/client";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { COMMISSION_SUBJECT } from "~/commissions/commission-amounts.server";
import { db } from "~/db.server";
import { startFakeShopifyAdmin, type FakeShopifyAdmin } from "../support/fake-shopify-admin";
import { fakeWebPixels, type FakeWebPixels } from "../support/fake-shopify-pixels";
import { createCreator, createInstalledShop, createShopWithTenPercentPlan } from "../support/factories";
import { drainJobs } from "../support/jobs";
import { orderPayload, type OrderSpec } from "../support/shopify-payloads";
import { adminFetch, type FakeStaffUser } from "../support/shopify-session";
import { sendShopifyWebhook } from "../support/shopify-webhook";
import { describeWithApp, type TestAppHandle } from "../support/test-app";

const ALL_SCOPES = "read_orders,read_customers,read_discounts,write_discounts,read_products,write_pixels,read_customer_events";
const STAFF: FakeStaffUser[] = [1, 2, 3, 4, 5, 6].map((n) => ({
  id: 7100 + n,
  first_name: `Staff${n}`,
  last_name: "Pixel",
  email: `staff${n}@pixel.test`,
}));
const VISITOR = "0f8e2d3c-4b5a-4697-8877-66554433aa11";

let admin: FakeShopifyAdmin;
let pixels: FakeWebPixels;
beforeAll(async () => {
  pixels = fakeWebPixels();
  admin = await startFakeShopifyAdmin({
    accessToken: "shpat_test_offline_token",
    staff: Object.fromEntries(STAFF.map((user) => [String(user.id), user])),
    grantedScopes: ALL_SCOPES,
    primaryDomainHost: "shop.ava-store.example",
    pixels,
  });
  process.env.SHOPIFY_ADMIN_API_ORIGIN = admin.origin;
});
afterAll(async () => {
  delete process.env.SHOPIFY_ADMIN_API_ORIGIN;
  await admin?.close();
});

let nextOrderId = 9_400_000_000;
let nextEvent = 1;

function landing(referralCode: string, changes: Record<string, unknown> = {}) {
  return {
    eventId: `sh-landing-${nextEvent++}`,
    kind: "landing",
    referralCode,
    visitorId: VISITOR,
    occurredAt: "2026-12-01T10:00:00Z",
    ...changes,
  };
}
function checkout(referralCode: string, orderId: number, changes: Record<string, unknown> = {}) {
  return { ...landing(referralCode), eventId: `sh-checkout-${nextEvent++}`, kind: "checkout", orderId: String(orderId), ...changes };
}

function orderSpec(changes: Partial<OrderSpec> = {}): OrderSpec {
  const orderId = nextOrderId++;
  return {
    orderId,
    createdAt: "2026-12-01T14:21:09-05:00",
    updatedAt: "2026-12-01T14:21:09-05:00",
    lines: [{ lineId: orderId * 10 + 1, productId: 7001, quantity: 1, unitPriceMinor: 5000 }],
    creatorRef: null,
    discountCodes: [],
    ...changes,
  };
}

async function orderRow(shop: Shop, orderId: number) {
  return db().attributedOrder.findUnique({
    where: { shopId_shopifyOrderId: { shopId: shop.id, shopifyOrderId: String(orderId) } },
    include: { commission: true },
  });
}

/** Net amounts per account of everything posted for the order's commission. */
async function ledgerOf(commissionId: string) {
  const entries = await db().ledgerEntry.findMany({ where: { transaction: { subjectType: COMMISSION_SUBJECT, subjectId: commissionId } } });
  const sums: Record<string, number> = {};
  for (const entry of entries) sums[entry.account] = (sums[entry.account] ?? 0) + Number(entry.amountMinor);
  return sums;
}

describeWithApp("the Web Pixel", (app: TestAppHandle) => {
  const post = (shop: Pick<Shop, "domain">, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/pixel/events?shop=${encodeURIComponent(shop.domain)}`, {
      method: "POST",
      headers: { "Content-Type": "text/plain;charset=UTF-8", Origin: `https://${shop.domain}`, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const deliverOrder = async (shop: Shop, spec: OrderSpec, webhookId: string = randomUUID()) => {
    const response = await sendShopifyWebhook(app.url, {
      topic: "orders/create",
      shop: shop.domain,
      body: JSON.stringify(orderPayload(spec)),
      webhookId,
    });
    expect(response.status).toBe(200);
    await drainJobs();
  };
  const counts = async (shop: Shop) => ({
    events: await db().pixelEvent.count({ where: { shopId: shop.id } }),
    clicks: await db().referralClick.count({ where: { shopId: shop.id } }),
  });

  async function shopWithCreator(): Promise<{ shop: Shop; ava: Creator }> {
    const shop = await createShopWithTenPercentPlan({ storefrontHost: "shop.ava-store.example" });
    const ava = await createCreator(shop.id, "Ava Ames");
    return { shop, ava };
  }

  it("stores a landing once per event id and counts it as a referral click in Reports", async () => {
    const { shop, ava } = await shopWithCreator();
    const event = landing(ava.referralCode.toLowerCase());
    const first = await post(shop, event);
    expect(first.status).toBe(202);
    expect(first.headers.get("access-control-allow-origin")).toBe(`https://${shop.domain}`);
    const again = await post(shop, event);
    expect(again.status).toBe(202);
    expect(await again.text()).toBe("Already stored.");
    expect(await counts(shop)).toEqual({ events: 1, clicks: 1 });
    expect(await db().referralClick.findFirst({ where: { shopId: shop.id } })).toMatchObject({ creatorId: ava.id, code: ava.referralCode });
    // A second landing of the same visitor and day is stored but counted once, like the embed's clicks.
    expect((await post(shop, landing(ava.referralCode))).status).toBe(202);
    expect(await counts(shop)).toEqual({ events: 2, clicks: 1 });
  });

  it("refuses malformed events with 400 and a sentence, and stores nothing", async () => {
    const { shop, ava } = await shopWithCreator();
    const malformed: unknown[] = [
      "not json",
      "",
      "[]",
      { ...landing(ava.referralCode), kind: "purchase" },
      { ...landing(ava.referralCode), extra: "field" },
      landing("<script>"),
      landing(ava.referralCode, { visitorId: "ME" }),
      landing(ava.referralCode, { occurredAt: "yesterday" }),
      landing(ava.referralCode, { eventId: "" }),
      { ...checkout(ava.referralCode, 1), orderId: "gid://shopify/Order/1" },
      { ...checkout(ava.referralCode, 1), orderId: undefined },
    ];
    for (const body of malformed) {
      const response = await post(shop, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.text()).toMatch(/^Not a pixel event: .+/);
    }
    const oversize = await post(shop, { ...landing(ava.referralCode), pad: "x".repeat(5000) });
    expect(oversize.status).toBe(413);
    expect(await counts(shop)).toEqual({ events: 0, clicks: 0 });
  });

  it("accepts only the shop's storefront origins, answers CORS preflights for them, and refuses unknown shops", async () => {
    const { shop, ava } = await shopWithCreator();
    for (const origin of ["https://evil.example", "null", `http://${shop.domain}`, "https://other-shop.myshopify.com"]) {
      const response = await post(shop, landing(ava.referralCode), { Origin: origin });
      expect(response.status, origin).toBe(403);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
    }
    const noOrigin = await fetch(`${app.url}/pixel/events?shop=${shop.domain}`, {
      method: "POST",
      body: JSON.stringify(landing(ava.referralCode)),
    });
    expect(noOrigin.status).toBe(403);
    expect(await counts(shop)).toEqual({ events: 0, clicks: 0 });

    // The storefront's primary domain (recorded at activation) is the shop's too.
    expect((await post(shop, landing(ava.referralCode), { Origin: "https://shop.ava-store.example" })).status).toBe(202);
    const preflight = await fetch(`${app.url}/pixel/events?shop=${shop.domain}`, {
      method: "OPTIONS",
      headers: { Origin: `https://${shop.domain}`, "Access-Control-Request-Method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(`https://${shop.domain}`);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    const foreignPreflight = await fetch(`${app.url}/pixel/events?shop=${shop.domain}`, {
      method: "OPTIONS",
      headers: { Origin: "https://evil.example" },
    });
    expect(foreignPreflight.status).toBe(403);

    expect((await post({ domain: "not-installed.myshopify.com" }, landing(ava.referralCode))).status).toBe(404);
    const uninstalled = await createShopWithTenPercentPlan({ installState: "uninstalled" });
    expect((await post(uninstalled, landing(ava.referralCode))).status).toBe(404);
    expect((await post({ domain: "evil.example" }, landing(ava.referralCode))).status).toBe(400);
  });

  it("rate-limits a shop's client and stores nothing past the limit", async () => {
    const { shop, ava } = await shopWithCreator();
    for (let i = 0; i < 60; i++) expect((await post(shop, "{}")).status).toBe(400);
    const limited = await post(shop, landing(ava.referralCode));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await counts(shop)).toEqual({ events: 0, clicks: 0 });
    // Another shop has its own bucket.
    const other = await shopWithCreator();
    expect((await post(other.shop, landing(other.ava.referralCode))).status).toBe(202);
  });

  it("credits an order without code or attribute to the pixel's referral when the pixel event comes first", async () => {
    const { shop, ava } = await shopWithCreator();
    const order = orderSpec();
    expect((await post(shop, checkout(ava.referralCode, order.orderId))).status).toBe(202);
    await deliverOrder(shop, order);
    const row = await orderRow(shop, order.orderId);
    expect(row).toMatchObject({ creatorId: ava.id, attributionSource: "pixel" });
    expect(await ledgerOf(row!.commission!.id)).toEqual({ expense: -500, held: 500 });
  });

  it("re-attributes an unattributed order when its pixel event comes after it, once", async () => {
    const { shop, ava } = await shopWithCreator();
    const order = orderSpec();
    await deliverOrder(shop, order);
    expect(await orderRow(shop, order.orderId)).toMatchObject({ creatorId: null, attributionSource: null, commission: null });
    const event = checkout(ava.referralCode, order.orderId);
    expect((await post(shop, event)).status).toBe(202);
    expect((await post(shop, event)).status).toBe(202);
    expect((await post(shop, checkout(ava.referralCode, order.orderId))).status).toBe(202);
    const row = await orderRow(shop, order.orderId);
    expect(row).toMatchObject({ creatorId: ava.id, attributionSource: "pixel" });
    expect(await ledgerOf(row!.commission!.id)).toEqual({ expense: -500, held: 500 });
    expect(await db().commission.count({ where: { shopId: shop.id } })).toBe(1);
  });

  it("never overrides what the order carries: its referral attribute or a creator's code wins over the pixel", async () => {
    const { shop, ava } = await shopWithCreator();
    const ben = await createCreator(shop.id, "Ben Berg");
    const withAttribute = orderSpec({ creatorRef: ben.referralCode });
    await post(shop, checkout(ava.referralCode, withAttribute.orderId));
    await deliverOrder(shop, withAttribute);
    expect(await orderRow(shop, withAttribute.orderId)).toMatchObject({ creatorId: ben.id, attributionSource: "referral" });

    // A pixel event arriving after an order its attribute credited changes nothing.
    const credited = orderSpec({ creatorRef: ben.referralCode });
    await deliverOrder(shop, credited);
    await post(shop, checkout(ava.referralCode, credited.orderId));
    expect(await orderRow(shop, credited.orderId)).toMatchObject({ creatorId: ben.id, attributionSource: "referral" });
  });

  it("ends with one pixel-attributed commission whatever order the order webhook, the pixel event and their repeats arrive in", async () => {
    type Step = "order" | "order_again" | "pixel" | "pixel_again";
    // The order and the pixel event, each maybe repeated (a webhook redelivery, a resent beacon), shuffled.
    const arrivals = fc.tuple(fc.boolean(), fc.boolean()).chain(([orderAgain, pixelAgain]) =>
      fc.shuffledSubarray<Step>(
        ["order", "pixel", ...(orderAgain ? ["order_again" as const] : []), ...(pixelAgain ? ["pixel_again" as const] : [])],
        {
          minLength: 2 + Number(orderAgain) + Number(pixelAgain),
          maxLength: 2 + Number(orderAgain) + Number(pixelAgain),
        },
      ),
    );
    await fc.assert(
      fc.asyncProperty(arrivals, async (steps) => {
        const { shop, ava } = await shopWithCreator();
        const order = orderSpec();
        const webhookId = randomUUID();
        const event = checkout(ava.referralCode, order.orderId);
        for (const step of steps) {
          if (step === "order") await deliverOrder(shop, order, webhookId);
          // A redelivery under a new webhook id (the business id dedupes it).
          if (step === "order_again") await deliverOrder(shop, order);
          if (step === "pixel" || step === "pixel_again") expect((await post(shop, event)).status).toBe(202);
        }
        const row = await orderRow(shop, order.orderId);
        expect(row).toMatchObject({ creatorId: ava.id, attributionSource: "pixel" });
        expect(await ledgerOf(row!.commission!.id)).toEqual({ expense: -500, held: 500 });
        expect(await db().pixelEvent.count({ where: { shopId: shop.id } })).toBe(1);
      }),
      // The two plain arrival orders always, then random ones.
      { numRuns: 8, examples: [[["order", "pixel"]], [["pixel", "order"]]] },
    );
  });

  it("activates the pixel at install with its settings, and updates it (never a second one) on the next", async () => {
    const domain = `${randomUUID()}.myshopify.com`;
    const creates = () => pixels.mutations.filter((m) => m.name === "webPixelCreate").length;
    pixels.current = null;
    const before = creates();
    const first = await adminFetch(app.url, domain, "/app", {}, String(STAFF[0].id));
    expect(first.status).toBe(200);
    const shop = await db().shop.findUniqueOrThrow({ where: { domain } });
    expect(shop).toMatchObject({ webPixelId: pixels.current!.id, webPixelError: null, storefrontHost: "shop.ava-store.example" });
    expect(JSON.parse(pixels.current!.settings)).toEqual({
      endpoint: "https://creator-payouts.test/pixel/events",
      shop: domain,
      attributionWindowDays: "30",
    });
    expect(creates()).toBe(before + 1);

    // Another staff member's first request runs the install hook again: the pixel is updated.
    const second = await adminFetch(app.url, domain, "/app", {}, String(STAFF[1].id));
    expect(second.status).toBe(200);
    expect(creates()).toBe(before + 1);
    expect(pixels.mutations.at(-1)).toMatchObject({ name: "webPixelUpdate", variables: { id: shop.webPixelId } });
    expect((await db().shop.findUniqueOrThrow({ where: { domain } })).webPixelId).toBe(shop.webPixelId);
  });

  it("installs even when activation fails, shows why in Settings, and activates on 'Activate again'", async () => {
    const domain = `${randomUUID()}.myshopify.com`;
    pixels.current = null;
    pixels.nextCreateUserErrors = [{ field: null, code: "UNEXPECTED_ERROR", message: "Something went wrong on Shopify's side" }];
    const install = await adminFetch(app.url, domain, "/app", {}, String(STAFF[2].id));
    expect(install.status).toBe(200);
    const shop = await db().shop.findUniqueOrThrow({ where: { domain } });
    expect(shop).toMatchObject({ installState: "installed", webPixelId: null });
    expect(shop.webPixelError).toContain("Something went wrong on Shopify's side");
    const settings = await (await adminFetch(app.url, domain, "/app/settings", {}, String(STAFF[2].id))).text();
    expect(settings).toContain("The storefront pixel is not active");
    expect(settings).toContain("Activate again");

    const retry = await adminFetch(
      app.url,
      domain,
      "/app/settings",
      { method: "POST", body: new URLSearchParams({ intent: "activate_pixel" }) },
      String(STAFF[2].id),
    );
    expect(retry.status).toBe(200);
    expect(await db().shop.findUniqueOrThrow({ where: { domain } })).toMatchObject({ webPixelId: pixels.current!.id, webPixelError: null });
  });

  it("tells a shop without the pixel scopes to approve them, and sends Shopify nothing", async () => {
    const shop = await createInstalledShop(); // its sessions hold the read scopes only
    const mutationsBefore = pixels.mutations.length;
    const retry = await adminFetch(app.url, shop.domain, "/app/settings", {
      method: "POST",
      body: new URLSearchParams({ intent: "activate_pixel" }),
    });
    expect(retry.status).toBe(422);
    expect(await retry.text()).toContain("write_pixels and read_customer_events");
    expect(pixels.mutations.length).toBe(mutationsBefore);
    expect((await db().shop.findUniqueOrThrow({ where: { id: shop.id } })).webPixelError).toContain("approve the new access");
  });
});
