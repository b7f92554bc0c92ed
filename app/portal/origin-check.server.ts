// The Origin half of the portal's CSRF defence. A state-changing request must say where it comes
// from (browsers send Origin on every POST), and that must be the store itself: the shop's
// myshopify domain, or the storefront host the customer used, which Shopify's app proxy passes as
// X-Forwarded-Host (a custom domain). Any other origin, or none, is refused.
import type { ProxyRequest } from "./proxy-request.server";

export function isSameStoreOrigin(request: Request, proxy: Pick<ProxyRequest, "shop" | "storefrontHost">): boolean {
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return false;
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    return false;
  }
  const allowed = [proxy.shop.domain.toLowerCase()];
  if (proxy.storefrontHost) allowed.push(proxy.storefrontHost.toLowerCase());
  return allowed.includes(host);
}
