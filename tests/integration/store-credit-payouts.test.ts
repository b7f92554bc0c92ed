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
import { mentioning } from "../support/mentioning";
import { proxyFetch } from "../support/app-proxy";
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

/**
 * A USD shop whose offline session granted the store credit scopes and that enables the store credit
 * rail in Settings (unless `enabled: false`), at a store credit bonus of `bonusPercent` (100: none),
 * and a creator owed 125.50.
 */
async function setup(
  options: { link?: boolean; customer?: boolean; currency?: string; scopes?: string; enabled?: boolean; bonusPercent?: number } = {},
) {
  const shop = await createInstalledShop({
    enabledRails: options.enabled === false ? ["stripe", "offline"] : ["stripe", "store_credit", "offline"],
    storeCreditBonusPercent: options.bonusPercent ?? 100,
  });
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

async function ledger(
  shopId: string,
  account: "paid_store_credit" | "in_payout" | "store_credit_bonus" | "expense" | "payable",
  creatorId: string | null,
  currency = "USD",
) {
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
    // Kept to this customer's requests: another test's job retried meanwhile does not use it up.
    const customerRequests = mentioning(`"gid://shopify/Customer/${customer!.id}"`);
    admin.inject({ kind: "status", status: 502 }, 1, customerRequests);
    expect((await pay(shop.domain, payoutId)).status).toBe(503);
    // The 502 hit the claim's customer read: nothing claimed, nothing sent.
    expect(await payoutRow(payoutId)).toMatchObject({ status: "ready", attempts: [] });

    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    admin.inject({ kind: "status", status: 502 }, 1, customerRequests);
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

describe("the store credit bonus, the portal and the email", () => {
  const portal = async (domain: string, customerId: string) =>
    (await proxyFetch(app.url, "/portal?locale=en", { shop: domain, customerId })).text();
  const paidEmails = (shopId: string, to: string) =>
    db().outboundEmail.findMany({ where: { shopId, toAddress: to, subject: { contains: "paid" } }, orderBy: { createdAt: "asc" } });

  it("credits the payout plus the shop's bonus, and posts the bonus apart: store_credit_bonus → paid_store_credit, with its own audit event", async () => {
    const { shop, creator, customer, payoutId } = await setup({ bonusPercent: 110 });
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    // The stored request is what is sent: 125.50 × 110% = 138.05.
    const [claimed] = (await payoutRow(payoutId)).attempts;
    expect(claimed!.params).toEqual({
      id: `gid://shopify/Customer/${customer!.id}`,
      creditInput: { creditAmount: { amount: "138.05", currencyCode: "USD" }, notify: true },
    });
    await drainJobs();
    expect(creditsTo(customer!.id)).toEqual([expect.objectContaining({ amount: "138.05", currencyCode: "USD" })]);
    expect((await payoutRow(payoutId)).status).toBe("paid");
    // paid_store_credit holds what Shopify credited; the creator's accounts and creator cost
    // (expense) move by the payout only; the bonus is the brand's cost on its own account.
    expect(await ledger(shop.id, "paid_store_credit", null)).toBe(13_805);
    expect(await ledger(shop.id, "store_credit_bonus", null)).toBe(-1_255);
    expect(await ledger(shop.id, "expense", null)).toBe(-12_550);
    expect(await ledger(shop.id, "in_payout", creator.id)).toBe(0);
    expect(await ledger(shop.id, "payable", creator.id)).toBe(0);
    const all = await db().ledgerEntry.aggregate({ where: { shopId: shop.id }, _sum: { amountMinor: true } });
    expect(Number(all._sum.amountMinor)).toBe(0);
    const bonus = await db().ledgerTransaction.findFirstOrThrow({
      where: { shopId: shop.id, kind: "store_credit_bonus" },
      include: { entries: true, auditEvent: true },
    });
    expect(bonus).toMatchObject({ subjectType: "payout", subjectId: payoutId, idempotencyKey: `payout:${payoutId}:store_credit_bonus` });
    expect(bonus.auditEvent).toMatchObject({
      action: "payout.store_credit_bonus",
      after: { payoutMinor: 12_550, bonusMinor: 1_255, creditedMinor: 13_805 },
    });
    const payment = await db().ledgerTransaction.findFirstOrThrow({
      where: { shopId: shop.id, kind: "pay_store_credit" },
      include: { entries: true },
    });
    expect(payment.entries.map((e) => [e.account, Number(e.amountMinor)]).sort()).toEqual([
      ["in_payout", -12_550],
      ["paid_store_credit", 12_550],
    ]);
  });

  it("resends nothing new after a lost answer: the stored request keeps the bonus it was claimed with, one credit, one bonus, one email", async () => {
    const { shop, creator, customer, payoutId } = await setup({ bonusPercent: 110 });
    store.dropAnswers = 1;
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    const before = JSON.stringify((await payoutRow(payoutId)).attempts[0]!.params);
    // The merchant changes the bonus while the answer is lost: this attempt keeps its request.
    await db().shop.update({ where: { id: shop.id }, data: { storeCreditBonusPercent: 150 } });
    await drainJobs();
    await sweepRailAttempts({ stuckAfterMs: 0 });
    await sweepRailAttempts({ stuckAfterMs: 0 });
    const paid = await payoutRow(payoutId);
    expect(paid.status).toBe("paid");
    expect(JSON.stringify(paid.attempts[0]!.params)).toBe(before);
    expect(creditRequestsFor(customer!.id).map((r) => JSON.stringify(r.body.variables))).toEqual([before]);
    expect(creditsTo(customer!.id)).toEqual([expect.objectContaining({ amount: "138.05" })]);
    expect(await db().ledgerTransaction.count({ where: { shopId: shop.id, kind: "store_credit_bonus" } })).toBe(1);
    expect(await ledger(shop.id, "paid_store_credit", null)).toBe(13_805);
    expect(await paidEmails(shop.id, creator.email)).toHaveLength(1);
  });

  it("counts the bonus against the per-account cap before anything is sent", async () => {
    // 99,870.00 held + 125.50 fits under 100,000.00; with the 110% bonus (138.05) it does not.
    const holding = (customerId: string) =>
      store.customers.get(customerId)!.accounts.push({
        id: `gid://shopify/StoreCreditAccount/cap-${customerId}`,
        currencyCode: "USD",
        transactions: [
          {
            id: `gid://shopify/StoreCreditAccountCreditTransaction/cap-${customerId}`,
            amount: "99870.00",
            currencyCode: "USD",
            createdAt: new Date().toISOString(),
          },
        ],
      });
    const withBonus = await setup({ bonusPercent: 110 });
    holding(withBonus.customer!.id);
    const refused = await pay(withBonus.shop.domain, withBonus.payoutId);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("above 100000.00 USD, the most one account may hold");
    expect(await payoutRow(withBonus.payoutId)).toMatchObject({ status: "ready", attempts: [] });
    expect(creditRequestsFor(withBonus.customer!.id)).toHaveLength(0);

    const noBonus = await setup();
    holding(noBonus.customer!.id);
    expect((await pay(noBonus.shop.domain, noBonus.payoutId)).status).toBe(200);
  });

  it("shows the creator their store credit in the portal (credited, bonus, date, status, how to spend it) and emails them once", async () => {
    const { shop, creator, customer, payoutId } = await setup({ bonusPercent: 110 });
    const before = await portal(shop.domain, customer!.id);
    // The rail choice names the bonus and the limits; no credit is listed yet.
    expect(before).toContain("Store credit: get 110%");
    expect(before).toContain("Store credit is paid in the store&#39;s currency (USD)");
    expect(before).not.toContain("Your store credit");
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    expect(await portal(shop.domain, customer!.id)).toMatch(/Your store credit[\s\S]*\$138\.05[\s\S]*\$12\.55[\s\S]*Being paid/);
    await drainJobs();
    const after = await portal(shop.domain, customer!.id);
    expect(after).toMatch(/Your store credit[\s\S]*\$138\.05[\s\S]*\$12\.55[\s\S]*Paid/);
    expect(after).toContain("log in to your customer account (the one with your email) and choose store credit at checkout");
    const emails = await paidEmails(shop.id, creator.email);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.textBody).toContain("$138.05 of store credit was added to your customer account");
    expect(emails[0]!.textBody).toMatch(/Of which the store.s bonus\W+\$12\.55/);
    expect(emails[0]!.textBody).toContain("choose store credit at checkout");
    // Another settle of the same attempt (a late job, the sweeper) sends no second email.
    await sweepRailAttempts({ stuckAfterMs: 0 });
    expect((await payoutRow(payoutId)).attempts).toHaveLength(1);
    expect(await paidEmails(shop.id, creator.email)).toHaveLength(1);
    expect((await payoutRow(payoutId)).status).toBe("paid");
  });

  it("Settings saves a bonus from 100 to 150 and refuses anything else with a sentence, writing nothing", async () => {
    const { shop } = await setup();
    const save = (value: string) =>
      adminFetch(app.url, shop.domain, "/app/settings", {
        method: "POST",
        body: new URLSearchParams({
          intent: "payout_rails",
          rail_stripe: "",
          rail_store_credit: "on",
          rail_offline: "on",
          storeCreditBonusPercent: value,
        }),
      });
    for (const bad of ["151", "99", "110.5", "ten"]) {
      const refused = await save(bad);
      expect(refused.status).toBe(422);
      expect(await refused.text()).toContain("Enter the store credit bonus as a whole percent from 100 (no bonus) to 150.");
    }
    expect(await db().shop.findUniqueOrThrow({ where: { id: shop.id } })).toMatchObject({ storeCreditBonusPercent: 100 });
    expect((await save("110")).status).toBe(200);
    expect(await db().shop.findUniqueOrThrow({ where: { id: shop.id } })).toMatchObject({ storeCreditBonusPercent: 110 });
    const page = await (await adminFetch(app.url, shop.domain, "/app/settings")).text();
    expect(page).toContain("Store credit bonus (%)");
  });
});

describe("the payout page's old 'Pay in store credit' button", () => {
  it("refuses while the store credit rail is not enabled in Settings, with a sentence naming the fix, and sends or writes nothing", async () => {
    const { shop, customer, payoutId } = await setup({ enabled: false });
    const page = await (await adminFetch(app.url, shop.domain, `/app/payouts/${payoutId}`)).text();
    expect(page).not.toContain("Pay in store credit");
    const refused = await pay(shop.domain, payoutId);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Store credit is not enabled for this shop. Turn it on in Settings › Payout rails");
    expect(await payoutRow(payoutId)).toMatchObject({ status: "ready", channel: null, attempts: [] });
    expect(admin.requests.filter((r) => String(r.body.variables?.id ?? "").endsWith(`/${customer!.id}`))).toHaveLength(0);
    expect(creditsTo(customer!.id)).toHaveLength(0);
  });
});
