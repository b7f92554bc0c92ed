// The Web Pixel (extensions/referral-pixel): its pure event logic over events typed with
// @shopify/web-pixels-extension's own types, and the extension itself bundled with esbuild (as
// Shopify CLI bundles it) and run against a stand-in of the pixel runtime (`shopify.extend`).
import path from "node:path";
import vm from "node:vm";
import { build } from "esbuild";
import {
  EventType,
  type Checkout,
  type Context,
  type ExtensionApi,
  type PixelEventsCheckoutCompleted,
  type PixelEventsPageViewed,
} from "@shopify/web-pixels-extension";
import { describe, expect, it } from "vitest";
import {
  STORAGE_KEYS,
  chooseVisitorId,
  numericOrderId,
  onCheckoutCompleted,
  onPageViewed,
  parseStoredReferral,
  postUrl,
  readSettings,
  referralCodeIn,
  type PixelSettings,
} from "../../extensions/referral-pixel/src/referral-pixel";
import { parsePixelEvent } from "../../app/domain/pixel/pixel-event-payload";

const VISITOR = "0f8e2d3c-4b5a-4697-8877-66554433aa11";
const SETTINGS: PixelSettings = {
  endpoint: "https://app.example.com/pixel/events",
  shop: "ava-store.myshopify.com",
  attributionWindowDays: 30,
};

function contextAt(href: string): Context {
  const url = new URL(href);
  const location = {
    hash: url.hash,
    host: url.host,
    hostname: url.hostname,
    href: url.href,
    origin: url.origin,
    pathname: url.pathname,
    port: url.port,
    protocol: url.protocol,
    search: url.search,
  };
  return {
    document: { characterSet: "UTF-8", location, referrer: "", title: "Store" },
    navigator: { cookieEnabled: true, language: "en", languages: ["en"], userAgent: "test" },
    window: {
      innerHeight: 800,
      innerWidth: 400,
      location,
      origin: url.origin,
      outerHeight: 800,
      outerWidth: 400,
      pageXOffset: 0,
      pageYOffset: 0,
      screen: { height: 800, width: 400 },
      screenX: 0,
      screenY: 0,
      scrollX: 0,
      scrollY: 0,
    },
  };
}

function pageViewed(href: string, timestamp = "2026-12-01T10:00:00.000Z", id = "sh-page-1"): PixelEventsPageViewed {
  return { clientId: VISITOR, context: contextAt(href), data: {}, id, name: "page_viewed", seq: 1, timestamp, type: EventType.Standard };
}

const money = (amount: number) => ({ amount, currencyCode: "USD" });

function checkoutCompleted(
  orderId: string | null,
  timestamp = "2026-12-05T10:00:00.000Z",
  id = "sh-checkout-1",
): PixelEventsCheckoutCompleted {
  const checkout: Checkout = {
    attributes: [],
    billingAddress: null,
    buyerAcceptsEmailMarketing: false,
    buyerAcceptsSmsMarketing: false,
    currencyCode: "USD",
    delivery: null,
    discountApplications: [],
    discountsAmount: null,
    email: null,
    lineItems: [],
    localization: { country: { isoCode: "US" }, language: { isoCode: "en" }, market: { handle: "us", id: null } },
    order: orderId === null ? null : { id: orderId, customer: null },
    phone: null,
    shippingAddress: null,
    shippingLine: null,
    smsMarketingPhone: null,
    subtotalPrice: money(100),
    token: "tok",
    totalPrice: money(100),
    totalTax: money(0),
    transactions: [],
  };
  return {
    clientId: VISITOR,
    context: contextAt("https://ava-store.myshopify.com/checkouts/c/abc/thank-you"),
    data: { checkout },
    id,
    name: "checkout_completed",
    seq: 9,
    timestamp,
    type: EventType.Standard,
  };
}

