// Paying payouts with gift cards of the merchant's store, over HTTP against the schema-validating
// Admin API stand-in (giftCardCreate, giftCards(query:), giftCardDeactivate): one card per payout
// in the shop currency with the payout in its note; refusals before any call; a lost answer is
// looked up by the note before anything is sent again; the code is never stored in clear, shown
// once in the portal, and sent in the paid email; disabling the card reverses the payout.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "~/db.server";
import { createPayout } from "~/payouts/create-payout.server";
import { listGiftCardRecords } from "~/rails/gift-card/list-gift-card-records.server";
import { GIFT_CARD_IN_FLIGHT_MS } from "~/rails/gift-card/gift-card-rules";
import { sweepRailAttempts } from "~/rails/sweep-rail-attempts.server";
import { proxyFetch, type ProxyTarget } from "../support/app-proxy";
import { createCreator, createInstalledShop, givePayable, MIA } from "../support/factories";
import { startFakeShopifyAdmin, type FakeShopifyAdmin } from "../support/fake-shopify-admin";
import { fakeGiftCards, type FakeGiftCards } from "../support/fake-shopify-gift-cards";
import { drainJobs } from "../support/jobs";
import { mentioning } from "../support/mentioning";
import { adminFetch } from "../support/shopify-session";
import { useTestApp } from "../support/test-app";

const app = useTestApp();
let admin: FakeShopifyAdmin;
let cards: FakeGiftCards;
let outbox: string;
const previousOutbox = process.env.EMAIL_OUTBOX_DIR;

function setClock(ms: number) {
  process.env.CREATOR_PAYOUTS_CLOCK = new Date(ms).toISOString();
}

beforeAll(async () => {
  cards = fakeGiftCards();
  admin = await startFakeShopifyAdmin({ accessToken: "shpat_test_offline_token", giftCards: cards });
  process.env.SHOPIFY_ADMIN_API_ORIGIN = admin.origin;
  outbox = mkdtempSync(path.join(os.tmpdir(), "gift-card-outbox-"));
  process.env.EMAIL_OUTBOX_DIR = outbox;
});
afterEach(() => {
  cards.dropAnswers = 0;
  cards.refuseNext = 0;
  cards.allowed = true;
  cards.issueLimit = "2000.00";
  delete process.env.CREATOR_PAYOUTS_CLOCK;
});
afterAll(async () => {
  delete process.env.SHOPIFY_ADMIN_API_ORIGIN;
  if (previousOutbox === undefined) delete process.env.EMAIL_OUTBOX_DIR;
  else process.env.EMAIL_OUTBOX_DIR = previousOutbox;
  rmSync(outbox, { recursive: true, force: true });
  await admin?.close();
});

const SCOPES = "read_orders,read_customers,write_customers,read_discounts,read_products,read_gift_cards,write_gift_cards";
let customerSeq = 8_300_000;

/** A USD shop whose offline session granted the gift card scopes, and a linked creator owed 125.50. */
async function setup(options: { currency?: string; scopes?: string; amountMinor?: number } = {}) {
  const shop = await createInstalledShop();
  await db().session.update({ where: { id: `offline_${shop.domain}` }, data: { scope: options.scopes ?? SCOPES } });
  const creator = await createCreator(shop.id, "Ava Ames");
  const customerId = String(customerSeq++);
  await db().creator.update({ where: { id: creator.id }, data: { shopifyCustomerId: customerId } });
  const currency = options.currency ?? "USD";
  await givePayable(shop.id, creator.id, { kind: "fixed_fee", amountMinor: options.amountMinor ?? 12_550, currency });
  const payout = await createPayout({ shopId: shop.id, creatorId: creator.id, currency, origin: "run", actor: MIA });
  return { shop, creator, customerId, payoutId: payout.payoutId };
}

const post = (domain: string, payoutId: string, intent: string) =>
  adminFetch(app.url, domain, `/app/payouts/${payoutId}`, { method: "POST", body: new URLSearchParams({ intent }) });
