// Where the Shopify Admin API is for a shop. Outside production a test or the demo may point it at
// a local server speaking the Admin API's wire formats (SHOPIFY_ADMIN_API_ORIGIN): GraphQL and the
// OAuth token exchange. Production always talks to https://<shop>.
import { abstractFetch, setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { envVariables } from "../env.server";
import { outsideServiceOverride } from "./outside-service-origin.server";

function overrideOrigin(): string | null {
  return outsideServiceOverride("SHOPIFY_ADMIN_API_ORIGIN");
}

export function adminOrigin(shopDomain: string): string {
  return overrideOrigin() ?? `https://${shopDomain}`;
}

let routed = false;

/**
 * Sends the Shopify library's own requests to `/admin/…` (token exchange, `admin.graphql`) to the
 * override origin too, so the embedded auth flow — online tokens naming the staff user included —
 * runs against the local stand-in. Call after every Shopify adapter module has loaded (they set
 * the library's fetch when imported). Does nothing in production.
 */
export function routeShopifyLibraryToAdminOrigin(): void {
  if (routed || envVariables("NODE_ENV").NODE_ENV === "production") return;
  routed = true;
  const fetchAtShopify = abstractFetch;
  setAbstractFetchFunc((input, init) => {
    const override = overrideOrigin();
    if (override && (typeof input === "string" || input instanceof URL)) {
      const url = new URL(input);
      if (url.protocol === "https:" && url.pathname.startsWith("/admin/")) {
        return fetchAtShopify(`${override}${url.pathname}${url.search}`, init);
      }
    }
    return fetchAtShopify(input, init);
  });
}
