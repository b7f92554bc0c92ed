// The reconciliation screen over HTTP (issue 15, item 5) against the fake Stripe: a transfer whose
// answer was lost (Stripe paid, the ledger did not) is named "paid at the rail, not in the ledger"
// and settled by the rail's own look-up; a paid payout whose transfer Stripe lacks is named "paid
// in the ledger, not found at the rail" and flagged for investigation; the export says the same;
// a rail that cannot be reached is a sentence while the other rails still show; shop B sees none
// of shop A's payments and cannot act on them.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createPayout } from "~/payouts/create-payout.server";
import { MIA } from "../support/factories";
import { forTransferGroup, type FakeStripe } from "../support/fake-stripe";
import { payPalUnderTest, storeCreditUnderTest } from "../support/rails-under-test";
import { sweepRailAttempts } from "~/rails/sweep-rail-attempts.server";
import { drainJobs } from "../support/jobs";
import { adminFetch } from "../support/shopify-session";
import { createStripeCreator, createStripeShop, givePayableUsd, startStripeTestApp, stopStripeTestApp } from "../support/stripe-fixtures";
import type { TestApp } from "../support/test-app";

let app: TestApp;
let fake: FakeStripe;

// PayPal and store credit as the property test sets them up: each stand-in started, one payout on it.
const paypalRail = payPalUnderTest();
const storeCreditRail = storeCreditUnderTest();

beforeAll(async () => {
  ({ app, fake } = await startStripeTestApp());
  await paypalRail.start();
  await storeCreditRail.start();
});
afterAll(async () => {
  await paypalRail.close();
  await storeCreditRail.close();
  await stopStripeTestApp({ app, fake });
});
beforeEach(() => fake.clearInjections());

const TRANSFERS = /^\/v1\/transfers$/;

async function payoutFor(shopId: string, name: string, amountMinor: number) {
  const creator = await createStripeCreator(shopId, fake, name);
  await givePayableUsd(shopId, creator.id, amountMinor);
  return (await createPayout({ shopId, creatorId: creator.id, currency: "USD", origin: "run", actor: MIA })).payoutId;
}

const post = (domain: string, path: string, fields: Record<string, string>) =>
  adminFetch(app.url, domain, path, { method: "POST", body: new URLSearchParams(fields) });
const transferOf = (payoutId: string) => fake.transfers.find((t) => t.transfer_group === payoutId)!;
const status = async (payoutId: string) => (await db().payout.findUniqueOrThrow({ where: { id: payoutId } })).status;

/** The export's lines as [rail, result, reference, payout] for easy reading. */
async function exported(domain: string): Promise<string[][]> {
  const answer = await adminFetch(app.url, domain, "/app/exports/reconciliation.csv");
  expect(answer.status).toBe(200);
  expect(answer.headers.get("content-type")).toContain("text/csv");
  const [header, ...lines] = parse((await answer.text()).replace(/^\uFEFF/, "")) as string[][];
  expect(header!.slice(0, 3)).toEqual(["Rail", "Result", "Rail reference"]);
  return lines.map((cells) => [cells[0]!, cells[1]!, cells[2]!, cells[7]!]);
}

/** Shop A: one payout matched, one paid at Stripe whose answer was lost, one paid whose transfer Stripe lacks. */
async function shopWithMismatches() {
  const shop = await createStripeShop();
  await db().shop.update({ where: { id: shop.id }, data: { enabledRails: ["stripe", "store_credit", "offline"] } });
  const matched = await payoutFor(shop.id, "Ava Ames", 10_000);
  const lostAnswer = await payoutFor(shop.id, "Bo Berg", 20_000);
  const missing = await payoutFor(shop.id, "Cy Cruz", 30_000);

  for (const payoutId of [matched, missing]) {
    expect((await post(shop.domain, `/app/payouts/${payoutId}`, { intent: "pay_stripe" })).status).toBe(200);
  }
  await drainJobs();
  // Stripe makes Bo's transfer and the answer is lost (the SDK's retry too); the job waits for a look-up.
  fake.inject(TRANSFERS, { kind: "drop" }, 2, "POST", forTransferGroup(lostAnswer));
  expect((await post(shop.domain, `/app/payouts/${lostAnswer}`, { intent: "pay_stripe" })).status).toBe(200);
  await drainJobs();
  fake.clearInjections();
  expect([await status(matched), await status(lostAnswer), await status(missing)]).toEqual(["paid", "processing", "paid"]);
  // Cy's transfer is gone from Stripe's list (as after a transfer made on another account).
  const cyTransfer = transferOf(missing);
  fake.transfers.splice(fake.transfers.indexOf(cyTransfer), 1);
  return { shop, matched, lostAnswer, missing, cyTransfer };
}

