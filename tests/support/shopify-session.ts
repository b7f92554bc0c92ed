// Authenticates admin requests exactly as the embedded app is authenticated in Shopify: an
// offline session stored for the shop plus an App Bridge session token (an HS256 JWT signed with
// the app secret) on every request.
import { createHmac, randomUUID } from "node:crypto";
import { db } from "~/db.server";
import { TEST_SHOPIFY_API_KEY, TEST_SHOPIFY_API_SECRET } from "./test-app";

const base64url = (value: Buffer | string) => Buffer.from(value).toString("base64url");

export function sessionToken(shopDomain: string, userId = "42"): string {
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

/** Stores the offline session the Shopify library expects after installation. */
export async function installShopSession(shopDomain: string) {
  await db().session.upsert({
    where: { id: `offline_${shopDomain}` },
    create: {
      id: `offline_${shopDomain}`,
      shop: shopDomain,
      state: "",
      isOnline: false,
      scope: process.env.SCOPES ?? "read_orders,read_customers,read_discounts,read_products",
      accessToken: "shpat_test_offline_token",
    },
    update: {},
  });
}

/** fetch() as the embedded admin would call the app: with a fresh session token. */
export function adminFetch(baseUrl: string, shopDomain: string, path: string, init: RequestInit = {}) {
  const url = new URL(path, baseUrl);
  url.searchParams.set("shop", shopDomain);
  url.searchParams.set("embedded", "1");
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${sessionToken(shopDomain)}`);
  // The Shopify library answers bots (Node's own user agent among them) with 410 Gone.
  headers.set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36");
  return fetch(url, { ...init, headers, redirect: "manual" });
}
