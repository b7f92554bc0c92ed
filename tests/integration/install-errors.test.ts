// Installing the app (token exchange, then the afterAuth hook reads the shop from the Admin API):
// when Shopify cannot answer or refuses, the merchant gets a page with a sentence, never a 5xx,
// and opening the app again finishes the install.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { startFakeShopifyAdmin, type FakeShopifyAdmin } from "../support/fake-shopify-admin";
import { adminFetch, DEFAULT_STAFF_USER } from "../support/shopify-session";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
let admin: FakeShopifyAdmin;

beforeAll(async () => {
  admin = await startFakeShopifyAdmin({
    accessToken: "shpat_test_offline_token",
    staff: { [String(DEFAULT_STAFF_USER.id)]: DEFAULT_STAFF_USER },
    shop: { name: "Trail Co", currencyCode: "EUR", ianaTimezone: "Europe/Berlin" },
  });
  process.env.SHOPIFY_ADMIN_API_ORIGIN = admin.origin;
  app = await startTestApp();
});
afterAll(async () => {
  delete process.env.SHOPIFY_ADMIN_API_ORIGIN;
  await app?.close();
  await admin?.close();
});

const newDomain = () => `${randomUUID()}.myshopify.com`;

describe("install when the Admin API fails", () => {
  it("answers a page with the sentence (not a 5xx) when Shopify cannot answer, then installs on the next open", async () => {
    const domain = newDomain();
    admin.inject({ kind: "status", status: 503 });
    const failed = await adminFetch(app.url, domain, "/app");
    expect(failed.status).toBeLessThan(500);
    const page = await failed.text();
    expect(page).toContain("Creator Payouts could not finish installing");
    expect(page).toContain("Shopify did not answer the request to read the store&#39;s name, currency and address");

    const opened = await adminFetch(app.url, domain, "/app");
    expect(opened.status).toBe(200);
    expect(await db().shop.findUniqueOrThrow({ where: { domain } })).toMatchObject({ name: "Trail Co", currency: "EUR" });
  });

  it("answers 403 with the sentence when Shopify refuses the app's access", async () => {
    const domain = newDomain();
    admin.inject({ kind: "status", status: 403 });
    const refused = await adminFetch(app.url, domain, "/app");
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("Shopify refused the app&#39;s access");
  });
});
