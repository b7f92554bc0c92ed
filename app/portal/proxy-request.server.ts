// Every request that reaches the app through the Shopify app proxy goes through here first.
//
// Signature: `isSignedAppProxyQuery` (shopify.server.ts, the rules of shopify-api 15's
// `validateHmac({signator: "appProxy"})`) recomputes the HMAC-SHA256 of the query string's
// parameters sorted by name, written `key=value` with no separator (repeated keys joined by
// commas, `signature` left out), compares it in constant time, and refuses a `timestamp` more than
// 90 seconds away from the server's clock, so stale (replayed) URLs are refused. The portal
// answers 401 to a bad one. The shop and its offline session come from the per-instance cache
// (app/shops/shop-cache.server.ts), checked current on every request.
import type { Shop } from "@prisma/client";
import { clientAddress } from "./client-address.server";
import { readCachedShop, type CachedShop } from "../shops/shop-cache.server";
import { isSignedAppProxyQuery } from "../shopify.server";
import { portalLocale, type PortalLocale } from "./portal-strings";

export interface ProxyRequest {
  shop: Shop;
  /** logged_in_customer_id: empty when nobody is logged in to the storefront. */
  customerId: string | null;
  locale: PortalLocale;
  /** The offline Admin API token of the shop (to read the customer's email), when installed. */
  accessToken: string | null;
  /** The scopes granted to that token (whether a rail such as store credit may be used). */
  offlineScope: string | null;
  /** The storefront host the customer used (the app proxy's X-Forwarded-Host). */
  storefrontHost: string | null;
  /** The client's address as Shopify's app proxy saw it (app/portal/client-address.server.ts). */
  clientAddress: string;
}

const plain = (status: number, message: string) =>
  new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/** What a signed app-proxy query says, before the shop is resolved. */
export interface SignedProxyQuery {
  domain: string;
  customerId: string | null;
  locale: PortalLocale;
  storefrontHost: string | null;
  clientAddress: string;
}

/** Verifies the app-proxy signature; throws a 401 Response otherwise. */
export function readSignedProxyQuery(request: Request): SignedProxyQuery {
  const url = new URL(request.url);
  if (!isSignedAppProxyQuery(url.searchParams)) throw plain(401, "This request is not signed by Shopify.");
  const customerId = url.searchParams.get("logged_in_customer_id")?.trim() || null;
  return {
    domain: url.searchParams.get("shop") ?? "",
    customerId: customerId && /^\d{1,20}$/.test(customerId) ? customerId : null,
    locale: portalLocale(url.searchParams.get("locale")),
    storefrontHost: request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || null,
    clientAddress: clientAddress(request),
  };
}

/** The proxy request of a signed query and its shop (current, from the cache); throws a 404 Response when the shop does not use the app. */
export function proxyRequestOf(signed: SignedProxyQuery, cached: CachedShop | null): ProxyRequest {
  if (!cached || cached.shop.installState !== "installed") throw plain(404, "This store does not use Creator Payouts.");
  return {
    shop: cached.shop,
    customerId: signed.customerId,
    locale: signed.locale,
    accessToken: cached.offlineSession?.accessToken ?? null,
    offlineScope: cached.offlineSession?.scope ?? null,
    storefrontHost: signed.storefrontHost,
    clientAddress: signed.clientAddress,
  };
}

/** Verifies the app-proxy signature and resolves the shop; throws a Response (401/404) otherwise. */
export async function verifyProxyRequest(request: Request): Promise<ProxyRequest> {
  const signed = readSignedProxyQuery(request);
  return proxyRequestOf(signed, await readCachedShop(signed.domain));
}