describe("the pixel's event logic", () => {
  it("turns a page_viewed with ?ref into a landing to remember and post, in the shape the app accepts", () => {
    const landing = onPageViewed(pageViewed("https://ava-store.myshopify.com/products/mug?ref=ava10&utm=x"), VISITOR);
    expect(landing).toEqual({
      remember: { code: "AVA10", seenAt: "2026-12-01T10:00:00.000Z" },
      post: { eventId: "sh-page-1", kind: "landing", referralCode: "AVA10", visitorId: VISITOR, occurredAt: "2026-12-01T10:00:00.000Z" },
    });
    expect(parsePixelEvent(JSON.stringify(landing!.post))).toMatchObject({ ok: true });
  });

  it("ignores pages without a valid ?ref", () => {
    expect(onPageViewed(pageViewed("https://ava-store.myshopify.com/"), VISITOR)).toBeNull();
    expect(onPageViewed(pageViewed("https://ava-store.myshopify.com/?ref=%3Cscript%3E"), VISITOR)).toBeNull();
    expect(referralCodeIn("not a url")).toBeNull();
    expect(referralCodeIn("https://s.example/?ref=x")).toBeNull();
  });

  it("posts checkout_completed with the referral it saw and the numeric order id", () => {
    const seen = { code: "AVA10", seenAt: "2026-12-01T10:00:00.000Z" };
    const post = onCheckoutCompleted(checkoutCompleted("gid://shopify/OrderIdentity/5550001"), seen, SETTINGS, VISITOR);
    expect(post).toEqual({
      eventId: "sh-checkout-1",
      kind: "checkout",
      referralCode: "AVA10",
      visitorId: VISITOR,
      occurredAt: "2026-12-05T10:00:00.000Z",
      orderId: "5550001",
    });
    expect(parsePixelEvent(JSON.stringify(post))).toMatchObject({ ok: true, value: { orderId: "5550001" } });
  });

  it("posts no conversion without a referral, without an order id, or outside the attribution window", () => {
    const seen = { code: "AVA10", seenAt: "2026-12-01T10:00:00.000Z" };
    expect(onCheckoutCompleted(checkoutCompleted("5550001"), null, SETTINGS, VISITOR)).toBeNull();
    expect(onCheckoutCompleted(checkoutCompleted(null), seen, SETTINGS, VISITOR)).toBeNull();
    expect(onCheckoutCompleted(checkoutCompleted("5550001", "2027-01-01T10:00:01.000Z"), seen, SETTINGS, VISITOR)).toBeNull();
    expect(onCheckoutCompleted(checkoutCompleted("5550001", "2026-11-30T10:00:00.000Z"), seen, SETTINGS, VISITOR)).toBeNull();
  });

  it("reads its settings, stored referral and visitor id defensively", () => {
    expect(readSettings({ endpoint: SETTINGS.endpoint, shop: "AVA-store.myshopify.com", attributionWindowDays: "7" })).toEqual({
      ...SETTINGS,
      attributionWindowDays: 7,
    });
    expect(readSettings({ endpoint: "javascript:alert(1)", shop: "ava-store.myshopify.com" })).toBeNull();
    expect(readSettings({ endpoint: SETTINGS.endpoint, shop: "evil.example" })).toBeNull();
    expect(postUrl(SETTINGS)).toBe("https://app.example.com/pixel/events?shop=ava-store.myshopify.com");
    expect(parseStoredReferral('{"code":"AVA10","seenAt":"2026-12-01T10:00:00.000Z"}')).toEqual({
      code: "AVA10",
      seenAt: "2026-12-01T10:00:00.000Z",
    });
    expect(parseStoredReferral("{oops")).toBeNull();
    expect(chooseVisitorId("abcdef0123456789", VISITOR)).toBe("abcdef0123456789");
    expect(chooseVisitorId(null, VISITOR.toUpperCase())).toBe(VISITOR);
    expect(chooseVisitorId("<bad>", "also bad")).toBeNull();
    expect(numericOrderId("gid://shopify/Order/42")).toBe("42");
  });
});

/** The built extension, run in a VM with the pixel runtime's `shopify.extend` and browser APIs. */
async function runBuiltPixel(settings: Record<string, string>) {
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, "../../extensions/referral-pixel/src/index.ts")],
    bundle: true,
    write: false,
    format: "iife",
    target: "es2020",
    logLevel: "silent",
  });
  const code = result.outputFiles[0].text;
  const storage = new Map<string, string>();
  const beacons: { url: string; body: unknown }[] = [];
  const subscribers = new Map<string, (event: unknown) => Promise<void> | void>();
  let extend: ((api: ExtensionApi) => void) | undefined;
  vm.runInNewContext(code, {
    shopify: { extend: (_point: string, fn: (api: ExtensionApi) => void) => (extend = fn) },
    URL,
    JSON,
    Number,
    Date,
  });
  const api = {
    settings,
    analytics: {
      subscribe: (name: string, callback: (event: unknown) => void) => {
        subscribers.set(name, callback);
        return () => true;
      },
    },
    browser: {
      localStorage: {
        getItem: async (key: string) => storage.get(key) ?? null,
        setItem: async (key: string, value: string) => void storage.set(key, value),
      },
      sendBeacon: async (url: string, body?: string) => {
        beacons.push({ url, body: JSON.parse(body ?? "null") });
        return true;
      },
    },
  } as unknown as ExtensionApi;
  extend!(api);
  return { code, storage, beacons, publish: async (name: string, event: unknown) => subscribers.get(name)?.(event) };
}

describe("the bundled extension", () => {
  const settings = { endpoint: SETTINGS.endpoint, shop: SETTINGS.shop, attributionWindowDays: "30" };

  it("builds with esbuild, stays small, remembers a landing and posts both events to the app", async () => {
    const pixel = await runBuiltPixel(settings);
    expect(pixel.code.length).toBeLessThan(20_000);
    await pixel.publish("page_viewed", pageViewed("https://ava-store.myshopify.com/?ref=AVA10"));
    await pixel.publish("page_viewed", pageViewed("https://ava-store.myshopify.com/cart", "2026-12-02T10:00:00.000Z", "sh-page-2"));
    await pixel.publish("checkout_completed", checkoutCompleted("5550001"));
    const url = "https://app.example.com/pixel/events?shop=ava-store.myshopify.com";
    expect(pixel.beacons).toEqual([
      { url, body: expect.objectContaining({ kind: "landing", referralCode: "AVA10", visitorId: VISITOR }) },
      { url, body: expect.objectContaining({ kind: "checkout", referralCode: "AVA10", orderId: "5550001", visitorId: VISITOR }) },
    ]);
    // The visitor id is shared with the Referral tracking embed (same key), so a landing counts once.
    expect(pixel.storage.get(STORAGE_KEYS.visitorId)).toBe(VISITOR);
    expect(JSON.parse(pixel.storage.get(STORAGE_KEYS.referral)!)).toEqual({ code: "AVA10", seenAt: "2026-12-01T10:00:00.000Z" });
  });

  it("does nothing without usable settings", async () => {
    const pixel = await runBuiltPixel({ endpoint: "", shop: "", attributionWindowDays: "" });
    await pixel.publish("page_viewed", pageViewed("https://ava-store.myshopify.com/?ref=AVA10"));
    expect(pixel.beacons).toEqual([]);
  });
});
