// Creator onboarding over HTTP: the creator page shows the signed link; opening it creates one
// Express account (transfers capability; recipient agreement across borders) and redirects to a
// fresh account link; the return page re-reads the account; expired or forged links explain.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createCreator } from "~/payouts/payouts.testkit";
import { signOnboardingToken } from "~/stripe/onboarding-token";
import type { FakeStripe } from "../support/fake-stripe";
import { proxyFetch } from "../support/app-proxy";
import { adminFetch } from "../support/shopify-session";
import { createStripeShop, startStripeTestApp, stopStripeTestApp } from "../support/stripe-fixtures";
import { TEST_SHOPIFY_API_SECRET, type TestApp } from "../support/test-app";

let app: TestApp;
let fake: FakeStripe;

beforeAll(async () => ({ app, fake } = await startStripeTestApp()));
afterAll(() => stopStripeTestApp({ app, fake }));

async function setup(taxCountry?: string) {
  const shop = await createStripeShop();
  const creator = await createCreator(shop.id, "Ava Ames");
  if (taxCountry) await db().creator.update({ where: { id: creator.id }, data: { taxCountry } });
  const page = await (await adminFetch(app.url, shop.domain, `/app/creators/${creator.id}`)).text();
  const link = /https:\/\/creator-payouts\.test(\/stripe\/onboarding\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(page)?.[1];
  return { shop, creator, page, path: link! };
}

const open = (path: string) => fetch(new URL(path, app.url), { redirect: "manual" });

describe("creator onboarding with Stripe", () => {
  it("is offered in the creator portal until the creator's transfers are active, and the portal's link opens Stripe", async () => {
    const { shop, creator } = await setup();
    await db().creator.update({ where: { id: creator.id }, data: { shopifyCustomerId: "7200001" } });
    const portal = async () => (await proxyFetch(app.url, "/portal?locale=en", { shop: shop.domain, customerId: "7200001" })).text();
    const before = await portal();
    const link = /href="https:\/\/creator-payouts\.test(\/stripe\/onboarding\/[A-Za-z0-9_.-]+)"/.exec(before)?.[1];
    expect(before).toContain("Set up payouts with Stripe");
    expect(link).toBeTruthy();
    const opened = await open(link!);
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toMatch(/^https:\/\/connect\.stripe\.test\/setup\/e\/acct_/);

    await db().creator.update({ where: { id: creator.id }, data: { stripeTransfersActive: true } });
    const after = await portal();
    expect(after).not.toContain("Set up payouts with Stripe");
    expect(after).toContain("Stripe payouts are set up.");
  });

  it("is not offered in the portal when the shop has no Stripe connection", async () => {
    const { shop, creator } = await setup();
    await db().shop.update({ where: { id: shop.id }, data: { stripeSecretKeyCiphertext: null } });
    await db().creator.update({ where: { id: creator.id }, data: { shopifyCustomerId: "7200002" } });
    const portal = await (await proxyFetch(app.url, "/portal?locale=en", { shop: shop.domain, customerId: "7200002" })).text();
    expect(portal).toContain("Payout method");
    expect(portal).not.toContain("/stripe/onboarding/");
  });

  it("creates one Express account, redirects to a fresh account link each time, and re-reads it on return", async () => {
    const { creator, page, path } = await setup();
    expect(page).toContain("Copy Stripe onboarding link");
    expect(page).toContain("Not onboarded with Stripe yet.");
    expect(path).toBeTruthy();

    const first = await open(path);
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toMatch(/^https:\/\/connect\.stripe\.test\/setup\/e\/acct_/);
    const stored = await db().creator.findUniqueOrThrow({ where: { id: creator.id } });
    expect(stored).toMatchObject({ payoutMethod: "stripe", payoutDetailsStatus: "pending" });
    expect(fake.accountCreateParams.at(-1)).toMatchObject({ type: "express", capabilities: { transfers: { requested: "true" } }, metadata: { creator_id: creator.id } });
    expect(fake.accountCreateParams.at(-1)).not.toHaveProperty("tos_acceptance");

    const again = await open(path);
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).not.toBe(first.headers.get("location"));
    expect(again.headers.get("location")).toContain(stored.stripeAccountId!);
    expect((await db().creator.findUniqueOrThrow({ where: { id: creator.id } })).stripeAccountId).toBe(stored.stripeAccountId);

    const notYet = await (await open(`${path}/return`)).text();
    expect(notYet).toContain("Almost there");
    fake.activateAccount(stored.stripeAccountId!);
    const done = await open(`${path}/return`);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("You can close this tab and go back to the store.");
    expect(await db().creator.findUniqueOrThrow({ where: { id: creator.id } })).toMatchObject({ payoutDetailsStatus: "complete", stripeTransfersActive: true });
  });

  it("uses the recipient service agreement for a creator in another country than the platform", async () => {
    const { path } = await setup("DE");
    expect((await open(path)).status).toBe(303);
    expect(fake.accountCreateParams.at(-1)).toMatchObject({ country: "DE", tos_acceptance: { service_agreement: "recipient" } });
  });

  it("explains an expired or forged link and creates nothing", async () => {
    const { shop, creator } = await setup();
    const before = fake.accountCreateParams.length;
    const expired = signOnboardingToken({ shopId: shop.id, creatorId: creator.id, expiresAt: Math.floor(Date.now() / 1000) - 1 }, TEST_SHOPIFY_API_SECRET);
    const expiredAnswer = await open(`/stripe/onboarding/${expired}`);
    expect(expiredAnswer.status).toBe(410);
    expect(await expiredAnswer.text()).toContain("This Stripe onboarding link has expired");
    const forged = signOnboardingToken({ shopId: shop.id, creatorId: creator.id, expiresAt: 4_000_000_000 }, "not-the-app-secret");
    const forgedAnswer = await open(`/stripe/onboarding/${forged}`);
    expect(forgedAnswer.status).toBe(400);
    expect(await forgedAnswer.text()).toContain("is not valid");
    await db().shop.update({ where: { id: shop.id }, data: { stripeSecretKeyCiphertext: null } });
    const valid = signOnboardingToken({ shopId: shop.id, creatorId: creator.id, expiresAt: 4_000_000_000 }, TEST_SHOPIFY_API_SECRET);
    const notConnected = await open(`/stripe/onboarding/${valid}`);
    expect(notConnected.status).toBe(503);
    expect(await notConnected.text()).toContain("not set up to pay with Stripe");
    expect(fake.accountCreateParams.length).toBe(before);
    expect((await db().creator.findUniqueOrThrow({ where: { id: creator.id } })).stripeAccountId).toBeNull();
  });
});
