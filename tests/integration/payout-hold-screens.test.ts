// Issue 17, "Bad input": a payout blocked by a missing form, a missing approval (or a commission
// a risk rule flagged) says WHICH rule, on every screen where a merchant could try to pay it, and
// bulk actions count what they skipped per reason. One US shop where payouts above $5,000.00 need
// a second approval: Ava is held for her W-9, Bob (not a US person) for the approval, Cy is free.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaffActor } from "~/audit/actor";
import { db } from "~/db.server";
import { todayInTimeZone } from "~/domain/calendar";
import { createPayout } from "~/payouts/create-payout.server";
import { markPayoutPaidOffline } from "~/payouts/mark-payout-paid-offline.server";
import { createCreator, createInstalledShop, givePayable, MIA } from "../support/factories";
import { drainJobs } from "../support/jobs";
import { adminFetch, DEFAULT_STAFF_USER, installStaffSession, type FakeStaffUser } from "../support/shopify-session";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
beforeAll(async () => (app = await startTestApp()));
afterAll(() => app?.close());

const LEO: FakeStaffUser = { id: 43, first_name: "Leo", last_name: "Park", email: "leo.park@shop.test" };
const MIA_STAFF: StaffActor = { type: "staff", id: String(DEFAULT_STAFF_USER.id), name: "Mia Staff", email: DEFAULT_STAFF_USER.email };
// The shop's today (its time zone): run ranges and payment dates are shop days.
const TODAY = todayInTimeZone(new Date(), "America/New_York");

const page = async (domain: string, path: string) => (await adminFetch(app.url, domain, path)).text();
const post = (domain: string, path: string, form: Record<string, string> | [string, string][]) =>
  adminFetch(app.url, domain, path, { method: "POST", body: new URLSearchParams(form) });
/** The text of an HTML page with its tags dropped (sentences split across elements read whole). */
const textOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

async function usShopWithHolds() {
  const shop = await createInstalledShop({ billingCountryCode: "US", timezone: "America/New_York" });
  await installStaffSession(shop.domain, LEO);
  const saved = await post(shop.domain, "/app/settings", {
    intent: "payout_approval",
    approvalThreshold_USD: "5,000.00",
    [`approver_${DEFAULT_STAFF_USER.id}`]: "on",
    [`approver_${LEO.id}`]: "on",
  });
  expect(saved.status).toBe(200);
  // Ava: $1,500 paid this year, $600 more ready → waits for a W-9.
  const ava = await createCreator(shop.id, "Ava Ames");
  await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor: 150_000 });
  const first = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });
  await markPayoutPaidOffline(shop.id, first.payoutId, MIA, { method: "Bank transfer", reference: "W-1", paidOn: TODAY, note: "" });
  await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor: 60_000 });
  const avaPayout = (await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA })).payoutId;
  // Bob lives in Germany (no W-9 asked); $6,000 created by Mia → awaits a second approval.
  const bob = await createCreator(shop.id, "Bob Berg", { taxCountry: "DE" });
  await givePayable(shop.id, bob.id, { kind: "fixed_fee", amountMinor: 600_000 });
  const bobPayout = (await createPayout({ shopId: shop.id, creatorId: bob.id, currency: "USD", origin: "run", actor: MIA_STAFF })).payoutId;
  // Cy: $50, nothing holds it.
  const cy = await createCreator(shop.id, "Cy Cole", { taxCountry: "DE" });
  await givePayable(shop.id, cy.id, { kind: "fixed_fee", amountMinor: 5_000 });
  const cyPayout = (await createPayout({ shopId: shop.id, creatorId: cy.id, currency: "USD", origin: "run", actor: MIA })).payoutId;
  const label = async (id: string) => (await db().payout.findUniqueOrThrow({ where: { id } })).invoiceLabel!;
  return {
    shop,
    ava,
    bob,
    cy,
    avaPayout,
    bobPayout,
    cyPayout,
    labels: { ava: await label(avaPayout), bob: await label(bobPayout), cy: await label(cyPayout) },
  };
}

