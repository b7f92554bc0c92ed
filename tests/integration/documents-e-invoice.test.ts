// The self-billing e-invoice over HTTP: a UBL 2.1 document valid against the OASIS schema for a
// paid payout of a creator without VAT (O) and, once both VAT numbers are known, for a reverse
// charge between France and Germany (AE); a sentence naming the fix before that; nothing for a
// draft or another shop's payout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { creatorTaxIdField } from "~/lib/sealed-columns.server";
import { seal } from "~/lib/secret-box.server";
import { createDocumentsFixture, createOtherShop } from "../support/documents.testkit";
import { startFakeShopifyAdmin, type FakeShopifyAdmin } from "../support/fake-shopify-admin";
import { adminFetch, installShopSession } from "../support/shopify-session";
import { startTestApp, type TestApp } from "../support/test-app";
import { ublInvoiceSchemaErrors } from "../support/ubl-schema";

let app: TestApp;
let admin: FakeShopifyAdmin;
let fixture: Awaited<ReturnType<typeof createDocumentsFixture>>;
let other: Awaited<ReturnType<typeof createOtherShop>>;
const previousAdminOrigin = process.env.SHOPIFY_ADMIN_API_ORIGIN;

beforeAll(async () => {
  admin = await startFakeShopifyAdmin({
    accessToken: "shpat_test_offline_token",
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
  await db().shop.update({ where: { id: fixture.shop.id }, data: { billingCountryCode: "DE", emailReplyTo: "finance@trail.test" } });
});
afterAll(async () => {
  process.env.SHOPIFY_ADMIN_API_ORIGIN = previousAdminOrigin;
  await app?.close();
  await admin?.close();
});

const eInvoice = (payoutId: string) => adminFetch(app.url, fixture.shop.domain, `/app/payouts/${payoutId}/invoice.xml`);

describe("e-invoice (UBL 2.1, Peppol BIS self-billing)", () => {
  it("exports a paid payout of a creator outside the EU as 'not subject to VAT', valid against the UBL schema", async () => {
    const response = await eInvoice(fixture.payouts.paid.payoutId);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain('filename="CP-00001.xml"');
    const xml = await response.text();
    expect(await ublInvoiceSchemaErrors(xml)).toEqual([]);
    expect(xml).toContain("<cbc:InvoiceTypeCode>389</cbc:InvoiceTypeCode>");
    expect(xml).toContain("<cbc:ID>O</cbc:ID>");
    expect(xml).toContain('<cbc:PrepaidAmount currencyID="USD">120.00</cbc:PrepaidAmount>');
    expect(xml).not.toContain("123-45-6789");
  });

  it("names what is missing for a reverse charge, then exports it with both VAT numbers", async () => {
    const zoeEur = fixture.payouts.zoeEur.payoutId;
    const first = await eInvoice(zoeEur);
    expect(first.status).toBe(422);
    expect(await first.text()).toBe("Add the creator's VAT number (Edit creator → Tax ID): a reverse-charge e-invoice must name it.");

    const zoe = fixture.creators.zoe;
    await db().creator.update({ where: { id: zoe.id }, data: { taxIdCiphertext: seal("FR 40 303265045", creatorTaxIdField(zoe)) } });
    const second = await eInvoice(zoeEur);
    expect(second.status).toBe(422);
    expect(await second.text()).toContain("Add your store's VAT number in Settings → Payouts");

    await db().shop.update({ where: { id: fixture.shop.id }, data: { vatNumber: "DE123456789" } });
    const third = await eInvoice(zoeEur);
    expect(third.status).toBe(200);
    const xml = await third.text();
    expect(await ublInvoiceSchemaErrors(xml)).toEqual([]);
    expect(xml).toContain("<cbc:CompanyID>FR40303265045</cbc:CompanyID>");
    expect(xml).toContain("<cbc:CompanyID>DE123456789</cbc:CompanyID>");
    expect(xml).toContain("<cbc:TaxExemptionReasonCode>VATEX-EU-AE</cbc:TaxExemptionReasonCode>");
    expect(xml).toContain('<cbc:PayableAmount currencyID="EUR">250.75</cbc:PayableAmount>');
  });

  it("has nothing for a draft or for another shop's payout", async () => {
    expect((await eInvoice(fixture.payouts.draft.payoutId)).status).toBe(404);
    expect((await eInvoice(other.payout.payoutId)).status).toBe(404);
  });
});