const pay = (domain: string, payoutId: string) => post(domain, payoutId, "pay_gift_card");
const payoutRow = (payoutId: string) =>
  db().payout.findUniqueOrThrow({ where: { id: payoutId }, include: { attempts: { orderBy: { attempt: "asc" } } } });
const cardsFor = (payoutId: string) => cards.cards.filter((c) => c.note?.includes(payoutId));
const createRequestsFor = (payoutId: string) =>
  admin.requests.filter((r) => String(r.body.query).includes("giftCardCreate(") && JSON.stringify(r.body.variables).includes(payoutId));

async function ledger(shopId: string, account: "paid_gift_card" | "in_payout" | "payable", creatorId: string | null) {
  const sum = await db().ledgerEntry.aggregate({ where: { shopId, account, creatorId, currency: "USD" }, _sum: { amountMinor: true } });
  return Number(sum._sum.amountMinor ?? 0n);
}

/** Every row of every table (and the job queue) that holds `text` anywhere, as "table" names. */
async function rowsHolding(text: string): Promise<string[]> {
  const tables = await db().$queryRaw<{ schema: string; name: string }[]>`
    SELECT table_schema::text AS schema, table_name::text AS name FROM information_schema.tables
     WHERE table_schema IN ('public', 'graphile_worker') AND table_type = 'BASE TABLE'`;
  const found: string[] = [];
  for (const { schema, name } of tables) {
    const [{ count }] = await db().$queryRawUnsafe<{ count: bigint }[]>(
      `SELECT count(*) AS count FROM "${schema}"."${name}" t WHERE t::text ILIKE $1`,
      `%${text}%`,
    );
    if (Number(count) > 0) found.push(`${schema}.${name}`);
  }
  return found;
}

const tokenIn = (html: string) => /name="_portal_token" value="([^"]+)"/.exec(html)?.[1] ?? "";

