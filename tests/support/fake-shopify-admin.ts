// A local stand-in for the Shopify Admin API (unreachable from tests): it answers the GraphQL
// queries the app sends and the OAuth token exchange (offline and online access tokens, the
// online one naming the staff user), in Shopify's wire format, and checks the access token.
// Every GraphQL request is first checked against Shopify's Admin schema for API 2026-04
// (tests/support/shopify-admin-schema.ts): an operation that does not validate is answered 400 with
// the errors AND recorded, and `close()` (which every test calls) then throws, so the test fails
// even where the app swallows the error. Valid operations are run with graphql-js `execute` over
// the fake's data, so the answer holds exactly the fields selected, in the schema's shapes.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { execute, type OperationDefinitionNode } from "graphql";
import { checkAdminOperation, adminSchema } from "./shopify-admin-schema";
import type { FakeStaffUser } from "./shopify-session";
import { answerDiscountOperation, type FakeDiscounts } from "./fake-shopify-discounts";
import { fakeWebPixels, webPixelRoots, type FakeWebPixels } from "./fake-shopify-pixels";
import { storeCreditRoots, type FakeStoreCredit } from "./fake-shopify-store-credit";
import { giftCardRoots, type FakeGiftCards } from "./fake-shopify-gift-cards";
import { flowPayloadProblems } from "./flow-trigger-extensions";
import { TEST_SHOPIFY_API_KEY, TEST_SHOPIFY_API_SECRET } from "./test-app";

const ONLINE_TOKEN_EXCHANGE = "urn:shopify:params:oauth:token-type:online-access-token";
const OFFLINE_TOKEN_EXCHANGE = "urn:shopify:params:oauth:token-type:offline-access-token";

/** The leaky bucket Shopify reports in `extensions.cost.throttleStatus` (a Standard plan's 100 points/s). */
const BUCKET = { maximumAvailable: 2000.0, restoreRate: 100.0 };

export interface InvalidAdminOperation {
  query: unknown;
  variables: unknown;
  errors: string[];
}

/**
 * What the next matching GraphQL requests get instead of their answer:
 * - `throttled`: HTTP 200 with Shopify's THROTTLED error and the cost extensions (data absent);
 *   `currentlyAvailable` / `restoreRate` shape the bucket the app computes its wait from;
 * - `status`: an HTTP error status (429 with Retry-After when given, or a 5xx).
 */
export type AdminInjection =
  | { kind: "throttled"; requestedQueryCost?: number; currentlyAvailable?: number; restoreRate?: number }
  | { kind: "status"; status: number; retryAfterSeconds?: number };

/**
 * Shopify Flow as the stand-in plays it: `flowTriggerReceive` is checked against the app's trigger
 * extensions (tests/support/flow-trigger-extensions.ts): an unknown handle or a payload that does
 * not match the declared fields is recorded as an invalid operation (the test fails at close) and
 * answered with userErrors, as Flow does. `refuseWith` plays a shop without Flow.
 */
export interface FakeFlow {
  /** Every trigger Flow accepted, in order. */
  received: { handle: string; payload: Record<string, unknown> }[];
  /** When set, every flowTriggerReceive is answered with this userError (and nothing is received). */
  refuseWith: string | null;
}

