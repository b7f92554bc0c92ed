// The address a pixel post came from, for its rate limit. Unlike app-proxy requests, the pixel's
// posts reach the app directly (no Shopify proxy appends to X-Forwarded-For), so the entry to read
// is the one the outermost proxy of our own wrote: with TRUSTED_PROXY_HOPS = N, N - 1 entries
// before the last. Without proxies of our own every entry is the client's own words, so all
// clients of a shop share one bucket rather than letting a made-up header pick a fresh one.
import { env } from "../env.server";
import { clientAddress } from "../portal/client-address.server";

export function pixelClientAddress(request: Request, ownProxies: number = env().TRUSTED_PROXY_HOPS): string {
  return ownProxies === 0 ? "direct" : clientAddress(request, ownProxies - 1);
}
