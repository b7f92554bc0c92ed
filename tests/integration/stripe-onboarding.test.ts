// Creator onboarding over HTTP: the merchant creates a signed link on the creator page; opening it
// creates one Express account (transfers capability; recipient agreement across borders) and
// redirects to a fresh account link; the return page re-reads the account; expired, forged,
// replaced or revoked links explain themselves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createCreator } from "../support/factories";
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
  const { page, path } = await creatorPageAction(shop.domain, creator.id, "issue_onboarding_link");
  return { shop, creator, page, path: path! };
}

const LINK = /https:\/\/creator-payouts\.test(\/stripe\/onboarding\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/;

/** The merchant's button on the creator page; answers the re-rendered page and the link it shows. */
async function creatorPageAction(shopDomain: string, creatorId: string, intent: "issue_onboarding_link" | "revoke_onboarding_link") {
  const response = await adminFetch(app.url, shopDomain, `/app/creators/${creatorId}`, {
    method: "POST",
    body: new URLSearchParams({ intent }),
  });
  expect(response.status).toBe(200);
  const page = await response.text();
  return { page, path: LINK.exec(page)?.[1] ?? null };
}

async function creatorPage(shopDomain: string, creatorId: string) {
  const page = await (await adminFetch(app.url, shopDomain, `/app/creators/${creatorId}`)).text();
  return { page, path: LINK.exec(page)?.[1] ?? null };
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
    expect(fake.accountCreateParams.at(-1)).toMatchObject({
      type: "express",
      capabilities: { transfers: { requested: "true" } },
      metadata: { creator_id: creator.id },
    });
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
    expect(await db().creator.findUniqueOrThrow({ where: { id: creator.id } })).toMatchObject({
      payoutDetailsStatus: "complete",
      stripeTransfersActive: true,
    });
  });

  it("uses the recipient service agreement for a creator in another country than the platform", async () => {
    const { path } = await setup("DE");
    expect((await open(path)).status).toBe(303);
    expect(fake.accountCreateParams.at(-1)).toMatchObject({ country: "DE", tos_acceptance: { service_agreement: "recipient" } });
  });

  it("explains an expired or forged link and creates nothing", async () => {
    const { shop, creator, path } = await setup();
    const before = fake.accountCreateParams.length;
    const { stripeOnboardingLinkId: linkId } = await db().creator.findUniqueOrThrow({ where: { id: creator.id } });
    const claims = { shopId: shop.id, creatorId: creator.id, linkId: linkId! };
    const expired = signOnboardingToken({ ...claims, expiresAt: Math.floor(Date.now() / 1000) - 1 }, TEST_SHOPIFY_API_SECRET);
    const expiredAnswer = await open(`/stripe/onboarding/${expired}`);
    expect(expiredAnswer.status).toBe(410);
    expect(await expiredAnswer.text()).toContain("This Stripe onboarding link has expired");
    const forged = signOnboardingToken({ ...claims, expiresAt: 4_000_000_000 }, "not-the-app-secret");
    const forgedAnswer = await open(`/stripe/onboarding/${forged}`);
    expect(forgedAnswer.status).toBe(400);
    expect(await forgedAnswer.text()).toContain("is not valid");
    // Signed with the app secret but naming another link than the creator's live one.
    const otherLink = signOnboardingToken({ ...claims, linkId: "ol_not-the-live-one", expiresAt: 4_000_000_000 }, TEST_SHOPIFY_API_SECRET);
    expect((await open(`/stripe/onboarding/${otherLink}`)).status).toBe(410);
    for (const junk of ["x", "a.b", `${path.split("/").at(-1)}x`, "%E0%A4%A"]) {
      expect([400, 404, 410]).toContain((await open(`/stripe/onboarding/${junk}`)).status);
    }
    await db().shop.update({ where: { id: shop.id }, data: { stripeSecretKeyCiphertext: null } });
    const notConnected = await open(path);
    expect(notConnected.status).toBe(503);
    expect(await notConnected.text()).toContain("not set up to pay with Stripe");
    expect(fake.accountCreateParams.length).toBe(before);
    expect((await db().creator.findUniqueOrThrow({ where: { id: creator.id } })).stripeAccountId).toBeNull();
  });
});

describe("revoking onboarding links", () => {
  const expectRefusal = async (path: string) => {
    const answer = await open(path);
    expect(answer.status).toBe(410);
    const body = await answer.text();
    expect(body).toContain("This Stripe onboarding link has expired");
    expect(body).toContain("ask the shop for a new link");
  };

  it("issuing a new link revokes the previous one: the first is refused with a sentence, the second opens Stripe", async () => {
    const { shop, creator, path: first } = await setup();
    const { path: second, page } = await creatorPageAction(shop.domain, creator.id, "issue_onboarding_link");
    expect(page).toContain("New onboarding link created: the previous link no longer works.");
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    const before = fake.accountCreateParams.length;

    await expectRefusal(first);
    await expectRefusal(`${first}/return`);
    expect(fake.accountCreateParams.length).toBe(before);
    expect((await db().creator.findUniqueOrThrow({ where: { id: creator.id } })).stripeAccountId).toBeNull();

    const opened = await open(second!);
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toMatch(/^https:\/\/connect\.stripe\.test\/setup\/e\/acct_/);
    // The creator page keeps showing the same live link; viewing it issues nothing.
    expect((await creatorPage(shop.domain, creator.id)).path).toBe(second);
    const audit = await db().auditEvent.findMany({
      where: { shopId: shop.id, subjectId: creator.id },
      select: { action: true, actorType: true },
    });
    expect(audit.filter((a) => a.action === "creator.stripe_onboarding_link_issued")).toEqual([
      { action: "creator.stripe_onboarding_link_issued", actorType: "staff" },
      { action: "creator.stripe_onboarding_link_issued", actorType: "staff" },
    ]);
  });

  it("the merchant can revoke the link: it is refused, the creator page offers a new one, and the creator's portal gets a fresh link", async () => {
    const { shop, creator, path } = await setup();
    const revoked = await creatorPageAction(shop.domain, creator.id, "revoke_onboarding_link");
    expect(revoked.page).toContain("Onboarding link revoked: it no longer works.");
    expect(revoked.path).toBeNull();
    await expectRefusal(path);
    const page = await creatorPage(shop.domain, creator.id);
    expect(page.path).toBeNull();
    expect(page.page).toContain("Create onboarding link");
    expect(
      await db().auditEvent.count({ where: { shopId: shop.id, subjectId: creator.id, action: "creator.stripe_onboarding_link_revoked" } }),
    ).toBe(1);

    // The logged-in creator's portal offers a new link; the revoked one stays dead.
    await db().creator.update({ where: { id: creator.id }, data: { shopifyCustomerId: "7200003" } });
    const portal = await (await proxyFetch(app.url, "/portal?locale=en", { shop: shop.domain, customerId: "7200003" })).text();
    const fresh = /href="https:\/\/creator-payouts\.test(\/stripe\/onboarding\/[A-Za-z0-9_.-]+)"/.exec(portal)?.[1];
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(path);
    expect((await open(fresh!)).status).toBe(303);
    await expectRefusal(path);
    // Reloading the portal shows the same link (nothing new is issued while it is live).
    const again = await (await proxyFetch(app.url, "/portal?locale=en", { shop: shop.domain, customerId: "7200003" })).text();
    expect(again).toContain(fresh);
    expect((await creatorPage(shop.domain, creator.id)).path).toBe(fresh);
  });
});
