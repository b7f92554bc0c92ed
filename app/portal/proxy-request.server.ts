// Every request that reaches the app through the Shopify app proxy goes through here first.
//
// Signature: `authenticate.public.appProxy` (@shopify/shopify-app-remix 6 → shopify-api 15
// `validateHmac({signator: "appProxy"})`) recomputes the HMAC-SHA256 of the query string's
// parameters sorted by name, written `key=value` with no separator (repeated keys joined by
// commas, `signature` left out), compares it in constant time, and refuses a `timestamp` more than
// 90 seconds away from the server's clock, so stale (replayed) URLs are refused by the library
// itself. It answers a bad signature with a thrown 400; the portal answers 401 instead.
import type { Shop } from "@prisma/client";
import { db } from "../db.server";
import { authenticate } from "../shopify.server";
import { clientAddress } from "./client-address.server";
import { portalLocale, type PortalLocale } from "./portal-strings";

export interface ProxyRequest {
  shop: Shop;
  /** logged_in_customer_id: empty when nobody is logged in to the storefront. */
  customerId: string | null;
  locale: PortalLocale;
  /** The offline Admin API token of the shop (to read the customer's email), when installed. */
  accessToken: string | null;
  /** The storefront host the customer used (the app proxy's X-Forwarded-Host). */
  storefrontHost: string | null;
  /** The client's address as Shopify's app proxy saw it (app/portal/client-address.server.ts). */
  clientAddress: string;
}

const plain = (status: number, message: string) =>
  new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/** Verifies the app-proxy signature and resolves the shop; throws a Response (401/404) otherwise. */
export async function verifyProxyRequest(request: Request): Promise<ProxyRequest> {
  let context;
  try {
    context = await authenticate.public.appProxy(request);
  } catch (error) {
    if (error instanceof Response) throw plain(401, "This request is not signed by Shopify.");
    throw error;
  }
  const url = new URL(request.url);
  const domain = url.searchParams.get("shop") ?? "";
  const shop = await db().shop.findUnique({ where: { domain } });
  if (!shop || shop.installState !== "installed") throw plain(404, "This store does not use Creator Payouts.");
  const customerId = url.searchParams.get("logged_in_customer_id")?.trim() || null;
  const forwardedHost = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || null;
  return {
    shop,
    customerId: customerId && /^\d{1,20}$/.test(customerId) ? customerId : null,
    locale: portalLocale(url.searchParams.get("locale")),
    accessToken: context.session?.accessToken ?? null,
    storefrontHost: forwardedHost,
    clientAddress: clientAddress(request),
  };
}