describe("a held payout says which rule holds it, on every screen that could pay it", () => {
  it("the deal page lists a missing approval under “Payouts on hold”, not under the tax form", async () => {
    const { shop, bob, ava } = await usShopWithHolds();
    const html = await page(shop.domain, `/app/creators/${bob.id}`);
    const text = textOf(html);
    expect(text).toContain("Payouts on hold");
    expect(text).toMatch(/Payout CP-\d+ of \$6,000\.00 is on hold/);
    expect(text).toContain("Awaits a second approval: it is above $5,000.00");
    // The tax form card holds the form only: no approval sentence inside it.
    const taxCard = text.slice(text.indexOf(" Tax form "), text.indexOf(" Record a W-9 received on paper "));
    expect(taxCard).not.toContain("second approval");
    expect(text).not.toContain("Waiting for a W-9");

    const avaText = textOf(await page(shop.domain, `/app/creators/${ava.id}`));
    expect(avaText).toContain("Waiting for a W-9");
    expect(avaText).toContain("reach the $2,000.00 US reporting threshold");
  });

  it("the payouts list badges each held payout with its rule and filters by it", async () => {
    const { shop, labels } = await usShopWithHolds();
    const list = textOf(await page(shop.domain, "/app/payouts?status=ready"));
    // A row's text runs from its invoice label to the next row's.
    const row = (label: string) => {
      const start = list.indexOf(` ${label} `);
      const next = list.indexOf(" CP-", start + 1);
      return list.slice(start, next === -1 ? undefined : next);
    };
    expect(row(labels.ava)).toContain("On hold: Waiting for a W-9");
    expect(row(labels.bob)).toContain("On hold: Awaits a second approval");
    expect(row(labels.cy)).not.toContain("On hold");

    const filtered = textOf(await page(shop.domain, "/app/payouts?hold=awaits_second_approval"));
    expect(filtered).toContain("Showing payouts on hold: awaits a second approval");
    expect(filtered).toContain(labels.bob);
    expect(filtered).not.toContain(labels.ava);
    expect(filtered).not.toContain(labels.cy);
  });

  it("bulk “Mark paid offline” pays the free payout and counts the skipped ones per reason, naming each", async () => {
    const { shop, avaPayout, bobPayout, cyPayout, labels } = await usShopWithHolds();
    const answer = await post(shop.domain, "/app/payouts?index", [
      ["method", "Bank transfer"],
      ["reference", "BULK-1"],
      ["paidOn", TODAY],
      ["payoutId", avaPayout],
      ["payoutId", bobPayout],
      ["payoutId", cyPayout],
    ]);
    const text = textOf(await answer.text());
    expect(text).toContain("1 payout marked paid");
    expect(text).toContain("2 payouts skipped, 2 on hold (1 waiting for a W-9, 1 awaiting a second approval):");
    expect(text).toContain(`${labels.ava}: Waiting for a W-9`);
    expect(text).toContain(`${labels.bob}: Awaits a second approval`);
    const statuses = await db().payout.findMany({
      where: { id: { in: [avaPayout, bobPayout, cyPayout] } },
      select: { id: true, status: true },
    });
    expect(Object.fromEntries(statuses.map((p) => [p.id, p.status]))).toEqual({
      [avaPayout]: "ready",
      [bobPayout]: "ready",
      [cyPayout]: "paid",
    });
  });

  it("Home counts what needs review (a flagged commission, a payout to approve) and the holds per reason, with links", async () => {
    const { shop, cy } = await usShopWithHolds();
    // A commission a risk rule flagged, waiting for the merchant's decision.
    await givePayable(shop.id, cy.id, { kind: "commission", amountMinor: 1_000 });
    const commission = await db().commission.findFirstOrThrow({ where: { shopId: shop.id, creatorId: cy.id } });
    await db().commission.update({ where: { id: commission.id }, data: { status: "held", riskReview: "pending" } });
    await db().riskFlag.create({
      data: {
        shopId: shop.id,
        commissionId: commission.id,
        creatorId: cy.id,
        rule: "self_referral",
        score: 90,
        sentence: "Same customer.",
      },
    });
    const html = await page(shop.domain, "/app");
    const text = textOf(html);
    expect(text).toContain("2 items need review");
    expect(text).toContain(
      "1 commission flagged by a risk rule waits for your decision; 1 payout awaits a second staff member's approval.",
    );
    expect(html).toContain('href="/app/risk"');
    expect(html).toContain('href="/app/payouts?hold=awaits_second_approval"');
    expect(text).toContain("2 payouts are on hold");
    expect(text).toContain("1 waiting for a W-9, 1 awaiting a second approval.");
    expect(text).not.toContain("which form is missing");
  });

  it("the run preview says which payouts would wait, and why; the run page counts them per reason", async () => {
    const { shop, ava } = await usShopWithHolds();
    // $600 more became payable today: with the $1,500 paid, a run's payout of it reaches $2,100.
    await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor: 60_000, payableSince: new Date(Date.now() - 60_000) });
    const preview = textOf(
      await (
        await post(shop.domain, "/app/payouts/runs/new", { from: TODAY, to: TODAY, creatorId: "", honourMinimum: "on", intent: "preview" })
      ).text(),
    );
    expect(preview).toContain("Would wait: Waiting for a W-9");
    expect(preview).toContain("1 would be created but wait on a hold");

    const started = await post(shop.domain, "/app/payouts/runs/new", {
      from: TODAY,
      to: TODAY,
      creatorId: "",
      honourMinimum: "on",
      intent: "start",
    });
    expect(started.status).toBe(302);
    await drainJobs();
    const runPage = textOf(await page(shop.domain, started.headers.get("location")!));
    expect(runPage).toMatch(/1 payout of this run is on hold 1 waiting for a W-9\./);
    expect(runPage).toContain("On hold: Waiting for a W-9");
  });
});
