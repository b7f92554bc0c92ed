// Paying payouts in store credit on the merchant's store, over HTTP against the schema-validating
// Admin API stand-in (customers, store credit accounts and their credits): the credit goes to the
// creator's linked customer or the customer with their email, in the shop currency; refusals come
// before any call; a lost answer is looked up among the account's credits before anything is sent
// again, and a retry is a new attempt. Exactly one credit per payout, one ledger movement.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createPayout } from "~/payouts/create-payout.server";
import { sweepRailAttempts } from "~/rails/sweep-rail-attempts.server";
import { STORE_CREDIT_IN_FLIGHT_MS } from "~/rails/store-credit/store-credit-rules";
import { createCreator, createInstalledShop, givePayable, MIA } from "../support/factories";
import { startFakeShopifyAdmin, type FakeShopifyAdmin } from "../support/fake-shopify-admin";
import { fakeStoreCredit, type FakeStoreCredit } from "../support/fake-shopify-store-credit";
import { drainJobs } from "../support/jobs";
import { adminFetch } from "../support/shopify-session";
import { useTestApp } from "../support/test-app";

const app = useTestApp();
let admin: FakeShopifyAdmin;
let store: FakeStoreCredit;
let clockMs = Date.now();

function setClock(ms: number) {
  clockMs = ms;
  process.env.CREATOR_PAYOUTS_CLOCK = new Date(ms).toISOString();
}

beforeAll(async () => {
  store = fakeStoreCredit({ now: () => new Date(clockMs) });
  admin = await startFakeShopifyAdmin({ accessToken: "shpat_test_offline_token", storeCredit: store });
  process.env.SHOPIFY_ADMIN_API_ORIGIN = admin.origin;
});
afterEach(() => {
  store.dropAnswers = 0;
  store.accountLimit = null;
  store.customerAccountsVersion = "NEW_CUSTOMER_ACCOUNTS";
  delete process.env.CREATOR_PAYOUTS_CLOCK;
  clockMs = Date.now();
});
afterAll(async () => {
  delete process.env.SHOPIFY_ADMIN_API_ORIGIN;
  await admin?.close();
});

const SCOPES =
  "read_orders,read_customers,write_customers,read_discounts,read_products,read_store_credit_accounts,write_store_credit_account_transactions";

/** A USD shop whose offline session granted the store credit scopes, and a creator owed 125.50. */
async function setup(options: { link?: boolean; customer?: boolean; currency?: string; scopes?: string } = {}) {
  const shop = await createInstalledShop();
  await db().session.update({ where: { id: `offline_${shop.domain}` }, data: { scope: options.scopes ?? SCOPES } });
  const creator = await createCreator(shop.id, "Ava Ames");
  const customer = options.customer === false ? null : store.addCustomer(creator.email, { firstName: "Ava" });
  if (customer && options.link !== false) {
    await db().creator.update({ where: { id: creator.id }, data: { shopifyCustomerId: customer.id } });
  }
  const currency = options.currency ?? "USD";
  await givePayable(shop.id, creator.id, { kind: "fixed_fee", amountMinor: 12_550, currency });
  const payout = await createPayout({ shopId: shop.id, creatorId: creator.id, currency, origin: "run", actor: MIA });
  return { shop, creator, customer, payoutId: payout.payoutId };
}

const pay = (domain: string, payoutId: string, form: Record<string, string> = {}) =>
  adminFetch(app.url, domain, `/app/payouts/${payoutId}`, {
    method: "POST",
    body: new URLSearchParams({ intent: "pay_store_credit", ...form }),
  });
const payoutRow = (payoutId: string) =>
  db().payout.findUniqueOrThrow({ where: { id: payoutId }, include: { attempts: { orderBy: { attempt: "asc" } } } });
const creditsTo = (customerId: string | undefined) => store.credits.filter((c) => c.customerId === customerId);
const creditRequestsFor = (customerId: string) =>
  admin.requests.filter(
    (r) => String(r.body.query).includes("storeCreditAccountCredit(") && String(r.body.variables?.id).endsWith(`/${customerId}`),
  );

async function ledger(shopId: string, account: "paid_store_credit" | "in_payout", creatorId: string | null, currency = "USD") {
  const sum = await db().ledgerEntry.aggregate({ where: { shopId, account, creatorId, currency }, _sum: { amountMinor: true } });
  return Number(sum._sum.amountMinor ?? 0n);
}

