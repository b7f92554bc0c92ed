// The self-billing invoice PDF of a payout: who issues it on whose behalf, the items and total,
// how it was paid; text kept extractable whatever the names; only for payouts with an invoice number.
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createDocumentsFixture, createOtherShop } from "../support/documents.testkit";
import { todayInTimeZone } from "~/domain/calendar";
import { startFakeShopifyAdmin, type FakeShopifyAdmin } from "../support/fake-shopify-admin";
import { adminFetch, installShopSession, type FakeStaffUser } from "../support/shopify-session";
import { pdfText } from "../support/pdf-text";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
let admin: FakeShopifyAdmin;
let fixture: Awaited<ReturnType<typeof createDocumentsFixture>>;
let other: Awaited<ReturnType<typeof createOtherShop>>;

/** A staff member with no stored session: their first request exchanges tokens, and afterAuth reads the shop. */
const LENA: FakeStaffUser = { id: 7301, first_name: "Lena", last_name: "Vogel", email: "lena@trail.test" };

beforeAll(async () => {
  admin = await startFakeShopifyAdmin({
    accessToken: "shpat_test_offline_token",
    staff: { [String(LENA.id)]: LENA },
    shop: {
      name: "Trail Co",
      currencyCode: "USD",
      ianaTimezone: "UTC",
      shopAddress: { company: "Trail Co GmbH", countryCodeV2: "DE", formatted: ["Torstraße 1", "10119 Berlin", "Germany"] },
    },
  });
  process.env.SHOPIFY_ADMIN_API_ORIGIN = admin.origin;
  app = await startTestApp();
  fixture = await createDocumentsFixture();
  other = await createOtherShop();
  await installShopSession(fixture.shop.domain);
});
afterAll(async () => {
  delete process.env.SHOPIFY_ADMIN_API_ORIGIN;
  await app?.close();
  await admin?.close();
});

const invoice = (payoutId: string) => adminFetch(app.url, fixture.shop.domain, `/app/payouts/${payoutId}/invoice.pdf`);

async function pdfOf(response: Response, filename: string) {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/pdf");
  expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${filename}"; filename*=UTF-8''${filename}`);
  expect(response.headers.get("cache-control")).toBe("private, no-store");
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect(Buffer.from(bytes.slice(0, 5)).toString("latin1")).toBe("%PDF-");
  const doc = await PDFDocument.load(bytes);
  return { pages: doc.getPageCount(), title: doc.getTitle(), text: await pdfText(bytes) };
}

