// Issue 17 item 1 over HTTP: the creator's W-9 / W-8BEN in the portal (a bad TIN is refused with
// its field's sentence and writes nothing; a valid one is sealed at rest and masked for the
// merchant), the threshold rule through the payout-hold door on the payout page's pay action and
// bulk pay, the W-9 received on paper, and tenant isolation.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { markPayoutPaidOffline } from "~/payouts/mark-payout-paid-offline.server";
import { createPayout } from "~/payouts/create-payout.server";
import { proxyFetch, type ProxyTarget } from "../support/app-proxy";
import { createCreator, createInstalledShop, MIA } from "../support/factories";
import type { FakeStripe } from "../support/fake-stripe";
import { drainJobs } from "../support/jobs";
import { adminFetch } from "../support/shopify-session";
import {
  connectShopToStripe,
  createStripeCreator,
  givePayableUsd,
  startStripeTestApp,
  stopStripeTestApp,
} from "../support/stripe-fixtures";
import type { TestApp } from "../support/test-app";

let app: TestApp;
let fake: FakeStripe;

beforeAll(async () => ({ app, fake } = await startStripeTestApp()));
afterAll(() => stopStripeTestApp({ app, fake }));

// The shops below keep New York time: "today" is their date, which differs from UTC's for some
// hours of every day (a UTC date there is a payment date in the future).
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" }).format(new Date());
let customerSeq = 7100;

const VALID_W9 = {
  legalName: "Ava Ames",
  businessName: "",
  taxClassification: "individual",
  addressLine: "1 Market St",
  city: "San Francisco",
  region: "CA",
  postalCode: "94105",
  tinKind: "ssn",
  tin: "123-45-6789",
  certify: "on",
  signature: "Ava Ames",
};

/** A US shop (billing country US) on Stripe, and Ava, a Stripe creator linked to a storefront customer. */
async function usShopWithAva() {
  const shop = await createInstalledShop({ billingCountryCode: "US", timezone: "America/New_York" });
  await connectShopToStripe(shop.id);
  const ava = await createStripeCreator(shop.id, fake, "Ava Ames");
  const customerId = String(customerSeq++);
  await db().creator.update({ where: { id: ava.id }, data: { shopifyCustomerId: customerId } });
  return { shop, ava, target: { shop: shop.domain, customerId } satisfies ProxyTarget };
}

/** $1,500 paid to the creator this year (offline), then a $600 payout ready: together past $2,000. */
async function paidThenReady(shopId: string, creatorId: string) {
  await givePayableUsd(shopId, creatorId, 150_000);
  const first = await createPayout({ shopId, creatorId, currency: "USD", origin: "run", actor: MIA });
  await markPayoutPaidOffline(shopId, first.payoutId, MIA, { method: "Bank transfer", reference: "W-1", paidOn: today(), note: "" });
  await givePayableUsd(shopId, creatorId, 60_000);
  const second = await createPayout({ shopId, creatorId, currency: "USD", origin: "run", actor: MIA });
  return second.payoutId;
}

const tokenIn = (html: string) => /name="_portal_token" value="([^"]+)"/.exec(html)?.[1] ?? null;

async function submitPortalForm(target: ProxyTarget, intent: string, fields: Record<string, string>) {
  const page = await (await proxyFetch(app.url, "/portal?locale=en", target)).text();
  const body = new URLSearchParams({ _portal_token: tokenIn(page)!, intent, ...fields });
  const response = await proxyFetch(app.url, "/portal?locale=en", target, { method: "POST", body });
  return { status: response.status, html: await response.text() };
}

const payoutStatus = async (payoutId: string) => (await db().payout.findUniqueOrThrow({ where: { id: payoutId } })).status;

