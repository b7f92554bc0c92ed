// Issue 15 item 1, the rail choice, over HTTP: the shop enables rails in Settings (a rail that is
// not connected or granted cannot be enabled), the creator chooses one of them in the portal (any
// other is refused, nothing written), "Pay all due" pays each creator on their own rail, and the
// payout page pays on the creator's rail by default or on another enabled rail the merchant picks.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createPayout } from "~/payouts/create-payout.server";
import { proxyFetch, type ProxyTarget } from "../support/app-proxy";
import { createCreator, createInstalledShop, givePayable, MIA } from "../support/factories";
import { startFakeShopifyAdmin, type FakeCustomer, type FakeShopifyAdmin } from "../support/fake-shopify-admin";
import { fakeStoreCredit, type FakeStoreCredit } from "../support/fake-shopify-store-credit";
import type { FakeStripe } from "../support/fake-stripe";
import { drainJobs } from "../support/jobs";
import { adminFetch } from "../support/shopify-session";
import { connectShopToStripe, createStripeCreator, startStripeTestApp, stopStripeTestApp } from "../support/stripe-fixtures";
import type { TestApp } from "../support/test-app";

let app: TestApp;
let fake: FakeStripe;
let admin: FakeShopifyAdmin;
let store: FakeStoreCredit;
const customers: Record<string, FakeCustomer> = {};

beforeAll(async () => {
  ({ app, fake } = await startStripeTestApp());
  store = fakeStoreCredit();
  admin = await startFakeShopifyAdmin({ accessToken: "shpat_test_offline_token", storeCredit: store, customers });
  process.env.SHOPIFY_ADMIN_API_ORIGIN = admin.origin;
});
afterAll(async () => {
  delete process.env.SHOPIFY_ADMIN_API_ORIGIN;
  await admin?.close();
  await stopStripeTestApp({ app, fake });
});

const SCOPES =
  "read_orders,read_customers,write_customers,read_discounts,read_products,read_store_credit_accounts,write_store_credit_account_transactions";

/** An installed shop, optionally connected to the fake Stripe and granted the store credit scopes. */
async function shopWith(options: { stripe?: boolean; storeCredit?: boolean } = {}) {
  const shop = await createInstalledShop();
  if (options.stripe) await connectShopToStripe(shop.id);
  if (options.storeCredit) await db().session.update({ where: { id: `offline_${shop.domain}` }, data: { scope: SCOPES } });
  return shop;
}

const saveRails = (domain: string, rails: string[]) =>
  adminFetch(app.url, domain, "/app/settings", {
    method: "POST",
    body: new URLSearchParams([["intent", "payout_rails"], ...rails.map((rail) => [`rail_${rail}`, "on"])]),
  });
const enabledRails = async (shopId: string) => (await db().shop.findUniqueOrThrow({ where: { id: shopId } })).enabledRails;

describe("Settings: payout rails", () => {
  it("enables and disables rails; one not connected or not granted cannot be enabled and says why", async () => {
    const shop = await shopWith();
    const page = await (await adminFetch(app.url, shop.domain, "/app/settings")).text();
    expect(page).toContain("Payout rails");
    expect(page).toContain("Connect Stripe below first.");
    expect(page).toContain("approve the new access (write_store_credit_account_transactions)");

    const refused = await saveRails(shop.domain, ["store_credit", "offline"]);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("Store credit cannot be enabled");
    expect(await enabledRails(shop.id)).toEqual(["stripe", "offline"]);

    await db().session.update({ where: { id: `offline_${shop.domain}` }, data: { scope: SCOPES } });
    expect((await saveRails(shop.domain, ["store_credit", "offline"])).status).toBe(200);
    expect(await enabledRails(shop.id)).toEqual(["store_credit", "offline"]);
    expect((await saveRails(shop.domain, ["store_credit"])).status).toBe(200);
    expect(await enabledRails(shop.id)).toEqual(["store_credit"]);
    expect((await saveRails(shop.domain, [])).status).toBe(422);
    expect(await enabledRails(shop.id)).toEqual(["store_credit"]);
    const audit = await db().auditEvent.findMany({ where: { shopId: shop.id, action: "settings.rails_updated" } });
    expect(audit).toHaveLength(2);
  });
});