describe("invoice PDF", () => {
  it("shows a paid payout's parties, items, total and payment, issued by the shop on the creator's behalf", async () => {
    const { shop } = fixture;
    const paid = fixture.payouts.paid;
    const commission = await db().payableItem.findFirstOrThrow({
      where: { id: paid.items.find((item) => item.kind === "commission")!.payableItemId },
      select: { commission: { select: { order: { select: { orderName: true } } } } },
    });
    const pdf = await pdfOf(await invoice(paid.payoutId), "CP-00001.pdf");

    expect(pdf.pages).toBe(1);
    expect(pdf.title).toBe("Invoice CP-00001");
    expect(pdf.text).toEqual([
      "Self-billing invoice",
      "Invoice number",
      "CP-00001",
      "Issue date",
      todayInTimeZone(new Date(), shop.timezone),
      "Status",
      "Paid",
      "Currency",
      "USD",
      "Customer (issuer)",
      "Supplier (creator)",
      "Trail Co",
      "Ava Ames",
      "ava@creators.test",
      "Tax country: US",
      "Tax id: 123-45-6789",
      "Description",
      "Amount",
      `Commission on order ${commission.commission!.order.orderName}`,
      "$100.00",
      "Fee: TikTok video (part)",
      "$20.00",
      "Total",
      "$120.00",
      "Payment",
      "Paid on",
      "2026-01-15",
      "Method",
      "PayPal",
      "Reference",
      "PP-7781",
      "Self-billing invoice issued by Trail Co on behalf of Ava Ames.",
    ]);
  });

  it("invoices a ready payout without payment details, keeping accents the font has (Zoë)", async () => {
    const pdf = await pdfOf(await invoice(fixture.payouts.zoeEur.payoutId), "CP-00004.pdf");
    expect(pdf.pages).toBe(1);
    expect(pdf.text).toEqual(
      expect.arrayContaining([
        "Status",
        "Approved, not yet paid",
        "Zoë Laurent",
        "Tax country: FR",
        "Adjustment: Launch bonus",
        "€250.75",
        "Total",
      ]),
    );
    expect(pdf.text).not.toContain("Payment");
    // No tax id on file: the line is left out, not printed as "not given".
    expect(pdf.text.join("\n")).not.toMatch(/Tax id|not given/);
    expect(pdf.text.at(-1)).toBe("Self-billing invoice issued by Trail Co on behalf of Zoë Laurent.");
  });

  it("replaces letters the standard font cannot encode instead of failing (Elif Yılmaz)", async () => {
    const pdf = await pdfOf(await invoice(fixture.payouts.elifEur.payoutId), "CP-00006.pdf");
    expect(pdf.text).toEqual(expect.arrayContaining(["Elif Yilmaz", "Fee: Story", "€30.00"]));
    expect(pdf.text.join("\n")).not.toMatch(/Tax country|not given/);
    expect(pdf.text.at(-1)).toBe("Self-billing invoice issued by Trail Co on behalf of Elif Yilmaz.");
  });

  // After the tests above (they read the shop without one): it gives the shared shop its billing address.
  it("names the shop's legal name and address from Shopify, and states the reverse charge for a creator in another EU country", async () => {
    // Lena's first request exchanges tokens; the afterAuth hook reads shop { shopAddress } and stores it.
    const response = await adminFetch(
      app.url,
      fixture.shop.domain,
      `/app/payouts/${fixture.payouts.zoeEur.payoutId}/invoice.pdf`,
      {},
      String(LENA.id),
    );
    const query = admin.requests.map((request) => request.body.query ?? "").find((text) => /\bshopAddress\b/.test(text));
    expect(query).toMatch(/shopAddress\s*\{\s*company\s+countryCodeV2\s+formatted\(withCompany: false\)\s*\}/);
    expect(await db().shop.findUniqueOrThrow({ where: { id: fixture.shop.id } })).toMatchObject({
      legalName: "Trail Co GmbH",
      billingAddress: "Torstraße 1\n10119 Berlin\nGermany",
      billingCountryCode: "DE",
    });
    const zoe = await pdfOf(response, "CP-00004.pdf");
    expect(zoe.text.slice(zoe.text.indexOf("Customer (issuer)"), zoe.text.indexOf("Description"))).toEqual([
      "Customer (issuer)",
      "Supplier (creator)",
      "Trail Co GmbH",
      "Zoë Laurent",
      "Torstraße 1",
      "zoe@creators.test",
      "10119 Berlin",
      "Tax country: FR",
      "Germany",
    ]);
    expect(zoe.text).toContain("Reverse charge: VAT to be accounted for by the recipient, Article 196 Directive 2006/112/EC");
    expect(zoe.text.at(-1)).toBe("Self-billing invoice issued by Trail Co GmbH on behalf of Zoë Laurent.");

    // Ava is in the US: no VAT note.
    const ava = await pdfOf(await invoice(fixture.payouts.paid.payoutId), "CP-00001.pdf");
    expect(ava.text.join("\n")).not.toMatch(/Reverse charge|VAT/);
  });

  it("refuses a draft, which has no invoice number yet, with 404 and the reason", async () => {
    const response = await invoice(fixture.payouts.draft.payoutId);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("This payout is a draft: it gets its invoice number when it is sent, so it has no invoice yet.");
  });

  it("answers 404 for an unknown payout and for another shop's payout", async () => {
    for (const payoutId of ["po_nope", other.payout.payoutId]) {
      const response = await invoice(payoutId);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe("This payout does not exist in this shop. It may have been removed.");
    }
  });

  it("refuses a request without a valid session token", async () => {
    const response = await fetch(`${app.url}/app/payouts/${fixture.payouts.paid.payoutId}/invoice.pdf?shop=${fixture.shop.domain}`, {
      headers: { Authorization: "Bearer not-a-jwt" },
      redirect: "manual",
    });
    expect(response.status).not.toBe(200);
    expect(response.headers.get("content-type")).not.toBe("application/pdf");
  });
});