export interface FakeShopifyAdmin {
  origin: string;
  flow: FakeFlow;
  requests: { path: string; token: string | undefined; body: { query: string; variables?: Record<string, unknown> } }[];
  /** GraphQL requests that failed the 2026-04 schema check (each was answered 400). */
  invalidOperations: InvalidAdminOperation[];
  /** Throws, listing them, when any request failed the schema check. */
  assertNoInvalidOperations(): void;
  /**
   * The next `times` GraphQL requests get `injection` (after the schema check); with `matching`,
   * only requests whose query and variables (as JSON) match it: another test's job retried
   * meanwhile (a flow trigger, a look-up) does not use it up. See tests/support/mentioning.ts.
   */
  inject(injection: AdminInjection, times?: number, matching?: RegExp): void;
  /** Forgets every injection not used yet. */
  clearInjections(): void;
  /** Stops the server, then throws when any operation failed the schema check. */
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

/** Root fields a test adds or overrides: a value, or a function of the field's arguments. */
export type FakeAdminRoot = Record<string, unknown>;

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
   * What the `shop { name currencyCode ianaTimezone shopAddress { … } }` query answers (the app's
   * afterAuth hook asks). shopAddress is a ShopAddress (non-null in the Admin schema).
   */
  shop?: { name: string; currencyCode: string; ianaTimezone: string; shopAddress?: FakeShopAddress };
  /**
   * More query / mutation root fields (a mutation answers `{ …, userErrors: [{ field, message, code }] }`
   * as its payload type says). A root field the fake has no answer for is recorded as invalid.
   */
  query?: FakeAdminRoot;
  mutation?: FakeAdminRoot;
  /** The store's code discounts (tests/support/fake-shopify-discounts.ts). */
  discounts?: FakeDiscounts;
  /** The app's web pixel on the store (tests/support/fake-shopify-pixels.ts); a fresh, empty one by default. */
  pixels?: FakeWebPixels;
  /** The scopes the token exchange grants (default: the read scopes, none of the write ones). */
  grantedScopes?: string;
  /** The store's primary domain host (`shop { primaryDomain { host } }`). */
  primaryDomainHost?: string;
  /** The store's customers and store credit (tests/support/fake-shopify-store-credit.ts). */
  storeCredit?: FakeStoreCredit;
  /** The store's gift cards (tests/support/fake-shopify-gift-cards.ts). */
  giftCards?: FakeGiftCards;
}): Promise<FakeShopifyAdmin> {
  const requests: FakeShopifyAdmin["requests"] = [];
  const invalidOperations: InvalidAdminOperation[] = [];
  const injections: { injection: AdminInjection; matching?: RegExp }[] = [];
  const onlineTokens = new Set<string>();
  adminSchema(); // built before the first request, so no request waits on it

  const { shopAddress = NO_ADDRESS, ...shopFields } = options.shop ?? { name: "Fake shop", currencyCode: "USD", ianaTimezone: "UTC" };
  // `formatted(withCompany:)` is a field with an argument: graphql-js calls a function value.
  const address = { ...shopAddress, formatted: () => shopAddress.formatted };
  const pixels = webPixelRoots(options.pixels ?? fakeWebPixels());
  const primaryDomain = { host: options.primaryDomainHost ?? "shop.example.com" };
  const storeCredit = options.storeCredit ? storeCreditRoots(options.storeCredit) : null;
  const giftCards = options.giftCards ? giftCardRoots(options.giftCards) : null;
  const queryRoot: FakeAdminRoot = {
    ...pixels.query,
    shop: { ...shopFields, shopAddress: address, primaryDomain, ...storeCredit?.shopFields(), ...giftCards?.shopFields() },
    customer: ({ id }: { id: string }) => {
      const customer = options.customers?.[id.split("/").pop()!];
      if (!customer) return null;
      const email = customer.email ? { emailAddress: customer.email } : null;
      return { id, defaultEmailAddress: email, firstName: customer.firstName ?? null, lastName: customer.lastName ?? null };
    },
    nodes: ({ ids }: { ids: string[] }) =>
      ids.map((gid) => {
        const collections = options.productCollections?.[gid.split("/").pop()!];
        if (!collections || !gid.startsWith("gid://shopify/Product/")) return null;
        return {
          __typename: "Product",
          id: gid,
          collections: { nodes: collections.map((c) => ({ id: `gid://shopify/Collection/${c}` })) },
        };
      }),
    ...storeCredit?.query,
    ...giftCards?.query,
    ...options.query,
  };
  const flow: FakeFlow = { received: [], refuseWith: null };
  const mutationRoot: FakeAdminRoot = {
    flowTriggerReceive: ({ handle, payload }: { handle?: string; payload?: unknown }, context: { query: unknown; variables: unknown }) => {
      const problems = flowPayloadProblems(handle, payload);
      if (problems.length > 0) {
        invalidOperations.push({ query: context.query, variables: context.variables, errors: problems.map((p) => `Flow payload: ${p}`) });
        return { userErrors: problems.map((message) => ({ field: ["payload"], message })) };
      }
      if (flow.refuseWith) return { userErrors: [{ field: null, message: flow.refuseWith }] };
      flow.received.push({ handle: handle!, payload: payload as Record<string, unknown> });
      return { userErrors: [] };
    },
    ...pixels.mutation,
    ...storeCredit?.mutation,
    ...giftCards?.mutation,
    ...options.mutation,
  };

  async function answerGraphql(
    body: Record<string, unknown>,
  ): Promise<{ status: number; body: unknown; headers?: Record<string, string>; drop?: boolean }> {
    const check = checkAdminOperation(body.query, body.variables, body.operationName);
    if (!check.ok) {
      invalidOperations.push({ query: body.query, variables: body.variables, errors: check.errors });
      return { status: 400, body: { errors: check.errors.map((message) => ({ message })) } };
    }
    const discountAnswer = answerDiscountOperation(body, options.discounts);
    if (discountAnswer) return { status: 200, body: discountAnswer };
    const requestedQueryCost = costOf(check.operation);
    const text = JSON.stringify({ query: body.query, variables: body.variables });
    const index = injections.findIndex((candidate) => candidate.matching === undefined || candidate.matching.test(text));
    const injection = index >= 0 ? injections.splice(index, 1)[0]!.injection : undefined;
    if (injection?.kind === "status") {
      const headers: Record<string, string> = injection.retryAfterSeconds ? { "Retry-After": String(injection.retryAfterSeconds) } : {};
      return {
        status: injection.status,
        headers,
        body: {
          errors:
            injection.status === 429
              ? "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."
              : "Internal Server Error",
        },
      };
    }
    if (injection?.kind === "throttled") {
      // Shopify's answer when the bucket holds less than the query costs: no data, actualQueryCost null.
      return {
        status: 200,
        body: {
          errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
          extensions: {
            cost: {
              requestedQueryCost: injection.requestedQueryCost ?? requestedQueryCost,
              actualQueryCost: null,
              throttleStatus: {
                maximumAvailable: BUCKET.maximumAvailable,
                currentlyAvailable: injection.currentlyAvailable ?? 0,
                restoreRate: injection.restoreRate ?? BUCKET.restoreRate,
              },
            },
          },
        },
      };
    }
    const root = check.operation.operation === "mutation" ? mutationRoot : queryRoot;
    const unanswered = rootFieldsOf(check.operation).filter((name) => !(name in root));
    if (unanswered.length > 0) {
      const errors = unanswered.map(
        (name) =>
          `the Admin API stand-in has no answer for ${check.operation.operation} field "${name}": add it to startFakeShopifyAdmin's options`,
      );
      invalidOperations.push({ query: body.query, variables: body.variables, errors });
      return { status: 400, body: { errors: errors.map((message) => ({ message })) } };
    }
    const result = await execute({
      schema: adminSchema(),
      document: check.document,
      operationName: check.operation.name?.value,
      rootValue: root,
      contextValue: { query: body.query, variables: body.variables },
      variableValues: check.variables,
    });
    if (result.errors?.length) {
      // The fake's own data does not fit the schema (a non-null field left null, a bad enum value).
      const errors = result.errors.map((error) => `the Admin API stand-in's answer does not fit the schema: ${error.message}`);
      invalidOperations.push({ query: body.query, variables: body.variables, errors });
      return { status: 400, body: { errors: errors.map((message) => ({ message })) } };
    }
    if (options.storeCredit && options.storeCredit.dropAnswers > 0 && rootFieldsOf(check.operation).includes("storeCreditAccountCredit")) {
      // The credit was made; the answer never arrives (the connection closes first).
      options.storeCredit.dropAnswers -= 1;
      return { status: 0, body: null, drop: true };
    }
    if (options.giftCards && options.giftCards.dropAnswers > 0 && rootFieldsOf(check.operation).includes("giftCardCreate")) {
      // The card was made; the answer (with its code) never arrives.
      options.giftCards.dropAnswers -= 1;
      return { status: 0, body: null, drop: true };
    }
    const cost = {
      requestedQueryCost,
      actualQueryCost: requestedQueryCost,
      throttleStatus: { ...BUCKET, currentlyAvailable: BUCKET.maximumAvailable - requestedQueryCost },
    };
    return { status: 200, body: { data: result.data, extensions: { cost } } };
  }

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
    const answer = await answerGraphql(body);
    if (answer.drop) return void req.socket.destroy();
    res.statusCode = answer.status;
    for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
    res.end(JSON.stringify(answer.body));
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
        body: {
          access_token: options.accessToken,
          scope: options.grantedScopes ?? "read_orders,read_customers,read_discounts,read_products",
          ...expiring,
        },
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
          scope: options.grantedScopes ?? "read_orders,read_customers,read_discounts,read_products",
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
  const assertNoInvalidOperations = () => {
    if (invalidOperations.length === 0) return;
    const list = invalidOperations
      .map((op) => `- ${op.errors.join("; ")}\n  in: ${String(op.query).replace(/\s+/g, " ").trim()}`)
      .join("\n");
    throw new Error(
      `The app sent ${invalidOperations.length} Admin API operation(s) that fail Shopify's 2026-04 schema (or that the stand-in cannot answer):\n${list}`,
    );
  };
  return {
    origin: `http://127.0.0.1:${port}`,
    flow,
    requests,
    invalidOperations,
    assertNoInvalidOperations,
    inject(injection, times = 1, matching) {
      for (let i = 0; i < times; i++) injections.push({ injection, matching });
    },
    clearInjections() {
      injections.length = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      assertNoInvalidOperations();
    },
  };
}

/** The top-level field names an operation selects (fragments on the root type included). */
function rootFieldsOf(operation: OperationDefinitionNode): string[] {
  const names: string[] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind === "Field" && selection.name.value !== "__typename") names.push(selection.name.value);
    if (selection.kind === "InlineFragment") names.push(...rootFieldsOf({ ...operation, selectionSet: selection.selectionSet }));
  }
  return names;
}

/**
 * A rough requested cost (Shopify: 1 per object, 10 per mutation, connections by `first`); enough
 * for the cost extensions to look like Shopify's, not a model of Shopify's calculator.
 */
function costOf(operation: OperationDefinitionNode): number {
  return operation.operation === "mutation" ? 10 : 1 + rootFieldsOf(operation).length;
}
