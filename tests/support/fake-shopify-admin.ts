// A local stand-in for the Shopify Admin API (unreachable from tests): it answers the GraphQL
// queries the app sends and the OAuth token exchange (offline and online access tokens, the
// online one naming the staff user), in Shopify's wire format, and checks the access token.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { FakeStaffUser } from "./shopify-session";
import { answerDiscountOperation, type FakeDiscounts } from "./fake-shopify-discounts";
import { TEST_SHOPIFY_API_KEY, TEST_SHOPIFY_API_SECRET } from "./test-app";

const ONLINE_TOKEN_EXCHANGE = "urn:shopify:params:oauth:token-type:online-access-token";
const OFFLINE_TOKEN_EXCHANGE = "urn:shopify:params:oauth:token-type:offline-access-token";

export interface FakeShopifyAdmin {
  origin: string;
  requests: { path: string; token: string | undefined; body: { query: string; variables?: Record<string, unknown> } }[];
  close(): Promise<void>;
}

export interface FakeCustomer {
  email: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

/** The ShopAddress fields the app reads; `formatted` as Shopify formats it with `withCompany: false`. */
export interface FakeShopAddress {
  company: string | null;
  countryCodeV2: string | null;
  formatted: string[];
}

const NO_ADDRESS: FakeShopAddress = { company: null, countryCodeV2: null, formatted: [] };

export async function startFakeShopifyAdmin(options: {
  accessToken: string;
  productCollections?: Record<string, string[]>;
  /** Answers `customer(id:)` queries, by numeric customer id (unknown id → null, as Shopify does). */
  customers?: Record<string, FakeCustomer>;
  /**
   * Staff users by id (the session token's `sub`): the token exchange answers an online access
   * token request with the user as `associated_user`. An unknown user → 400 invalid_subject_token.
   */
  staff?: Record<string, FakeStaffUser>;
  /**
   * What the `shop { name currencyCode ianaTimezone billingAddress { … } }` query answers (the
   * app's afterAuth hook asks). billingAddress is a ShopAddress (non-null in the Admin schema).
   */
  shop?: { name: string; currencyCode: string; ianaTimezone: string; billingAddress?: FakeShopAddress };
  /** The store's code discounts (tests/support/fake-shopify-discounts.ts). */
  discounts?: FakeDiscounts;
}): Promise<FakeShopifyAdmin> {
  const requests: FakeShopifyAdmin["requests"] = [];
  const onlineTokens = new Set<string>();
  const server = http.createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const body = JSON.parse(raw || "{}");
    const token = req.headers["x-shopify-access-token"] as string | undefined;
    requests.push({ path: req.url ?? "", token, body });
    res.setHeader("Content-Type", "application/json");
    if (req.url === "/admin/oauth/access_token" && req.method === "POST") {
      const answer = tokenExchange(body);
      res.statusCode = answer.status;
      return res.end(JSON.stringify(answer.body));
    }
    if (token !== options.accessToken && !(token && onlineTokens.has(token))) {
      res.statusCode = 401;
      return res.end(JSON.stringify({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" }));
    }
    if (!/^\/admin\/api\/\d{4}-\d{2}\/graphql\.json$/.test(req.url ?? "")) {
      res.statusCode = 404;
      return res.end(JSON.stringify({ errors: "Not Found" }));
    }
    const discountAnswer = answerDiscountOperation(body, options.discounts);
    if (discountAnswer) return res.end(JSON.stringify(discountAnswer));
    if (/\bcustomer\(id:/.test(body.query ?? "")) {
      const gid = String(body.variables?.id ?? "");
      const customer = options.customers?.[gid.split("/").pop()!];
      const node = customer
        ? { id: gid, email: customer.email, firstName: customer.firstName ?? null, lastName: customer.lastName ?? null }
        : null;
      return res.end(JSON.stringify({ data: { customer: node }, extensions: { cost: { requestedQueryCost: 1 } } }));
    }
    if (/\bshop\s*\{/.test(body.query ?? "")) {
      const { billingAddress = NO_ADDRESS, ...shop } = options.shop ?? { name: "Fake shop", currencyCode: "USD", ianaTimezone: "UTC" };
      // Like Shopify, answer only the fields the query selects (billingAddress only when asked).
      const answer = /\bbillingAddress\s*\{/.test(body.query) ? { ...shop, billingAddress } : shop;
      return res.end(JSON.stringify({ data: { shop: answer }, extensions: { cost: { requestedQueryCost: 1 } } }));
    }
    const ids = (body.variables?.ids ?? []) as string[];
    const nodes = ids.map((gid) => {
      const id = gid.split("/").pop()!;
      const collections = options.productCollections?.[id];
      return collections ? { id: gid, collections: { nodes: collections.map((c) => ({ id: `gid://shopify/Collection/${c}` })) } } : null;
    });
    res.end(JSON.stringify({ data: { nodes }, extensions: { cost: { requestedQueryCost: ids.length + 1 } } }));
  });
  /** POST /admin/oauth/access_token with grant_type token-exchange (shopify.dev "Exchange a session token"). */
  function tokenExchange(body: Record<string, string>): { status: number; body: unknown } {
    if (body.client_id !== TEST_SHOPIFY_API_KEY || body.client_secret !== TEST_SHOPIFY_API_SECRET) {
      return { status: 401, body: { error: "invalid_client" } };
    }
    const invalid = { status: 400, body: { error: "invalid_subject_token", error_description: "Session token is invalid." } };
    const parts = String(body.subject_token ?? "").split(".");
    if (parts.length !== 3) return invalid;
    let sub: string;
    try {
      sub = String(JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")).sub);
    } catch {
      return invalid;
    }
    if (body.requested_token_type === OFFLINE_TOKEN_EXCHANGE) {
      const expiring =
        body.expiring === "1" ? { expires_in: 3600, refresh_token: "shprt_test_refresh", refresh_token_expires_in: 7_776_000 } : {};
      return {
        status: 200,
        body: { access_token: options.accessToken, scope: "read_orders,read_customers,read_discounts,read_products", ...expiring },
      };
    }
    if (body.requested_token_type === ONLINE_TOKEN_EXCHANGE) {
      const user = options.staff?.[sub];
      if (!user) return invalid;
      const accessToken = `shpua_test_online_${sub}`;
      onlineTokens.add(accessToken);
      return {
        status: 200,
        body: {
          access_token: accessToken,
          scope: "read_orders,read_customers,read_discounts,read_products",
          expires_in: 86_399,
          associated_user_scope: "read_orders,read_customers,read_discounts,read_products",
          associated_user: { account_owner: false, locale: "en", collaborator: false, email_verified: true, ...user },
        },
      };
    }
    return { status: 400, body: { error: "invalid_request" } };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