describe("the reconciliation screen", () => {
  it("names what Stripe paid that the ledger lacks and what the ledger paid that Stripe lacks, and exports it", async () => {
    const { shop, matched, lostAnswer, missing } = await shopWithMismatches();
    const page = await adminFetch(app.url, shop.domain, "/app/reconciliation");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Reconciliation");
    expect(html).toContain("Paid at the rail, not in the ledger");
    expect(html).toContain("Paid in the ledger, not found at the rail");
    expect(html).toContain(transferOf(lostAnswer).id);
    expect(html).toContain("2 mismatches");
    expect(html).toContain("Export CSV");
    // Store credit is enabled and has nothing: its section still shows, empty.
    expect(html).toContain("No Store credit payments in this range");

    const rows = await exported(shop.domain);
    expect(rows).toEqual(
      expect.arrayContaining([
        ["Stripe", "Matched", transferOf(matched).id, matched],
        ["Stripe", "Paid at the rail, not in the ledger", transferOf(lostAnswer).id, lostAnswer],
      ]),
    );
    expect(rows.find((r) => r[3] === missing)).toEqual(["Stripe", "Paid in the ledger, not found at the rail", "", missing]);
    expect(rows.filter((r) => r[0] === "Stripe")).toHaveLength(3);
  });

  it("Settle runs the rail's look-up: the lost answer's transfer settles the payout once, and the row is matched", async () => {
    const { shop, lostAnswer } = await shopWithMismatches();
    const paidBefore = await db().ledgerTransaction.count({ where: { shopId: shop.id, kind: "pay_stripe" } });
    const answer = await post(shop.domain, "/app/reconciliation", { intent: "settle", payoutId: lostAnswer });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain("The rail confirmed the payment");
    const payout = await db().payout.findUniqueOrThrow({ where: { id: lostAnswer } });
    expect(payout).toMatchObject({ status: "paid", stripeTransferId: transferOf(lostAnswer).id });
    expect(fake.transfers.filter((t) => t.transfer_group === lostAnswer)).toHaveLength(1);
    expect(await db().ledgerTransaction.count({ where: { shopId: shop.id, kind: "pay_stripe" } })).toBe(paidBefore + 1);
    expect((await exported(shop.domain)).find((r) => r[3] === lostAnswer)?.[1]).toBe("Matched");
    // Settling again finds nothing waiting: a sentence, nothing posted.
    const again = await post(shop.domain, "/app/reconciliation", { intent: "settle", payoutId: lostAnswer });
    expect(again.status).toBe(409);
    expect(await db().ledgerTransaction.count({ where: { shopId: shop.id, kind: "pay_stripe" } })).toBe(paidBefore + 1);
  });

  it("Investigate flags the payout with the note in its history", async () => {
    const { shop, missing } = await shopWithMismatches();
    const answer = await post(shop.domain, "/app/reconciliation", {
      intent: "investigate",
      payoutId: missing,
      note: "The ledger shows this payout paid, but the rail has no payment for it.",
    });
    expect(answer.status).toBe(200);
    const flagged = await db().auditEvent.findFirstOrThrow({
      where: { shopId: shop.id, subjectId: missing, action: "payout.reconciliation_investigate" },
    });
    expect(flagged.after).toMatchObject({ note: "The ledger shows this payout paid, but the rail has no payment for it.", status: "paid" });
  });

  it("says so in a sentence when Stripe cannot be reached, and still shows the other rails", async () => {
    const { shop } = await shopWithMismatches();
    fake.inject(TRANSFERS, { kind: "status", status: 503 }, 10, "GET");
    const page = await adminFetch(app.url, shop.domain, "/app/reconciliation");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Stripe could not be reached just now");
    expect(html).toContain("No Store credit payments in this range");
  });

  it("refuses a bad range with a sentence", async () => {
    const shop = await createStripeShop();
    const page = await adminFetch(app.url, shop.domain, "/app/reconciliation?from=2026-12-09&to=2026-12-01");
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("must be on or before");
    const csv = await adminFetch(app.url, shop.domain, "/app/exports/reconciliation.csv?from=yesterday");
    expect(csv.status).toBe(400);
  });

  it("shows shop B none of shop A's payments, and B cannot settle or flag A's payouts", async () => {
    // Shop B uses the same Stripe account in the fake; A's transfers carry A's shop id.
    const b = await createStripeShop();
    const bPayout = await payoutFor(b.id, "Dee Diaz", 5_000);
    await post(b.domain, `/app/payouts/${bPayout}`, { intent: "pay_stripe" });
    await drainJobs();
    const a = await shopWithMismatches();
    const html = await (await adminFetch(app.url, b.domain, "/app/reconciliation")).text();
    for (const payoutId of [a.matched, a.lostAnswer, a.missing]) expect(html).not.toContain(payoutId);
    for (const t of fake.transfers.filter((t) => t.metadata.shop_id === a.shop.id)) expect(html).not.toContain(t.id);
    expect(html).toContain(transferOf(bPayout).id);
    const rows = await exported(b.domain);
    expect(rows).toEqual([["Stripe", "Matched", transferOf(bPayout).id, bPayout]]);

    const settle = await post(b.domain, "/app/reconciliation", { intent: "settle", payoutId: a.lostAnswer });
    expect(settle.status).toBe(409);
    expect(await status(a.lostAnswer)).toBe("processing");
    const investigate = await post(b.domain, "/app/reconciliation", { intent: "investigate", payoutId: a.missing });
    expect(investigate.status).toBe(404);
    expect(await db().auditEvent.count({ where: { subjectId: a.missing, action: "payout.reconciliation_investigate" } })).toBe(0);
  });

  it("lists PayPal items and store credits beside the ledger's payouts on those rails", async () => {
    for (const rail of [paypalRail, storeCreditRail]) {
      const payout = await rail.setUp();
      await rail.click(payout);
      await drainJobs();
      rail.progress?.(payout);
      await sweepRailAttempts({ stuckAfterMs: 0 });
      expect(await status(payout.payoutId)).toBe("paid");
      const [reference] = payout.payments();
      const shop = await db().shop.findUniqueOrThrow({ where: { id: payout.shopId } });
      const label = rail.rail === "paypal" ? "PayPal Payouts" : "Store credit";
      expect(await exported(shop.domain)).toContainEqual([label, "Matched", reference, payout.payoutId]);
      const html = await (await adminFetch(app.url, shop.domain, "/app/reconciliation")).text();
      expect(html).toContain(reference);
      expect(html).not.toContain(`${label} could not be`);
      // Stripe is enabled by default but not connected here: its section says so, the others still show.
      expect(html).toContain("Stripe could not be read: Stripe is not connected for this shop.");
    }
  });
});