describe("paying a payout in store credit", () => {
  it("credits the linked customer once, in the shop currency, and posts in_payout → paid_store_credit", async () => {
    const { shop, creator, customer, payoutId } = await setup();
    const page = await (await adminFetch(app.url, shop.domain, `/app/payouts/${payoutId}`)).text();
    expect(page).toContain("Pay in store credit");
    expect(page).toContain("Create a customer account for the creator");
    const answer = await pay(shop.domain, payoutId);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain("the store credit is on its way");
    const claimed = await payoutRow(payoutId);
    expect(claimed).toMatchObject({ status: "processing", channel: "store_credit" });
    // The exact request is stored before any call.
    expect(claimed.attempts).toMatchObject([
      {
        attempt: 1,
        rail: "store_credit",
        status: "pending",
        sentAt: null,
        params: {
          id: `gid://shopify/Customer/${customer!.id}`,
          creditInput: { creditAmount: { amount: "125.50", currencyCode: "USD" }, notify: true },
        },
      },
    ]);
    expect(creditsTo(customer!.id)).toHaveLength(0);
    await drainJobs();
    expect(creditsTo(customer!.id)).toEqual([expect.objectContaining({ amount: "125.50", currencyCode: "USD" })]);
    const paid = await payoutRow(payoutId);
    expect(paid).toMatchObject({ status: "paid" });
    expect(paid.attempts[0]).toMatchObject({ status: "succeeded", railReference: creditsTo(customer!.id)[0]!.transactionId });
    expect(await ledger(shop.id, "paid_store_credit", null)).toBe(12_550);
    expect(await ledger(shop.id, "in_payout", creator.id)).toBe(0);
    const audit = await db().auditEvent.findMany({ where: { shopId: shop.id, subjectId: payoutId }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["payout.store_credit_claimed", "payout.paid_store_credit"]));
    const paidPage = await (await adminFetch(app.url, shop.domain, `/app/payouts/${payoutId}`)).text();
    expect(paidPage).toContain("Store credit");
    expect(paidPage).toContain(creditsTo(customer!.id)[0]!.transactionId);
    // The creator is told: the paid email names the rail.
    const email = await db().outboundEmail.findFirst({
      where: { shopId: shop.id, toAddress: creator.email },
      orderBy: { createdAt: "desc" },
    });
    expect(email?.textBody).toContain("Store credit");
  });

  it("finds the creator's customer by email when none is linked", async () => {
    const { shop, customer, payoutId } = await setup({ link: false });
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    await drainJobs();
    expect(creditsTo(customer!.id)).toHaveLength(1);
    expect((await payoutRow(payoutId)).status).toBe("paid");
  });

  it("refuses a creator without a customer account before any call, and creates one only with the merchant's consent", async () => {
    const { shop, creator, payoutId } = await setup({ customer: false });
    const refused = await pay(shop.domain, payoutId);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Ava Ames has no customer account in your store");
    expect(await payoutRow(payoutId)).toMatchObject({ status: "ready", attempts: [] });
    expect([...store.customers.values()].some((c) => c.email === creator.email)).toBe(false);

    expect((await pay(shop.domain, payoutId, { createCustomer: "on" })).status).toBe(200);
    const created = [...store.customers.values()].find((c) => c.email === creator.email);
    expect(created).toBeDefined();
    expect(store.customersCreated).toContain(created!.id);
    await drainJobs();
    expect(creditsTo(created!.id)).toHaveLength(1);
    expect((await payoutRow(payoutId)).status).toBe("paid");
  });

  it("refuses a currency the account cannot hold, an amount over the cap, classic customer accounts and a missing scope, sending nothing", async () => {
    const euro = await setup({ currency: "EUR" });
    const mismatch = await pay(euro.shop.domain, euro.payoutId);
    expect(mismatch.status).toBe(422);
    expect(await mismatch.text()).toContain("Store credit is paid in your store&#x27;s currency (USD)");

    const rich = await setup();
    store.customers.get(rich.customer!.id)!.accounts.push({
      id: "gid://shopify/StoreCreditAccount/1",
      currencyCode: "USD",
      transactions: [
        {
          id: "gid://shopify/StoreCreditAccountCreditTransaction/1",
          amount: "99950.00",
          currencyCode: "USD",
          createdAt: new Date().toISOString(),
        },
      ],
    });
    const overCap = await pay(rich.shop.domain, rich.payoutId);
    expect(overCap.status).toBe(422);
    expect(await overCap.text()).toContain("above 100000.00 USD, the most one account may hold");

    store.customerAccountsVersion = "CLASSIC";
    const classic = await setup();
    const classicAnswer = await pay(classic.shop.domain, classic.payoutId);
    expect(classicAnswer.status).toBe(409);
    expect(await classicAnswer.text()).toContain("classic customer accounts");
    store.customerAccountsVersion = "NEW_CUSTOMER_ACCOUNTS";

    const noScope = await setup({ scopes: "read_orders,read_customers,read_discounts,read_products" });
    const forbidden = await pay(noScope.shop.domain, noScope.payoutId);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).toContain("approve the new access (write_store_credit_account_transactions)");

    for (const { payoutId, customer } of [euro, rich, classic, noScope]) {
      expect(await payoutRow(payoutId)).toMatchObject({ status: "ready", attempts: [] });
      expect(creditRequestsFor(customer!.id)).toHaveLength(0);
    }
  });

  it("after a lost answer, finds the credit Shopify made and never sends it again", async () => {
    const { shop, customer, payoutId } = await setup();
    store.dropAnswers = 1;
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    await drainJobs();
    // Shopify made the credit; the answer was lost. The job's retry and the sweeper only look it up
    // (a resend here would be a second credit: store credit has no idempotency key).
    expect(creditsTo(customer!.id)).toHaveLength(1);
    const [attempt] = (await payoutRow(payoutId)).attempts;
    await db().$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = ${`pay_${attempt!.id}`}`;
    await drainJobs();
    await sweepRailAttempts({ stuckAfterMs: 0 });
    const paid = await payoutRow(payoutId);
    expect(paid.status).toBe("paid");
    expect(paid.attempts).toHaveLength(1);
    expect(paid.attempts[0]!.railReference).toBe(creditsTo(customer!.id)[0]!.transactionId);
    expect(creditRequestsFor(customer!.id)).toHaveLength(1);
    expect(creditsTo(customer!.id)).toHaveLength(1);
    expect(await ledger(shop.id, "paid_store_credit", null)).toBe(12_550);
  });

  it("after a 5xx with no credit made, waits out the flight, fails with a sentence, and pays on retry with a new attempt", async () => {
    const { shop, customer, payoutId } = await setup();
    admin.inject({ kind: "status", status: 502 });
    expect((await pay(shop.domain, payoutId)).status).toBe(503);
    // The 502 hit the claim's customer read: nothing claimed, nothing sent.
    expect(await payoutRow(payoutId)).toMatchObject({ status: "ready", attempts: [] });

    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    admin.inject({ kind: "status", status: 502 });
    await drainJobs();
    expect((await payoutRow(payoutId)).status).toBe("processing");
    expect(creditsTo(customer!.id)).toHaveLength(0);
    // Within the flight the sweeper looks and waits; past it, the attempt fails.
    await sweepRailAttempts({ stuckAfterMs: 0 });
    expect((await payoutRow(payoutId)).status).toBe("processing");
    setClock(Date.now() + STORE_CREDIT_IN_FLIGHT_MS + 60_000);
    await sweepRailAttempts({ stuckAfterMs: 0 });
    const failed = await payoutRow(payoutId);
    expect(failed.status).toBe("failed");
    expect(failed.statusReason).toContain("Shopify has no store credit for this attempt");
    expect(creditRequestsFor(customer!.id)).toHaveLength(1);

    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    await drainJobs();
    const paid = await payoutRow(payoutId);
    expect(paid.status).toBe("paid");
    expect(paid.attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, "failed"],
      [2, "succeeded"],
    ]);
    expect(creditsTo(customer!.id)).toHaveLength(1);
    expect(await ledger(shop.id, "paid_store_credit", null)).toBe(12_550);
  });

  it("turns a definite refusal by Shopify into a failed payout with a sentence, items still reserved", async () => {
    const { shop, creator, payoutId } = await setup();
    store.accountLimit = 100;
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    await drainJobs();
    const failed = await payoutRow(payoutId);
    expect(failed.status).toBe("failed");
    expect(failed.statusReason).toContain("above Shopify's limit");
    expect(failed.attempts[0]).toMatchObject({ status: "failed", errorCode: "store_credit_credit_limit_exceeded" });
    expect(await ledger(shop.id, "in_payout", creator.id)).toBe(12_550);
  });
});
