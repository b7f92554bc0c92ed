// The app proxy's signature, checked here rather than by `authenticate.public.appProxy`, which also
// loads the offline session from the database on every request (the portal reads it from its
// per-instance cache: app/shops/shop-cache.server.ts) and signs through WebCrypto's asynchronous
// HMAC (about a millisecond a request under load, against microseconds for node:crypto's).
// Same rules as shopify-api 15's `validateHmac({signator: "appProxy"})` (held to it by a property
// test): parameters sorted by name (localeCompare), written `key=value` with repeated values joined
// by commas, `signature` and `hmac` left out, HMAC-SHA256 hex compared in constant time; `shop`,
// `timestamp`, `signature` and `hmac` at most once; the timestamp an integer within 90 seconds.
import { createHmac, timingSafeEqual } from "node:crypto";

const SINGLE_VALUE_PARAMS = new Set(["hmac", "shop", "signature", "timestamp"]);
const TIMESTAMP_TOLERANCE_SECONDS = 90;

/** True when `searchParams` carry a valid signature made with `secret` and a timestamp within 90 s of `nowSeconds`. */
export function hasValidAppProxySignature(searchParams: URLSearchParams, secret: string, nowSeconds: number): boolean {
  const query = new Map<string, string>();
  for (const [key, value] of searchParams) {
    const existing = query.get(key);
    if (existing === undefined) query.set(key, value);
    else if (SINGLE_VALUE_PARAMS.has(key)) return false;
    else query.set(key, `${existing},${value}`);
  }
  const signature = query.get("signature");
  const timestamp = Number(query.get("timestamp"));
  if (!signature || !query.has("timestamp") || !Number.isInteger(timestamp)) return false;
  if (Math.abs(nowSeconds - timestamp) > TIMESTAMP_TOLERANCE_SECONDS) return false;
  query.delete("signature");
  query.delete("hmac");
  const message = [...query.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`)
    .join("");
  const expected = Buffer.from(createHmac("sha256", secret).update(message).digest("hex"));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