describe("tax forms in the portal", () => {
  it("refuses a bad TIN with the field's sentence, echoes nothing of it and writes nothing", async () => {
    const { shop, ava, target } = await usShopWithAva();
    const audits = await db().auditEvent.count({ where: { shopId: shop.id } });
    const bad = await submitPortalForm(target, "tax_form_w9", { ...VALID_W9, tin: "666-12-3456" });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain("This is not a valid SSN: it cannot start with 000, 666 or 9.");
    expect(bad.html).not.toContain("666-12-3456");
    const unsigned = await submitPortalForm(target, "tax_form_w9", { ...VALID_W9, certify: "", signature: "Someone Else" });
    expect(unsigned.status).toBe(422);
    expect(unsigned.html).toContain("Tick the box to certify");
    expect(unsigned.html).toContain("Type your name exactly as in “Name” to sign.");
    expect(await db().taxForm.count({ where: { shopId: shop.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { shopId: shop.id } })).toBe(audits);
    expect((await db().creator.findUniqueOrThrow({ where: { id: ava.id } })).taxFormOnFile).toBe(false);
  });

  it("stores a valid W-9 sealed, with signature, time and address, and the merchant sees the TIN masked", async () => {
    const { shop, ava, target } = await usShopWithAva();
    const ok = await submitPortalForm(target, "tax_form_w9", VALID_W9);
    expect(ok.status).toBe(200);
    expect(ok.html).toContain("your W-9 is on file");
    expect(ok.html).toContain("***-**-6789");
    const [form] = await db().taxForm.findMany({ where: { shopId: shop.id, creatorId: ava.id } });
    expect(form).toMatchObject({
      kind: "w9",
      source: "portal",
      signatureName: "Ava Ames",
      certifiedFromAddress: "203.0.113.7",
      tinKind: "ssn",
    });
    expect(form.tinCiphertext).toBeTruthy();
    expect(form.tinCiphertext).not.toContain("123456789");
    expect(JSON.stringify(await db().auditEvent.findMany({ where: { shopId: shop.id } }))).not.toContain("123456789");
    const deal = await (await adminFetch(app.url, shop.domain, `/app/creators/${ava.id}`)).text();
    expect(deal).toContain("***-**-6789");
    expect(deal).not.toContain("123-45-6789");
    expect(deal).not.toContain("123456789");
  });

  it("a W-8BEN is valid through the end of the third year after signing", async () => {
    const { shop, target } = await usShopWithAva();
    const ok = await submitPortalForm(target, "tax_form_w8ben", {
      legalName: "Ava Ames",
      citizenshipCountry: "DE",
      addressLine: "Hauptstr. 1",
      city: "Berlin",
      postalCode: "10115",
      country: "DE",
      foreignTaxId: "12345678901",
      treatyCountry: "DE",
      treatyArticle: "Article 7",
      dateOfBirth: "1990-04-01",
      certify: "on",
      signature: "ava ames",
    });
    expect(ok.status).toBe(200);
    const form = await db().taxForm.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(form.validThrough?.toISOString().slice(0, 10)).toBe(`${Number(today().slice(0, 4)) + 3}-12-31`);
    expect(form.tinCiphertext).not.toContain("12345678901");
  });

  it("a W-8BEN received on paper, recorded on the deal page, is kept with its validity from the signing date (audited); bad input writes nothing", async () => {
    const { shop, ava } = await usShopWithAva();
    const record = (fields: Record<string, string>) =>
      adminFetch(app.url, shop.domain, `/app/creators/${ava.id}`, {
        method: "POST",
        body: new URLSearchParams({
          intent: "record_paper_w8ben",
          legalName: "Ava Ames",
          citizenshipCountry: "DE",
          addressLine: "Hauptstr. 1",
          city: "Berlin",
          postalCode: "10115",
          country: "DE",
          foreignTaxId: "12345678901",
          treatyCountry: "DE",
          treatyArticle: "Article 7",
          dateOfBirth: "1990-04-01",
          signedOn: "2025-03-10",
          ...fields,
        }),
      });
    const living = await record({ country: "US" });
    expect(living.status).toBe(422);
    expect(await living.text()).toContain("A W-8BEN is for people living outside the US: US persons fill a W-9.");
    const future = await record({ signedOn: "2999-01-01" });
    expect(future.status).toBe(422);
    expect(await db().taxForm.count({ where: { shopId: shop.id } })).toBe(0);

    expect((await record({})).status).toBe(200);
    const form = await db().taxForm.findFirstOrThrow({ where: { shopId: shop.id, creatorId: ava.id } });
    expect(form).toMatchObject({ kind: "w8ben", source: "paper", country: "DE", treatyCountry: "DE" });
    expect(form.signedOn.toISOString().slice(0, 10)).toBe("2025-03-10");
    expect(form.validThrough?.toISOString().slice(0, 10)).toBe("2028-12-31");
    expect(form.tinCiphertext).not.toContain("12345678901");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { shopId: shop.id, action: "tax_form.paper_recorded" } });
    expect(audit.after).toMatchObject({ kind: "w8ben", signedOn: "2025-03-10", tin: "foreign tax id given" });
    expect(JSON.stringify(audit)).not.toContain("12345678901");
    const deal = await (await adminFetch(app.url, shop.domain, `/app/creators/${ava.id}`)).text();
    expect(deal).toContain("Record a W-8BEN received on paper");
    expect(deal).toContain("2028-12-31"); // valid through, on the card
  });
});

