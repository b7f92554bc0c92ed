// Which browser origins may post a shop's pixel events, and the CORS answers for them.
import type { Shop } from "@prisma/client";

/**
 * The pixel posts with `browser.sendBeacon`, which runs in the storefront's top frame: the request
 * carries the Origin of the page the buyer is on, the shop's myshopify.com domain or its primary
 * storefront domain (also where checkout and the thank-you page run). Anything else, a missing
 * Origin and the opaque "null" included, is not the shop's storefront.
 */
export function allowedPixelOrigins(shop: Pick<Shop, "domain" | "storefrontHost">): string[] {
  const hosts = [shop.domain, shop.storefrontHost].filter((host): host is string => !!host);
  return [...new Set(hosts.map((host) => `https://${host.toLowerCase()}`))];
}

export function isAllowedPixelOrigin(shop: Pick<Shop, "domain" | "storefrontHost">, origin: string | null): origin is string {
  return !!origin && allowedPixelOrigins(shop).includes(origin.toLowerCase());
}

/** CORS headers for an allowed origin (sendBeacon's text/plain POST needs no preflight; fetch would). */
export function pixelCorsHeaders(origin: string): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Max-Age": "86400",
    Vary: "Origin",
  };
}
