// Which address a storefront request came from, for per-client rate limits.
import { isIP } from "node:net";
import { env } from "../env.server";

/**
 * The client address of an app-proxy request: the X-Forwarded-For entry that Shopify's app proxy
 * wrote, never one the client wrote itself.
 *
 * Shopify's app proxy "adds the following headers: … X-Forwarded-For: The client IP address"
 * (https://shopify.dev/docs/apps/build/online-store/app-proxies/authenticate-app-proxies). A
 * proxy appends to the header, so whatever the browser sent comes first and can be anything; the
 * entry Shopify added is the last one, or, when proxies of our own (a load balancer, the hosting
 * platform's router) sit between Shopify and the app and each append the address they saw,
 * `trustedHops` entries before the last. Counting from the right is what makes a made-up leading
 * value useless: it never moves the entry we read.
 *
 * IPv6 addresses are keyed by their /64 prefix: one client usually holds a whole /64 and could
 * otherwise draw a fresh address (and a fresh bucket) for every request.
 */
export function clientAddress(request: Request, trustedHops: number = env().TRUSTED_PROXY_HOPS): string {
  const entries = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const entry = entries[Math.max(0, entries.length - 1 - trustedHops)];
  return entry ? normalized(entry) : "unknown";
}

function normalized(entry: string): string {
  // "[2001:db8::1]:443" or "192.0.2.1:443" → the address alone.
  const address = entry
    .replace(/^\[([^\]]+)\](?::\d+)?$/, "$1")
    .replace(/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/, "$1")
    .toLowerCase();
  const mappedV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address)?.[1];
  if (mappedV4) return mappedV4;
  if (isIP(address) === 6) return `${prefix64(address)}::/64`;
  if (isIP(address) === 4) return address;
  // Not an address at all (a misconfigured hop): keep it, bounded, so it still gets a bucket.
  return address.slice(0, 64);
}

/** The first four hextets (the /64) of an IPv6 address, "::" expanded. */
function prefix64(address: string): string {
  // An embedded IPv4 tail ("::ffff:192.0.2.1") is the last 32 bits: it counts as two hextets.
  const hextets = address.replace(/\d{1,3}(?:\.\d{1,3}){3}$/, "0:0");
  const [head, tail] = hextets.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right]
    .slice(0, 4)
    .map((h) => Number.parseInt(h, 16).toString(16))
    .join(":");
}

/**
 * The address of a storefront request that reaches the app directly, not through Shopify's app
 * proxy (the Web Pixel's posts to /pixel/events): no Shopify hop appends to X-Forwarded-For, so
 * the entry to read is the one the outermost proxy of our own wrote, `ownProxies - 1` before the
 * last. Without proxies of our own every entry is the client's own words: then all clients share
 * one bucket per shop rather than letting a made-up header pick a fresh one.
 */
export function directClientAddress(request: Request, ownProxies: number = env().TRUSTED_PROXY_HOPS): string {
  return ownProxies === 0 ? "direct" : clientAddress(request, ownProxies - 1);
}
