// The Admin API stand-in is held to Shopify's 2026-04 schema, and the app's one door to the Admin
// API (adminGraphql) retries throttled answers with backoff and turns refusals into DomainErrors.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { statusOfDomainError } from "~/http/domain-error-status";
import { ADMIN_GRAPHQL_ATTEMPTS, adminGraphql, throttleWaitMs } from "~/lib/shopify-admin-graphql.server";
import { startFakeShopifyAdmin, type FakeShopifyAdmin } from "../support/fake-shopify-admin";
import { checkAdminOperation } from "../support/shopify-admin-schema";

const TOKEN = "shpat_stand_in_token";
const SHOP = "stand-in.myshopify.com";
const CUSTOMER_QUERY = `query PortalCustomer($id: ID!) { customer(id: $id) { id defaultEmailAddress { emailAddress } firstName } }`;

const errorsOf = (query: string, variables?: unknown) => {
  const check = checkAdminOperation(query, variables);
  return check.ok ? [] : check.errors;
};

async function post(admin: FakeShopifyAdmin, body: unknown) {
  const response = await fetch(`${admin.origin}/admin/api/2026-04/graphql.json`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": TOKEN },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("the Admin API stand-in checks every operation against Shopify's 2026-04 schema", () => {
  it("names a misspelled field, a deprecated field, a missing argument and a variable of the wrong type", () => {
    expect(errorsOf(`query { shop { nmae } }`)).toEqual(['Cannot query field "nmae" on type "Shop". Did you mean "name"?']);
    expect(errorsOf(`query { customer(id: "gid://shopify/Customer/1") { email } }`)).toEqual([
      "The field Customer.email is deprecated. Use `defaultEmailAddress.emailAddress` instead.",
    ]);
    expect(errorsOf(`query { shop { shopAddress { formatted } } }`)).toEqual([]);
    expect(errorsOf(`query { customer { id } }`)).toEqual([expect.stringMatching(/argument "id" of type "ID!" is required/)]);
    expect(errorsOf(`query Q($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [null] })).toEqual([
      expect.stringMatching(/\$ids.*non-null/i),
    ]);
    expect(errorsOf(`mutation { discountCodeBasicCreate(basicCodeDiscount: { title: "X" }) { userErrors { field message } } }`)).toEqual(
      [],
    );
  });

  it("answers an invalid operation 400 with the errors, and fails the test when it closes", async () => {
    const admin = await startFakeShopifyAdmin({ accessToken: TOKEN });
    const answer = await post(admin, { query: `query { shop { nmae } }` });
    expect(answer).toEqual({
      status: 400,
      body: { errors: [{ message: 'Cannot query field "nmae" on type "Shop". Did you mean "name"?' }] },
    });
    expect(() => admin.assertNoInvalidOperations()).toThrow(/1 Admin API operation\(s\) that fail Shopify's 2026-04 schema/);
    await expect(admin.close()).rejects.toThrow(/nmae/);
  });

  it("answers valid operations with exactly the fields selected, and Shopify's cost extensions", async () => {
    const admin = await startFakeShopifyAdmin({ accessToken: TOKEN, customers: { "42": { email: "ana@example.com", firstName: "Ana" } } });
    try {
      const answer = await post(admin, { query: CUSTOMER_QUERY, variables: { id: "gid://shopify/Customer/42" } });
      expect(answer.status).toBe(200);
      expect(answer.body.data).toEqual({
        customer: { id: "gid://shopify/Customer/42", defaultEmailAddress: { emailAddress: "ana@example.com" }, firstName: "Ana" },
      });
      expect(answer.body.extensions).toMatchObject({
        cost: {
          requestedQueryCost: expect.any(Number),
          actualQueryCost: expect.any(Number),
          throttleStatus: { maximumAvailable: 2000, currentlyAvailable: expect.any(Number), restoreRate: 100 },
        },
      });
    } finally {
      await admin.close();
    }
  });

  it("answers a mutation's userErrors in the payload shape the schema gives", async () => {
    const admin = await startFakeShopifyAdmin({
      accessToken: TOKEN,
      mutation: {
        discountCodeBasicCreate: () => ({
          codeDiscountNode: null,
          userErrors: [{ field: ["basicCodeDiscount", "code"], message: "Code must be unique.", code: "TAKEN" }],
        }),
      },
    });
    try {
      const answer = await post(admin, {
        query: `mutation Create($d: DiscountCodeBasicInput!) { discountCodeBasicCreate(basicCodeDiscount: $d) { codeDiscountNode { id } userErrors { field message code } } }`,
        variables: { d: { title: "MAYA10", code: "MAYA10" } },
      });
      expect(answer.body.data).toEqual({
        discountCodeBasicCreate: {
          codeDiscountNode: null,
          userErrors: [{ field: ["basicCodeDiscount", "code"], message: "Code must be unique.", code: "TAKEN" }],
        },
      });
    } finally {
      await admin.close();
    }
  });
});

describe("adminGraphql, the app's one door to the Admin API", () => {
  let admin: FakeShopifyAdmin;
  beforeAll(async () => {
    admin = await startFakeShopifyAdmin({ accessToken: TOKEN, customers: { "42": { email: "ana@example.com", firstName: "Ana" } } });
    process.env.SHOPIFY_ADMIN_API_ORIGIN = admin.origin;
  });
  afterEach(() => {
    admin.requests.length = 0;
  });
  afterAll(async () => {
    delete process.env.SHOPIFY_ADMIN_API_ORIGIN;
    await admin?.close();
  });
  const readCustomer = (accessToken = TOKEN) =>
    adminGraphql<{ customer: unknown }>({ shopDomain: SHOP, accessToken }, CUSTOMER_QUERY, {
      purpose: "read the customer",
      variables: { id: "gid://shopify/Customer/42" },
    });

  it("waits as long as the bucket needs (missing points over the restore rate), capped", () => {
    expect(throttleWaitMs({ requestedQueryCost: 752, throttleStatus: { currentlyAvailable: 666, restoreRate: 50 } }, 1)).toBe(1720);
    expect(throttleWaitMs({ requestedQueryCost: 1000, throttleStatus: { currentlyAvailable: 0, restoreRate: 50 } }, 1)).toBe(2000);
    expect([1, 2, 3].map((attempt) => throttleWaitMs(undefined, attempt))).toEqual([500, 1000, 2000]);
  });

  it("retries a THROTTLED answer after the bucket's wait and returns the data", async () => {
    // 20 points missing at 100 points a second: 200 ms before each retry.
    admin.inject({ kind: "throttled", requestedQueryCost: 20, currentlyAvailable: 0, restoreRate: 100 }, 2);
    const started = Date.now();
    expect(await readCustomer()).toEqual({
      customer: { id: "gid://shopify/Customer/42", defaultEmailAddress: { emailAddress: "ana@example.com" }, firstName: "Ana" },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    expect(admin.requests).toHaveLength(3);
  });

  it("retries an HTTP 429 after its Retry-After", async () => {
    admin.inject({ kind: "status", status: 429, retryAfterSeconds: 0.1 });
    expect(await readCustomer()).toMatchObject({ customer: { id: "gid://shopify/Customer/42" } });
    expect(admin.requests).toHaveLength(2);
  });

  it(`gives up after ${ADMIN_GRAPHQL_ATTEMPTS} throttled tries with a sentence, never a 500`, async () => {
    admin.inject({ kind: "throttled", requestedQueryCost: 1, currentlyAvailable: 0, restoreRate: 1000 }, ADMIN_GRAPHQL_ATTEMPTS);
    const error = await readCustomer().catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "DomainError",
      code: "shopify_throttled",
      message: "Shopify is limiting this store's API requests right now, so the app could not read the customer. Try again in a minute.",
    });
    expect(statusOfDomainError("shopify_throttled")).toBe(503);
    expect(admin.requests).toHaveLength(ADMIN_GRAPHQL_ATTEMPTS);
  });

  it("turns a refused token and a failed request into DomainErrors with their own statuses", async () => {
    await expect(readCustomer("shpat_wrong")).rejects.toMatchObject({
      code: "shopify_access_denied",
      message: expect.stringMatching(/refused the app's access/),
    });
    expect(statusOfDomainError("shopify_access_denied")).toBe(403);
    admin.inject({ kind: "status", status: 502 });
    await expect(readCustomer()).rejects.toMatchObject({
      code: "shopify_request_failed",
      message: "Shopify did not answer the request to read the customer: Internal Server Error. Try again in a moment.",
    });
    expect(statusOfDomainError("shopify_request_failed")).toBe(503);
  });
});