/** A portal form posted as the browser posts it: the token from the page the creator sees, then the POST. */
async function portalPost(target: ProxyTarget, fields: Record<string, string>, options: { locale?: string; secret?: string } = {}) {
  const path = `/portal?locale=${options.locale ?? "en"}`;
  const page = await (await proxyFetch(app.url, path, target)).text();
  const body = new URLSearchParams({ _portal_token: tokenIn(page), ...fields });
  const response = await proxyFetch(app.url, path, { ...target, secret: options.secret }, { method: "POST", body });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

const deliveredEmails = () => readdirSync(outbox).map((file) => readFileSync(path.join(outbox, file), "utf8"));

describe("paying a payout with a gift card", () => {
  it("issues one card in the shop currency with the payout in its note, posts in_payout → paid_gift_card, and never stores the code in clear", async () => {
    const { shop, creator, customerId, payoutId } = await setup();
    const page = await (await adminFetch(app.url, shop.domain, `/app/payouts/${payoutId}`)).text();
    expect(page).toContain("Pay with a gift card");
    const answer = await pay(shop.domain, payoutId);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain("the gift card is being issued");
    const claimed = await payoutRow(payoutId);
    expect(claimed).toMatchObject({ status: "processing", channel: "gift_card" });
    // The exact request is stored before any call; the code is not in it (sealed apart).
    expect(claimed.attempts).toMatchObject([
      {
        attempt: 1,
        rail: "gift_card",
        status: "pending",
        sentAt: null,
        params: {
          input: {
            initialValue: "125.50",
            note: `Creator Payouts payout ${payoutId} attempt 1`,
            customerId: `gid://shopify/Customer/${customerId}`,
          },
        },
      },
    ]);
    expect(cardsFor(payoutId)).toHaveLength(0);

    await drainJobs();
    const [card] = cardsFor(payoutId);
    expect(cardsFor(payoutId)).toHaveLength(1);
    expect(card).toMatchObject({ initialValue: "125.50", currencyCode: "USD", customerId: `gid://shopify/Customer/${customerId}` });
    const paid = await payoutRow(payoutId);
    expect(paid.status).toBe("paid");
    expect(paid.attempts[0]).toMatchObject({ status: "succeeded", railReference: card!.id });
    expect(await ledger(shop.id, "paid_gift_card", null)).toBe(12_550);
    expect(await ledger(shop.id, "in_payout", creator.id)).toBe(0);
    const audit = await db().auditEvent.findMany({ where: { shopId: shop.id, subjectId: payoutId }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["payout.gift_card_claimed", "payout.paid_gift_card"]));

    // The email was delivered with the code; the stored email has only a placeholder, its sealed copy wiped.
    const email = await db().outboundEmail.findFirstOrThrow({
      where: { shopId: shop.id, toAddress: creator.email, subject: { contains: "paid" } },
    });
    expect(email.sentAt).not.toBeNull();
    expect(email.secretCiphertext).toBeNull();
    expect(email.textBody).toContain("Gift card code");
    expect(email.textBody).not.toContain(card!.code);
    expect(deliveredEmails().filter((eml) => eml.includes(card!.code))).toHaveLength(1);
    // Nowhere in the database in clear: not the attempt, the card row, the email, the audit, the jobs.
    expect(await rowsHolding(card!.code)).toEqual([]);
    const sealed = await db().payoutGiftCard.findFirstOrThrow({ where: { payoutId } });
    expect(sealed.codeCiphertext).toMatch(/^v2\./);
    expect(sealed.lastCharacters).toBe(card!.code.slice(-4));

    // The merchant never sees the code: only its last characters.
    const paidPage = await (await adminFetch(app.url, shop.domain, `/app/payouts/${payoutId}`)).text();
    expect(paidPage).toContain(card!.id);
    expect(paidPage).toContain(`•••• ${card!.code.slice(-4)}`);
    expect(paidPage).not.toContain(card!.code);

    // The portal's GET shows it masked with "Show code"; the POST shows it; "I saved it" wipes it.
    const target = { shop: shop.domain, customerId };
    const portal = await (await proxyFetch(app.url, "/portal?locale=en", target)).text();
    expect(portal).not.toContain(card!.code);
    expect(portal).toContain(`Gift card •••• ${card!.code.slice(-4)}`);
    const shown = await portalPost(target, { intent: "show_gift_card_code", payoutId });
    expect(shown.html).toContain(`Gift card code: ${card!.code}`);
    expect(shown.html).toContain("I saved it");
    const saved = await portalPost(target, { intent: "gift_card_code_saved", payoutId });
    expect(saved.status).toBe(200);
    expect(saved.html).not.toContain(card!.code);
    expect((await db().payoutGiftCard.findFirstOrThrow({ where: { payoutId } })).codeCiphertext).toBeNull();
    const after = await (await proxyFetch(app.url, "/portal?locale=en", target)).text();
    expect(after).not.toContain(card!.code);
    expect(after).toContain(`Gift card •••• ${card!.code.slice(-4)}`);
    expect(after).not.toContain("Show code");

    // Reconciliation reads the card back by its note.
    const records = await listGiftCardRecords(shop.id, { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000) });
    expect(records).toContainEqual(
      expect.objectContaining({ reference: card!.id, payoutId, amountMinor: 12_550, currency: "USD", state: "enabled" }),
    );
  });

  it("after a lost answer, finds the card by its note and never sends it again; the creator still gets the code", async () => {
    const { shop, creator, payoutId } = await setup();
    cards.dropAnswers = 1;
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    await drainJobs();
    // Shopify made the card; the answer (with its code) was lost. The job's retry and the sweeper
    // only look it up: a resend would be a second card (gift cards take no idempotency key).
    expect(cardsFor(payoutId)).toHaveLength(1);
    const [attempt] = (await payoutRow(payoutId)).attempts;
    await db().$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = ${`pay_${attempt!.id}`}`;
    await drainJobs();
    await sweepRailAttempts({ stuckAfterMs: 0 });
    const paid = await payoutRow(payoutId);
    expect(paid.status).toBe("paid");
    expect(paid.attempts).toHaveLength(1);
    expect(paid.attempts[0]!.railReference).toBe(cardsFor(payoutId)[0]!.id);
    expect(createRequestsFor(payoutId)).toHaveLength(1);
    expect(cardsFor(payoutId)).toHaveLength(1);
    expect(await ledger(shop.id, "paid_gift_card", null)).toBe(12_550);
    await drainJobs();
    expect(deliveredEmails().filter((eml) => eml.includes(cardsFor(payoutId)[0]!.code) && eml.includes(creator.email))).toHaveLength(1);
  });

  it("after a 5xx with no card made, waits out the flight, fails with a sentence, and pays on retry with a new attempt", async () => {
    const { shop, payoutId } = await setup();
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    // Kept to this payout's send (its note names the payout): another test's job retried meanwhile does not use it up.
    admin.inject({ kind: "status", status: 502 }, 1, mentioning(payoutId));
    await drainJobs();
    expect((await payoutRow(payoutId)).status).toBe("processing");
    expect(cardsFor(payoutId)).toHaveLength(0);
    await sweepRailAttempts({ stuckAfterMs: 0 });
    expect((await payoutRow(payoutId)).status).toBe("processing");
    setClock(Date.now() + GIFT_CARD_IN_FLIGHT_MS + 60_000);
    await sweepRailAttempts({ stuckAfterMs: 0 });
    const failed = await payoutRow(payoutId);
    expect(failed.status).toBe("failed");
    expect(failed.statusReason).toContain("Shopify has no gift card for this attempt");
    expect(createRequestsFor(payoutId)).toHaveLength(1);

    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    await drainJobs();
    const paid = await payoutRow(payoutId);
    expect(paid.status).toBe("paid");
    expect(paid.attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, "failed"],
      [2, "succeeded"],
    ]);
    expect(cardsFor(payoutId)).toHaveLength(1);
    expect(cardsFor(payoutId)[0]!.note).toBe(`Creator Payouts payout ${payoutId} attempt 2`);
    expect(await ledger(shop.id, "paid_gift_card", null)).toBe(12_550);
  });

  it("refuses a missing scope, a plan without gift cards, another currency and an amount over the cap before any call", async () => {
    const noScope = await setup({ scopes: "read_orders,read_customers,read_discounts,read_products" });
    const forbidden = await pay(noScope.shop.domain, noScope.payoutId);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).toContain("approve the new access (write_gift_cards)");

    cards.allowed = false;
    const noPlan = await setup();
    const planRefused = await pay(noPlan.shop.domain, noPlan.payoutId);
    expect(planRefused.status).toBe(409);
    expect(await planRefused.text()).toContain("plan does not let it issue gift cards");
    cards.allowed = true;

    const euro = await setup({ currency: "EUR" });
    const mismatch = await pay(euro.shop.domain, euro.payoutId);
    expect(mismatch.status).toBe(422);
    expect(await mismatch.text()).toContain("Gift cards are issued in your store&#x27;s currency (USD)");

    cards.issueLimit = "100.00";
    const big = await setup();
    const overCap = await pay(big.shop.domain, big.payoutId);
    expect(overCap.status).toBe(422);
    expect(await overCap.text()).toContain("at most 100.00 USD");

    for (const { payoutId } of [noScope, noPlan, euro, big]) {
      expect(await payoutRow(payoutId)).toMatchObject({ status: "ready", attempts: [] });
      expect(createRequestsFor(payoutId)).toHaveLength(0);
      expect(await db().payoutGiftCard.count({ where: { payoutId } })).toBe(0);
    }
  });

  it("turns Shopify's refusal into a failed payout with a sentence, items still reserved", async () => {
    const { shop, creator, payoutId } = await setup();
    cards.refuseNext = 1;
    cards.refuseWith = "GIFT_CARD_LIMIT_EXCEEDED";
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    await drainJobs();
    const failed = await payoutRow(payoutId);
    expect(failed.status).toBe("failed");
    expect(failed.statusReason).toContain("above your store's gift card limit");
    expect(failed.attempts[0]).toMatchObject({ status: "failed", errorCode: "gift_card_gift_card_limit_exceeded" });
    expect(await ledger(shop.id, "in_payout", creator.id)).toBe(12_550);
  });
});

describe("disabling a payout's gift card", () => {
  it("disables the card at Shopify, reverses the payout and makes its amount payable again, once", async () => {
    const { shop, creator, payoutId } = await setup();
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    await drainJobs();
    expect(await ledger(shop.id, "payable", creator.id)).toBe(0);
    const answer = await post(shop.domain, payoutId, "deactivate_gift_card");
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain("Gift card disabled");
    expect(cardsFor(payoutId)[0]!.deactivatedAt).not.toBeNull();
    const reversed = await payoutRow(payoutId);
    expect(reversed.status).toBe("reversed");
    expect(await ledger(shop.id, "paid_gift_card", null)).toBe(0);
    expect(await ledger(shop.id, "payable", creator.id)).toBe(12_550);
    expect(await db().payoutItem.count({ where: { payoutId, state: "active" } })).toBe(0);
    // The same ledger movement as a Stripe reversal.
    const kinds = await db().ledgerTransaction.findMany({ where: { shopId: shop.id, subjectId: payoutId }, select: { kind: true } });
    expect(kinds.map((k) => k.kind)).toContain("reverse_transfer");
    // Twice: nothing more moves.
    expect((await post(shop.domain, payoutId, "deactivate_gift_card")).status).toBe(200);
    expect(await ledger(shop.id, "payable", creator.id)).toBe(12_550);
    // A new payout can take the money again.
    const again = await createPayout({ shopId: shop.id, creatorId: creator.id, currency: "USD", origin: "run", actor: MIA });
    expect(again.payoutId).toBeTruthy();
  });

  it("refuses a card the creator has started to spend, leaving the payout paid", async () => {
    const { shop, payoutId } = await setup();
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    await drainJobs();
    cards.spend(cardsFor(payoutId)[0]!.id, "20.00");
    const refused = await post(shop.domain, payoutId, "deactivate_gift_card");
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("already spent part of this gift card");
    expect(cardsFor(payoutId)[0]!.deactivatedAt).toBeNull();
    expect((await payoutRow(payoutId)).status).toBe("paid");
  });
});

describe("gift card among the shop's rails", () => {
  it("is offered in Settings once write_gift_cards is granted, and in the portal once enabled", async () => {
    const { shop, customerId } = await setup({ scopes: "read_orders" });
    const settings = await (await adminFetch(app.url, shop.domain, "/app/settings")).text();
    expect(settings).toContain("approve the new access (write_gift_cards)");
    await db().session.update({ where: { id: `offline_${shop.domain}` }, data: { scope: SCOPES } });
    const saved = await adminFetch(app.url, shop.domain, "/app/settings", {
      method: "POST",
      body: new URLSearchParams([
        ["intent", "payout_rails"],
        ["rail_gift_card", "on"],
        ["rail_offline", "on"],
      ]),
    });
    expect(saved.status).toBe(200);
    expect((await db().shop.findUniqueOrThrow({ where: { id: shop.id } })).enabledRails).toEqual(["gift_card", "offline"]);
    const portal = await (await proxyFetch(app.url, "/portal?locale=en", { shop: shop.domain, customerId })).text();
    expect(portal).toContain('name="rail" value="gift_card"');
    expect(portal).toContain("A gift card for this store");
  });
});

describe("the portal shows a gift card's code only on the creator's POST", () => {
  /** A paid gift card payout and the code Shopify's stand-in issued. */
  async function paidGiftCard() {
    const setUp = await setup();
    expect((await pay(setUp.shop.domain, setUp.payoutId)).status).toBe(200);
    await drainJobs();
    const [card] = cardsFor(setUp.payoutId);
    const target: ProxyTarget = { shop: setUp.shop.domain, customerId: setUp.customerId };
    return { ...setUp, code: card!.code, target };
  }
  const cardRow = (payoutId: string) => db().payoutGiftCard.findFirstOrThrow({ where: { payoutId } });

  it("a GET never opens or uses up the code: two GETs, then Show code (a POST) shows it, never cached nor logged", async () => {
    const { payoutId, code, target } = await paidGiftCard();
    for (let i = 0; i < 2; i++) {
      const page = await (await proxyFetch(app.url, "/portal?locale=en", target)).text();
      expect(page).not.toContain(code);
      expect(page).toContain(`Gift card •••• ${code.slice(-4)}`);
      expect(page).toMatch(/name="intent" value="show_gift_card_code"[\s\S]*?>Show code</);
    }
    expect(await cardRow(payoutId)).toMatchObject({ codeCiphertext: expect.stringMatching(/^v2\./), revealedAt: null });

    const written = vi.spyOn(process.stdout, "write");
    const shown = await portalPost(target, { intent: "show_gift_card_code", payoutId });
    const logged = written.mock.calls.map((call) => String(call[0])).join("");
    written.mockRestore();
    expect(shown.status).toBe(200);
    expect(shown.html).toContain(`Gift card code: ${code}`);
    expect(shown.html).toContain("Here is your gift card code.");
    expect(shown.headers.get("cache-control")).toContain("no-store");
    expect(logged).not.toContain(code);
    expect((await cardRow(payoutId)).revealedAt).not.toBeNull();
    // In French too.
    const french = await portalPost(target, { intent: "show_gift_card_code", payoutId }, { locale: "fr" });
    expect(french.html).toContain(`Code de la carte-cadeau : ${code}`);
    expect(french.html).toContain("Je l’ai noté");
    expect(await rowsHolding(code)).toEqual([]);
  });

  it("shows it again to the same creator until they press I saved it, which wipes it; then Show code answers 410", async () => {
    const { payoutId, code, target } = await paidGiftCard();
    const first = await portalPost(target, { intent: "show_gift_card_code", payoutId });
    // The answer was lost (or the creator reloaded): the same creator can show it again.
    const second = await portalPost(target, { intent: "show_gift_card_code", payoutId });
    expect(first.html).toContain(`Gift card code: ${code}`);
    expect(second.status).toBe(200);
    expect(second.html).toContain(`Gift card code: ${code}`);

    const saved = await portalPost(target, { intent: "gift_card_code_saved", payoutId });
    expect(saved.status).toBe(200);
    expect(saved.html).toContain("the code is no longer kept here");
    expect(saved.html).not.toContain(code);
    expect((await cardRow(payoutId)).codeCiphertext).toBeNull();
    const gone = await portalPost(target, { intent: "show_gift_card_code", payoutId });
    expect(gone.status).toBe(410);
    expect(gone.html).toContain("Look in the email we sent you");
    expect(gone.html).not.toContain(code);
    const page = await (await proxyFetch(app.url, "/portal?locale=en", target)).text();
    expect(page).not.toContain("Show code");
  });

  it("another creator, of the same shop or another, cannot show it (404) nor wipe it", async () => {
    const { shop, payoutId, code } = await paidGiftCard();
    const other = await createCreator(shop.id, "Bo Other");
    const otherCustomer = String(customerSeq++);
    await db().creator.update({ where: { id: other.id }, data: { shopifyCustomerId: otherCustomer } });
    const sameShop: ProxyTarget = { shop: shop.domain, customerId: otherCustomer };
    const elsewhere = await setup();
    const otherShop: ProxyTarget = { shop: elsewhere.shop.domain, customerId: elsewhere.customerId };
    for (const target of [sameShop, otherShop]) {
      const shown = await portalPost(target, { intent: "show_gift_card_code", payoutId });
      expect(shown.status).toBe(404);
      expect(shown.html).toContain("This payout does not exist.");
      expect(shown.html).not.toContain(code);
      expect((await portalPost(target, { intent: "gift_card_code_saved", payoutId })).status).toBe(404);
    }
    expect(await cardRow(payoutId)).toMatchObject({ codeCiphertext: expect.stringMatching(/^v2\./), revealedAt: null });
  });

  it("a POST with a forged signature is refused with 401 and neither shows nor touches the code", async () => {
    const { payoutId, code, target } = await paidGiftCard();
    const forged = await portalPost(target, { intent: "show_gift_card_code", payoutId }, { secret: "wrong" });
    expect(forged.status).toBe(401);
    expect(forged.html).not.toContain(code);
    expect(await cardRow(payoutId)).toMatchObject({ codeCiphertext: expect.stringMatching(/^v2\./), revealedAt: null });
    expect((await portalPost(target, { intent: "show_gift_card_code", payoutId })).html).toContain(`Gift card code: ${code}`);
  });
});
