// Authenticates admin requests exactly as the embedded app is authenticated in Shopify: the
// shop's offline session (background work) and a staff user's online session (who acts) stored
// as token exchange leaves them, plus an App Bridge session token (an HS256 JWT signed with the
// app secret, `sub` = the staff user id) on every request.
import { createHmac, randomUUID } from "node:crypto";
import { db } from "~/db.server";
import { TEST_SHOPIFY_API_KEY, TEST_SHOPIFY_API_SECRET } from "./test-app";

const base64url = (value: Buffer | string) => Buffer.from(value).toString("base64url");

/** A staff member as Shopify's online token exchange describes them (`associated_user`). */
export interface FakeStaffUser {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  account_owner?: boolean;
  locale?: string;
  collaborator?: boolean;
  email_verified?: boolean;
}

/** Who the admin requests of most tests come from (installShopSession stores their online session). */
export const DEFAULT_STAFF_USER: FakeStaffUser = {
  id: 42,
  first_name: "Mia",
  last_name: "Staff",
  email: "mia.staff@shop.test",
};

export function sessionToken(shopDomain: string, userId = String(DEFAULT_STAFF_USER.id)): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = base64url(
    JSON.stringify({
      iss: `https://${shopDomain}/admin`,
      dest: `https://${shopDomain}`,
      aud: TEST_SHOPIFY_API_KEY,
      sub: userId,
      exp: now + 60,
      nbf: now - 5,
      iat: now - 5,
      jti: randomUUID(),
      sid: randomUUID(),
    }),
  );
  const signature = createHmac("sha256", TEST_SHOPIFY_API_SECRET).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

const scope = () => process.env.SCOPES ?? "read_orders,read_customers,read_discounts,read_products";

/**
 * Stores the sessions the Shopify library expects after installation: the offline one, and the
 * online one of DEFAULT_STAFF_USER (so their requests need no token exchange).
 */
export async function installShopSession(shopDomain: string) {
  await db().session.upsert({
    where: { id: `offline_${shopDomain}` },
    create: {
      id: `offline_${shopDomain}`,
      shop: shopDomain,
      state: "",
      isOnline: false,
      scope: scope(),
      accessToken: "shpat_test_offline_token",
    },
    update: {},
  });
  await installStaffSession(shopDomain, DEFAULT_STAFF_USER);
}

/** Stores `user`'s online session as token exchange leaves it, so adminFetch(..., String(user.id)) acts as them. */
export async function installStaffSession(shopDomain: string, user: FakeStaffUser) {
  await db().session.upsert({
    where: { id: `${shopDomain}_${user.id}` },
    create: {
      id: `${shopDomain}_${user.id}`,
      shop: shopDomain,
      state: "",
      isOnline: true,
      scope: scope(),
      accessToken: "shpua_test_online_token",
      expires: new Date(Date.now() + 24 * 3600_000),
      userId: BigInt(user.id),
      firstName: user.first_name,
      lastName: user.last_name,
      email: user.email,
      accountOwner: user.account_owner ?? false,
      locale: user.locale ?? "en",
      collaborator: user.collaborator ?? false,
      emailVerified: user.email_verified ?? true,
    },
    update: {},
  });
}

/** fetch() as the embedded admin would call the app: with a fresh session token of `staffUserId`. */
export function adminFetch(
  baseUrl: string,
  shopDomain: string,
  path: string,
  init: RequestInit = {},
  staffUserId = String(DEFAULT_STAFF_USER.id),
) {
  const url = new URL(path, baseUrl);
  url.searchParams.set("shop", shopDomain);
  url.searchParams.set("embedded", "1");
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${sessionToken(shopDomain, staffUserId)}`);
  // The Shopify library answers bots (Node's own user agent among them) with 410 Gone.
  headers.set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36");
  return fetch(url, { ...init, headers, redirect: "manual" });
}