describe("the threshold rule through the payout-hold door", () => {
  it("refuses the rail pay action, skips it in bulk pay with the count, shows it on Home and the deal page, and pays once the W-9 is on file", async () => {
    const { shop, ava, target } = await usShopWithAva();
    const held = await paidThenReady(shop.id, ava.id);
    // Bob is far below the threshold: bulk pay sends his payout and skips Ava's.
    const bob = await createStripeCreator(shop.id, fake, "Bob Byrne");
    await givePayableUsd(shop.id, bob.id, 5_000);
    const bobs = await createPayout({ shopId: shop.id, creatorId: bob.id, currency: "USD", origin: "run", actor: MIA });

    const single = await adminFetch(app.url, shop.domain, `/app/payouts/${held}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "pay_stripe" }),
    });
    expect(single.status).toBe(409);
    expect(await single.text()).toContain("Waiting for a W-9");
    expect(await payoutStatus(held)).toBe("ready");

    const bulk = await (
      await adminFetch(app.url, shop.domain, "/app/payouts?index", {
        method: "POST",
        body: new URLSearchParams([
          ["intent", "pay_stripe"],
          ["payoutId", held],
          ["payoutId", bobs.payoutId],
        ]),
      })
    ).text();
    expect(bulk).toContain("1 payout is being paid with Stripe");
    expect(bulk).toContain("1 payout skipped, 1 on hold");
    expect(bulk).toContain("Waiting for a W-9");
    expect(await payoutStatus(held)).toBe("ready");
    expect(await payoutStatus(bobs.payoutId)).toBe("processing");

    // Paying by hand is paying too.
    await expect(
      markPayoutPaidOffline(shop.id, held, MIA, { method: "Cash", reference: "X", paidOn: today(), note: "" }),
    ).rejects.toMatchObject({ code: "payout_held" });

    const payoutPage = await (await adminFetch(app.url, shop.domain, `/app/payouts/${held}`)).text();
    expect(payoutPage).toContain("On hold: not paid on any rail until this is resolved");
    const home = await (await adminFetch(app.url, shop.domain, "/app")).text();
    expect(home).toContain("1 payout is on hold");
    const deal = await (await adminFetch(app.url, shop.domain, `/app/creators/${ava.id}`)).text();
    expect(deal).toContain("is on hold");
    expect(deal).toContain("reach the $2,000.00 US reporting threshold");

    expect((await submitPortalForm(target, "tax_form_w9", VALID_W9)).status).toBe(200);
    const paid = await adminFetch(app.url, shop.domain, `/app/payouts/${held}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "pay_stripe" }),
    });
    expect(paid.status).toBe(200);
    expect(await payoutStatus(held)).toBe("processing");
  });

  it("“Pay all due” (a run, as the schedule starts) skips the held payout and its summary says why; the others are paid", async () => {
    const { shop, ava } = await usShopWithAva();
    // $1,500 already paid this year; $600 more is due.
    await givePayableUsd(shop.id, ava.id, 150_000);
    const first = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });
    await markPayoutPaidOffline(shop.id, first.payoutId, MIA, { method: "Bank transfer", reference: "W-1", paidOn: today(), note: "" });
    await givePayableUsd(shop.id, ava.id, 60_000);
    const bob = await createStripeCreator(shop.id, fake, "Bob Byrne");
    await givePayableUsd(shop.id, bob.id, 5_000);

    const started = await adminFetch(app.url, shop.domain, "/app/payouts", {
      method: "POST",
      body: new URLSearchParams({ intent: "pay_all_due", requestKey: randomUUID().replaceAll("-", "") }),
    });
    expect(started.status).toBe(302);
    await drainJobs();
    const run = await db().payoutRun.findFirstOrThrow({ where: { shopId: shop.id }, orderBy: { createdAt: "desc" } });
    const rails = (run.summary as { rails?: { stripe?: { sent: number; errors: string[] } } }).rails;
    expect(rails?.stripe?.sent).toBe(1);
    expect(rails?.stripe?.errors).toHaveLength(1);
    expect(rails?.stripe?.errors[0]).toContain("Waiting for a W-9");
    const payouts = await db().payout.findMany({ where: { shopId: shop.id, runId: run.id }, select: { creatorId: true, status: true } });
    expect(payouts.find((p) => p.creatorId === ava.id)?.status).toBe("ready");
    expect(payouts.find((p) => p.creatorId === bob.id)?.status).toBe("paid");
  });

  it("a W-9 received on paper, recorded on the deal page, lets the payout through (audited)", async () => {
    const { shop, ava } = await usShopWithAva();
    const held = await paidThenReady(shop.id, ava.id);
    const record = (fields: Record<string, string>) =>
      adminFetch(app.url, shop.domain, `/app/creators/${ava.id}`, {
        method: "POST",
        body: new URLSearchParams({
          intent: "record_paper_w9",
          ...VALID_W9,
          tinKind: "ein",
          tin: "12-3456789",
          signedOn: today(),
          ...fields,
        }),
      });
    const bad = await record({ tin: "07-1234567" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("no EIN starts with 07");
    expect(await db().taxForm.count({ where: { shopId: shop.id } })).toBe(0);

    expect((await record({})).status).toBe(200);
    expect(await db().auditEvent.count({ where: { shopId: shop.id, action: "tax_form.paper_recorded" } })).toBe(1);
    const deal = await (await adminFetch(app.url, shop.domain, `/app/creators/${ava.id}`)).text();
    expect(deal).toContain("**-***6789");
    expect(deal).toContain("received on paper");
    const paid = await adminFetch(app.url, shop.domain, `/app/payouts/${held}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "pay_stripe" }),
    });
    expect(paid.status).toBe(200);
    expect(await payoutStatus(held)).toBe("processing");
  });

  it("keeps shops apart: a W-9 in one shop does not release another shop's payout, nor can a shop record one for another's creator", async () => {
    const a = await usShopWithAva();
    const b = await usShopWithAva();
    const heldInA = await paidThenReady(a.shop.id, a.ava.id);
    // The same storefront customer id in shop B submits a W-9 there.
    await db().creator.update({ where: { id: b.ava.id }, data: { shopifyCustomerId: a.target.customerId } });
    expect((await submitPortalForm({ shop: b.shop.domain, customerId: a.target.customerId }, "tax_form_w9", VALID_W9)).status).toBe(200);
    expect(await db().taxForm.count({ where: { shopId: a.shop.id } })).toBe(0);
    const stillHeld = await adminFetch(app.url, a.shop.domain, `/app/payouts/${heldInA}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "pay_stripe" }),
    });
    expect(stillHeld.status).toBe(409);

    const foreign = await adminFetch(app.url, b.shop.domain, `/app/creators/${a.ava.id}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "record_paper_w9", ...VALID_W9, signedOn: today() }),
    });
    expect(foreign.status).toBe(404);
    expect(await db().taxForm.count({ where: { shopId: a.shop.id } })).toBe(0);
    expect((await adminFetch(app.url, b.shop.domain, `/app/creators/${a.ava.id}`)).status).toBe(404);
  });

  it("year-end: the 1099-NEC CSV lists the reportable creator with W-9 data and box 1; the form's PDF summary downloads", async () => {
    const { shop, ava, target } = await usShopWithAva();
    await db().shop.update({
      where: { id: shop.id },
      data: { legalName: "Trail Co LLC", billingAddress: "1 Market St\nSan Francisco CA 94105" },
    });
    expect((await submitPortalForm(target, "tax_form_w9", VALID_W9)).status).toBe(200);
    const second = await paidThenReady(shop.id, ava.id);
    await markPayoutPaidOffline(shop.id, second, MIA, { method: "Bank transfer", reference: "W-2", paidOn: today(), note: "" });
    // Bob was paid below the threshold: not reportable.
    const bob = await createCreator(shop.id, "Bob Byrne");
    await givePayableUsd(shop.id, bob.id, 10_000);
    const bobs = await createPayout({ shopId: shop.id, creatorId: bob.id, currency: "USD", origin: "run", actor: MIA });
    await markPayoutPaidOffline(shop.id, bobs.payoutId, MIA, { method: "Cash", reference: "B", paidOn: today(), note: "" });

    const csv = await adminFetch(app.url, shop.domain, `/app/exports/1099-nec.csv?year=${today().slice(0, 4)}`);
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("Rcp TIN,Rcp TIN Type");
    expect(lines[1]).toContain("Trail Co LLC,1 Market St,San Francisco CA 94105,123-45-6789,2,");
    expect(lines[1]).toContain("Ava,Ames,");
    expect(lines[1]).toContain(",2100.00,0.00");
    expect(lines[0]).toContain("Box 5 Amount,Box 6 State,Box 6 ID Number,Box 7 Amount");
    expect(lines[1].endsWith(",2100.00,0.00,0.00,CA,,2100.00")).toBe(true); // no payer id for CA yet

    const pdf = await adminFetch(app.url, shop.domain, `/app/creators/${ava.id}/tax-form.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(bytes.toString("latin1")).not.toContain("123-45-6789");
    expect((await adminFetch(app.url, shop.domain, `/app/creators/${bob.id}/tax-form.pdf`)).status).toBe(404);
  });

  it("1099-NEC state boxes: the shop's payer id for the creator's state, saved in Settings (bad lines save nothing)", async () => {
    const { shop, ava, target } = await usShopWithAva();
    expect((await submitPortalForm(target, "tax_form_w9", VALID_W9)).status).toBe(200);
    const second = await paidThenReady(shop.id, ava.id);
    await markPayoutPaidOffline(shop.id, second, MIA, { method: "Bank transfer", reference: "S-1", paidOn: today(), note: "" });
    const save = (text: string) =>
      adminFetch(app.url, shop.domain, "/app/settings", {
        method: "POST",
        body: new URLSearchParams({ intent: "payer_state_ids", payerStateIds: text }),
      });
    const bad = await save("CA: 123-4567-8\nZZ: 1");
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("ZZ is not a US state code");
    expect(await db().payerStateId.count({ where: { shopId: shop.id } })).toBe(0);

    expect((await save("ca: 123-4567-8\nNY: 55555")).status).toBe(200);
    expect(await db().auditEvent.count({ where: { shopId: shop.id, action: "settings.payer_state_ids_updated" } })).toBe(1);
    const settings = await (await adminFetch(app.url, shop.domain, "/app/settings")).text();
    expect(settings).toContain("CA: 123-4567-8");
    const csv = await (await adminFetch(app.url, shop.domain, `/app/exports/1099-nec.csv?year=${today().slice(0, 4)}`)).text();
    expect(csv.trim().split("\r\n")[1]!.endsWith(",2100.00,0.00,0.00,CA,123-4567-8,2100.00")).toBe(true);
  });
  it("a shop outside the US holds nothing", async () => {
    const shop = await createInstalledShop({ billingCountryCode: "DE" });
    const eve = await createCreator(shop.id, "Eve Example");
    await givePayableUsd(shop.id, eve.id, 500_000);
    const { payoutId } = await createPayout({ shopId: shop.id, creatorId: eve.id, currency: "USD", origin: "run", actor: MIA });
    await markPayoutPaidOffline(shop.id, payoutId, MIA, { method: "Cash", reference: "Y", paidOn: today(), note: "" });
    expect(await payoutStatus(payoutId)).toBe("paid");
  });
});
