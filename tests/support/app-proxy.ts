// Plays Shopify's app proxy for tests: a storefront request to /apps/creator-payouts/<path> reaches
// the app as /proxy/<path> with shop, logged_in_customer_id, path_prefix and timestamp added and
// the whole query signed: HMAC-SHA256 (hex, app secret) of the parameters sorted by name, each
// written key=value (several values of one key joined by commas), concatenated without separator.
import { createHmac } from "node:crypto";
import { TEST_SHOPIFY_API_SECRET } from "./test-app";

export const PROXY_PATH_PREFIX = "/apps/creator-payouts";

export function proxySignature(params: URLSearchParams, secret = TEST_SHOPIFY_API_SECRET): string {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) if (key !== "signature") grouped.set(key, [...(grouped.get(key) ?? []), value]);
  const message = [...grouped.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, values]) => `${key}=${values.join(",")}`)
    .join("");
  return createHmac("sha256", secret).update(message).digest("hex");
}

export interface ProxyTarget {
  shop: string;
  /** The logged-in storefront customer (numeric id), or none. */
  customerId?: string | null;
  /** Seconds since the epoch; defaults to the real clock (Shopify's library checks it against Date.now()). */
  timestamp?: number;
  secret?: string;
}

/** The URL the app receives for a storefront request to `${PROXY_PATH_PREFIX}${storefrontPath}`. */
export function signedProxyUrl(appUrl: string, storefrontPath: string, target: ProxyTarget): string {
  const incoming = new URL(storefrontPath, "https://storefront.invalid");
  const params = new URLSearchParams(incoming.search);
  params.set("shop", target.shop);
  params.set("logged_in_customer_id", target.customerId ?? "");
  params.set("path_prefix", PROXY_PATH_PREFIX);
  params.set("timestamp", String(target.timestamp ?? Math.floor(Date.now() / 1000)));
  params.set("signature", proxySignature(params, target.secret));
  return `${appUrl}/proxy${incoming.pathname}?${params.toString()}`;
}

export interface ProxyFetchInit extends RequestInit {
  /** Origin header a browser would send; default the shop's own domain for POSTs. Null: none. */
  origin?: string | null;
  forwardedHost?: string;
  forwardedFor?: string;
}

/** fetch() through the (simulated) app proxy. */
export function proxyFetch(appUrl: string, storefrontPath: string, target: ProxyTarget, init: ProxyFetchInit = {}) {
  const { origin, forwardedHost, forwardedFor, ...rest } = init;
  const headers = new Headers(rest.headers);
  const method = (rest.method ?? "GET").toUpperCase();
  const originHeader = origin === undefined ? (method === "GET" ? null : `https://${target.shop}`) : origin;
  if (originHeader) headers.set("Origin", originHeader);
  headers.set("X-Forwarded-Host", forwardedHost ?? target.shop);
  headers.set("X-Forwarded-For", forwardedFor ?? "203.0.113.7");
  return fetch(signedProxyUrl(appUrl, storefrontPath, target), { ...rest, headers, redirect: "manual" });
}
