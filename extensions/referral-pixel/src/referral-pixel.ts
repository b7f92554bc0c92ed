// The pixel's event logic, pure: what to remember and what to post for each event. index.ts only
// wires it to Shopify's analytics bus and browser storage (tested in tests/extensions/referral-pixel.test.ts).
import type { PixelEventsCheckoutCompleted, PixelEventsPageViewed } from "@shopify/web-pixels-extension";

/** Same rule as the Referral tracking embed (extensions/creator-portal/assets/referral-tracking.js). */
const REFERRAL_CODE = /^[A-Z0-9_-]{2,40}$/;
/** The embed's visitor id shape: the pixel shares the id, so a landing both report counts once. */
const VISITOR_ID = /^[0-9a-f-]{16,64}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Top-frame localStorage keys (browser.localStorage is the storefront's own storage). */
export const STORAGE_KEYS = { referral: "_cp_pixel_ref", visitorId: "_cp_vid" } as const;

export interface PixelSettings {
  endpoint: string;
  shop: string;
  attributionWindowDays: number;
}

/** The referral the pixel saw last (last landing wins, as with the embed's cookie). */
export interface StoredReferral {
  code: string;
  seenAt: string;
}

/** The body posted to the app's /pixel/events (app/pixel/pixel-event-payload.ts checks it). */
export interface PixelPost {
  eventId: string;
  kind: "landing" | "checkout";
  referralCode: string;
  visitorId: string;
  occurredAt: string;
  orderId?: string;
}

/** The settings the app gave webPixelCreate (all strings), or null when unusable. */
export function readSettings(raw: Record<string, unknown>): PixelSettings | null {
  const endpoint = typeof raw.endpoint === "string" ? raw.endpoint : "";
  const shop = typeof raw.shop === "string" ? raw.shop.trim().toLowerCase() : "";
  const days = Number(raw.attributionWindowDays);
  if (!/^https?:\/\/[^\s]+$/.test(endpoint) || !/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(shop)) return null;
  return { endpoint, shop, attributionWindowDays: Number.isInteger(days) && days >= 1 && days <= 365 ? days : 30 };
}

/** Where the pixel posts: the endpoint with the shop in the query (CORS preflights carry no body). */
export function postUrl(settings: PixelSettings): string {
  const separator = settings.endpoint.includes("?") ? "&" : "?";
  return `${settings.endpoint}${separator}shop=${encodeURIComponent(settings.shop)}`;
}

/** `?ref=CODE` of a page URL, uppercased, or null. */
export function referralCodeIn(href: string): string | null {
  let code: string | null;
  try {
    code = new URL(href).searchParams.get("ref");
  } catch {
    return null;
  }
  const normalized = code?.trim().toUpperCase() ?? "";
  return REFERRAL_CODE.test(normalized) ? normalized : null;
}

export function parseStoredReferral(raw: string | null): StoredReferral | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<StoredReferral>;
    if (typeof value.code !== "string" || !REFERRAL_CODE.test(value.code)) return null;
    if (typeof value.seenAt !== "string" || Number.isNaN(Date.parse(value.seenAt))) return null;
    return { code: value.code, seenAt: value.seenAt };
  } catch {
    return null;
  }
}

/** The embed's visitor id when it has one, else the pixel's client id (stored for the embed). */
export function chooseVisitorId(stored: string | null, clientId: string): string | null {
  if (stored && VISITOR_ID.test(stored)) return stored;
  const fromClient = clientId.trim().toLowerCase();
  return VISITOR_ID.test(fromClient) ? fromClient : null;
}

/** page_viewed: a landing when the URL has a valid ?ref; remember it and post it. */
export function onPageViewed(event: PixelEventsPageViewed, visitorId: string): { remember: StoredReferral; post: PixelPost } | null {
  const code = referralCodeIn(event.context.document.location.href);
  if (!code) return null;
  return {
    remember: { code, seenAt: event.timestamp },
    post: { eventId: event.id, kind: "landing", referralCode: code, visitorId, occurredAt: event.timestamp },
  };
}

/** The numeric order id, whether Shopify gives it bare or as a gid. */
export function numericOrderId(id: string | null | undefined): string | null {
  const match = /(\d{1,20})$/.exec(id ?? "");
  return match ? match[1] : null;
}

/**
 * checkout_completed: a conversion when a referral was seen within the attribution window before
 * the checkout and the order has an id (the app joins it to the order webhook by that id).
 */
export function onCheckoutCompleted(
  event: PixelEventsCheckoutCompleted,
  seen: StoredReferral | null,
  settings: PixelSettings,
  visitorId: string,
): PixelPost | null {
  if (!seen) return null;
  const orderId = numericOrderId(event.data.checkout.order?.id);
  if (!orderId) return null;
  const age = Date.parse(event.timestamp) - Date.parse(seen.seenAt);
  if (!(age >= 0 && age <= settings.attributionWindowDays * DAY_MS)) return null;
  return { eventId: event.id, kind: "checkout", referralCode: seen.code, visitorId, occurredAt: event.timestamp, orderId };
}