describe("portal: the creator's preferred rail", () => {
  let customerSeq = 9_100_000;
  async function linkedCreator(shopId: string) {
    const creator = await createCreator(shopId, "Ava Ames");
    const customerId = String(customerSeq++);
    customers[customerId] = { email: creator.email, firstName: "Ava" };
    await db().creator.update({ where: { id: creator.id }, data: { shopifyCustomerId: customerId } });
    return { creator, target: { shop: (await db().shop.findUniqueOrThrow({ where: { id: shopId } })).domain, customerId } };
  }
  const tokenIn = (html: string) => /name="_portal_token" value="([^"]+)"/.exec(html)?.[1] ?? null;
  async function choose(target: ProxyTarget, rail: string) {
    const page = await (await proxyFetch(app.url, "/portal?locale=en", target)).text();
    const body = new URLSearchParams({ _portal_token: tokenIn(page)!, intent: "preferred_rail", rail });
    const response = await proxyFetch(app.url, "/portal?locale=en", target, { method: "POST", body });
    return { status: response.status, html: await response.text(), page };
  }

  it("stores a rail the shop enables, with an audit event, and refuses any other with 400, writing nothing", async () => {
    const shop = await shopWith({ storeCredit: true });
    const { creator, target } = await linkedCreator(shop.id);
    const notEnabled = await choose(target, "store_credit");
    expect(notEnabled.status).toBe(400);
    expect(notEnabled.html).toContain("This shop does not pay on that rail");
    const bogus = await choose(target, "bitcoin");
    expect(bogus.status).toBe(400);
    expect((await db().creator.findUniqueOrThrow({ where: { id: creator.id } })).preferredRail).toBeNull();
    expect(await db().auditEvent.count({ where: { shopId: shop.id, action: "creator.preferred_rail_chosen" } })).toBe(0);

    expect((await saveRails(shop.domain, ["store_credit", "offline"])).status).toBe(200);
    const chosen = await choose(target, "store_credit");
    expect(chosen.page).toContain('name="rail" value="store_credit"');
    expect(chosen.status).toBe(200);
    expect(chosen.html).toContain("the store pays you this way");
    expect((await db().creator.findUniqueOrThrow({ where: { id: creator.id } })).preferredRail).toBe("store_credit");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { shopId: shop.id, action: "creator.preferred_rail_chosen" } });
    expect(audit).toMatchObject({ actorType: "creator", subjectId: creator.id, after: { preferredRail: "store_credit" } });
  });
});

/** A creator who prefers store credit, with a customer account in the store and no bank or PayPal details. */
async function storeCreditCreator(shopId: string, name: string) {
  const creator = await createCreator(shopId, name, { preferredRail: "store_credit" });
  const customer = store.addCustomer(creator.email, { firstName: name.split(" ")[0] });
  await db().creator.update({ where: { id: creator.id }, data: { shopifyCustomerId: customer.id } });
  return { creator, customer };
}

describe("payout runs on each creator's rail", () => {
  it("pays a Stripe creator with Stripe and a store-credit creator in store credit, and says how many per rail", async () => {
    const shop = await shopWith({ stripe: true, storeCredit: true });
    await db().shop.update({ where: { id: shop.id }, data: { enabledRails: ["stripe", "store_credit", "offline"] } });
    const ava = await createStripeCreator(shop.id, fake, "Ava Ames");
    const { creator: ben, customer } = await storeCreditCreator(shop.id, "Ben Brook");
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 42_000 });
    await givePayable(shop.id, ben.id, { kind: "commission", amountMinor: 5_000 });

    const started = await adminFetch(app.url, shop.domain, "/app/payouts", {
      method: "POST",
      body: new URLSearchParams({ intent: "pay_all_due", requestKey: randomUUID().replaceAll("-", "") }),
    });
    expect(started.status).toBe(302);
    await drainJobs();

    const payouts = await db().payout.findMany({
      where: { shopId: shop.id },
      select: { creatorId: true, status: true, channel: true, runId: true },
    });
    expect(payouts.find((p) => p.creatorId === ava.id)).toMatchObject({ status: "paid", channel: "stripe" });
    expect(payouts.find((p) => p.creatorId === ben.id)).toMatchObject({ status: "paid", channel: "store_credit" });
    expect(fake.transfers.filter((t) => t.destination === ava.stripeAccountId).map((t) => t.amount)).toEqual([42_000]);
    expect(store.credits.filter((c) => c.customerId === customer.id).map((c) => c.amount)).toEqual(["50.00"]);
    const run = await db().payoutRun.findUniqueOrThrow({ where: { id: payouts[0]!.runId! } });
    expect((run.summary as { rails?: unknown }).rails).toEqual({
      stripe: { sent: 1, errors: [] },
      store_credit: { sent: 1, errors: [] },
    });
    const runPage = await (await adminFetch(app.url, shop.domain, `/app/payouts/runs/${run.id}`)).text();
    expect(runPage).toContain("Paid on each creator&#x27;s rail: Stripe 1 · Store credit 1.");
  });
});

describe("payout page: the creator's rail, or the merchant's override", () => {
  it("shows the creator's rail, pays on another enabled rail when the merchant picks it, refuses one not enabled", async () => {
    const shop = await shopWith({ stripe: true, storeCredit: true });
    await db().shop.update({ where: { id: shop.id }, data: { enabledRails: ["stripe", "store_credit"] } });
    const ava = await createStripeCreator(shop.id, fake, "Ava Ames");
    await db().creator.update({ where: { id: ava.id }, data: { preferredRail: "store_credit" } });
    await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor: 12_550, currency: "USD" });
    const { payoutId } = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });

    const page = await (await adminFetch(app.url, shop.domain, `/app/payouts/${payoutId}`)).text();
    expect(page).toContain("The creator is paid on Store credit.");
    const pay = (rail: string) =>
      adminFetch(app.url, shop.domain, `/app/payouts/${payoutId}`, {
        method: "POST",
        body: new URLSearchParams({ intent: "pay_on_rail", rail }),
      });
    const refused = await pay("offline");
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("This shop does not pay on that rail");
    expect((await db().payout.findUniqueOrThrow({ where: { id: payoutId } })).status).toBe("ready");

    const overridden = await pay("stripe");
    expect(overridden.status).toBe(200);
    expect(await overridden.text()).toContain("Being paid on Stripe");
    await drainJobs();
    expect(await db().payout.findUniqueOrThrow({ where: { id: payoutId } })).toMatchObject({ status: "paid", channel: "stripe" });
    expect(fake.transfers.filter((t) => t.destination === ava.stripeAccountId).map((t) => t.amount)).toEqual([12_550]);
  });
});
