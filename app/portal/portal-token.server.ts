// The portal's anti-CSRF token: app-proxy signatures cover the query string, not the body, and
// the storefront's cookies ride along with any cross-site form (DOMAIN.md §7). Every form the
// portal renders carries `_portal_token` = issue time + HMAC(app secret, shop, customer, time);
// a POST without a valid one for the same shop and customer is refused.
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "../env.server";
import { now } from "../lib/clock.server";

export const PORTAL_TOKEN_FIELD = "_portal_token";
const VALID_FOR_SECONDS = 12 * 60 * 60;

function mac(shopId: string, customerId: string, issuedAt: number): string {
  return createHmac("sha256", env().SHOPIFY_API_SECRET).update(`creator-portal.v1|${shopId}|${customerId}|${issuedAt}`).digest("base64url");
}

export function issuePortalToken(shopId: string, customerId: string): string {
  const issuedAt = Math.floor(now().getTime() / 1000);
  return `${issuedAt}.${mac(shopId, customerId, issuedAt)}`;
}

export function isValidPortalToken(token: unknown, shopId: string, customerId: string): boolean {
  if (typeof token !== "string") return false;
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return false;
  const issuedAt = Number(match[1]);
  const age = Math.floor(now().getTime() / 1000) - issuedAt;
  if (age < -60 || age > VALID_FOR_SECONDS) return false;
  const expected = Buffer.from(mac(shopId, customerId, issuedAt));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
