// The self-billing e-invoice: valid against the OASIS UBL 2.1 Invoice schema, and holding the
// Peppol BIS Billing 3.0 rules that can be checked without a network (the business rules' totals,
// the VAT category rules for AE and O, decimals, endpoints, the self-billing profile).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { create } from "xmlbuilder2";
import { DomainError } from "~/domain/errors";
import { ublInvoiceSchemaErrors } from "../../tests/support/ubl-schema";
import { PEPPOL_SELF_BILLING_CUSTOMIZATION, PEPPOL_SELF_BILLING_PROFILE, renderInvoiceUbl, type EInvoiceDocument } from "./invoice-ubl";
import { vatTreatment } from "./vat-treatment";

const invoice = (changes: Partial<EInvoiceDocument> = {}): EInvoiceDocument => ({
  payoutId: "pay_123",
  shop: { name: "Trail Co", legalName: "Trail Co GmbH", addressLines: ["Torstraße 1", "10119 Berlin", "Germany"] },
  shopCountry: "DE",
  shopVatNumber: "DE 123 456 789",
  shopEmail: "finance@trail.test",
  creator: {
    name: "Zoë Laurent",
    email: "zoe@creators.test",
    addressLines: ["12 rue de la Paix", "75002 Paris"],
    taxCountry: "FR",
    taxId: "FR40303265045",
  },
  invoiceLabel: "CP-00042",
  issuedOn: "2026-12-05",
  status: "paid",
  currency: "EUR",
  items: [
    { label: "Commission: order #1001", amountMinor: 12_345 },
    { label: "Fee: TikTok video & <story>", amountMinor: 50_000 },
    { label: "Refund: order #1001", amountMinor: -2_345 },
  ],
  totalMinor: 60_000,
  payment: { paidOn: "2026-12-05", method: "Bank transfer", reference: "SEPA-991" },
  vat: vatTreatment({ creatorCountry: "FR", shopCountry: "DE" }),
  ...changes,
});

type Node = Record<string, unknown>;
const list = (value: unknown): Node[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]) as Node[];
const text = (value: unknown): string => (typeof value === "object" && value !== null ? String((value as Node)["#"]) : String(value));
const cents = (value: unknown) => {
  const [whole, fraction = ""] = text(value).replace("-", "").split(".");
  const minor = BigInt(whole + fraction.padEnd(2, "0"));
  return text(value).startsWith("-") ? -minor : minor;
};

/** The Peppol BIS / EN 16931 rules this document breaks (by rule id). */
function brokenRules(xml: string): string[] {
  const doc = (create(xml).end({ format: "object" }) as Node).Invoice as Node;
  const broken: string[] = [];
  const rule = (id: string, holds: boolean) => holds || broken.push(id);
  const totals = doc["cac:LegalMonetaryTotal"] as Node;
  const lines = list(doc["cac:InvoiceLine"]);
  const taxTotal = doc["cac:TaxTotal"] as Node;
  const subtotals = list(taxTotal["cac:TaxSubtotal"]);
  const parties = ["cac:AccountingSupplierParty", "cac:AccountingCustomerParty"].map((key) => (doc[key] as Node)["cac:Party"] as Node);
  const vatIds = parties.map((party) => (party["cac:PartyTaxScheme"] as Node | undefined)?.["cbc:CompanyID"]);
  rule("PEPPOL-EN16931-R004", text(doc["cbc:CustomizationID"]) === PEPPOL_SELF_BILLING_CUSTOMIZATION);
  rule("PEPPOL-EN16931-R001", text(doc["cbc:ProfileID"]) === PEPPOL_SELF_BILLING_PROFILE);
  rule("self-billing type 389", text(doc["cbc:InvoiceTypeCode"]) === "389");
  rule("PEPPOL-EN16931-R003", Boolean(doc["cbc:BuyerReference"]));
  rule(
    "PEPPOL-EN16931-R020/R010",
    parties.every((party) => (party["cbc:EndpointID"] as Node)?.["@schemeID"] === "EM"),
  );
  rule(
    "BR-09/BR-11",
    parties.every((party) =>
      /^[A-Z]{2}$/.test(text(((party["cac:PostalAddress"] as Node)["cac:Country"] as Node)["cbc:IdentificationCode"])),
    ),
  );
  rule(
    "BR-CO-10",
    lines.reduce((sum, line) => sum + cents(line["cbc:LineExtensionAmount"]), 0n) === cents(totals["cbc:LineExtensionAmount"]),
  );
  rule("BR-CO-13", cents(totals["cbc:TaxExclusiveAmount"]) === cents(totals["cbc:LineExtensionAmount"]));
  rule("BR-CO-15", cents(totals["cbc:TaxInclusiveAmount"]) === cents(totals["cbc:TaxExclusiveAmount"]) + cents(taxTotal["cbc:TaxAmount"]));
  rule(
    "BR-CO-16",
    cents(totals["cbc:PayableAmount"]) ===
      cents(totals["cbc:TaxInclusiveAmount"]) - (totals["cbc:PrepaidAmount"] ? cents(totals["cbc:PrepaidAmount"]) : 0n),
  );
  rule(
    "BR-27",
    lines.every((line) => !text((line["cac:Price"] as Node)["cbc:PriceAmount"]).startsWith("-")),
  );
  rule("BR-DEC", !/>-?\d+\.\d{3,}</.test(xml));
  for (const subtotal of subtotals) {
    const category = subtotal["cac:TaxCategory"] as Node;
    const id = text(category["cbc:ID"]);
    if (id === "AE") {
      rule("BR-AE-02", vatIds.every(Boolean));
      rule("BR-AE-05", text(category["cbc:Percent"]) === "0");
      rule("BR-AE-10", text(category["cbc:TaxExemptionReasonCode"]) === "VATEX-EU-AE");
    } else if (id === "O") {
      rule(
        "BR-O-02",
        vatIds.every((vatId) => vatId === undefined),
      );
      rule("BR-O-05", category["cbc:Percent"] === undefined);
      rule("BR-O-10", text(category["cbc:TaxExemptionReasonCode"]) === "VATEX-EU-O");
    } else broken.push(`unexpected category ${id}`);
    rule("BR-CO-17", cents(subtotal["cbc:TaxAmount"]) === 0n);
  }
  return broken;
}

function refusal(document: EInvoiceDocument): string {
  try {
    renderInvoiceUbl(document);
  } catch (error) {
    if (error instanceof DomainError) return error.message;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("UBL self-billing invoice", () => {
  it("is a valid UBL 2.1 Invoice with reverse charge (AE) between two EU member states", async () => {
    const xml = renderInvoiceUbl(invoice());
    expect(await ublInvoiceSchemaErrors(xml)).toEqual([]);
    expect(brokenRules(xml)).toEqual([]);
    expect(xml).toContain("<cbc:CompanyID>FR40303265045</cbc:CompanyID>");
    expect(xml).toContain("<cbc:CompanyID>DE123456789</cbc:CompanyID>");
    expect(xml).toContain("<cbc:TaxExemptionReasonCode>VATEX-EU-AE</cbc:TaxExemptionReasonCode>");
    expect(xml).toContain("Fee: TikTok video &amp; &lt;story&gt;");
    expect(xml).toContain('<cbc:InvoicedQuantity unitCode="C62">-1</cbc:InvoicedQuantity>');
    expect(xml).toContain('<cbc:PayableAmount currencyID="EUR">0.00</cbc:PayableAmount>');
  });

  it("states 'not subject to VAT' (O) with no VAT ids for a creator without a VAT registration", async () => {
    const xml = renderInvoiceUbl(
      invoice({
        creator: { ...invoice().creator, taxCountry: "US", taxId: "123-45-6789" },
        vat: vatTreatment({ creatorCountry: "US", shopCountry: "DE" }),
        payment: null,
        status: "ready",
      }),
    );
    expect(await ublInvoiceSchemaErrors(xml)).toEqual([]);
    expect(brokenRules(xml)).toEqual([]);
    expect(xml).not.toContain("CompanyID");
    expect(xml).toContain('<cbc:PayableAmount currencyID="EUR">600.00</cbc:PayableAmount>');
  });

  it("the rule checks catch a broken document (they can fail)", () => {
    const xml = renderInvoiceUbl(invoice());
    expect(brokenRules(xml.replace("<cbc:InvoiceTypeCode>389", "<cbc:InvoiceTypeCode>380"))).toEqual(["self-billing type 389"]);
    expect(brokenRules(xml.replace('<cbc:PayableAmount currencyID="EUR">0.00', '<cbc:PayableAmount currencyID="EUR">1.00'))).toEqual([
      "BR-CO-16",
    ]);
  });

  it("the schema check catches an element out of order (it can fail)", async () => {
    const xml = renderInvoiceUbl(invoice()).replace(
      /(<cbc:IssueDate>[^<]*<\/cbc:IssueDate>)\s*(<cbc:InvoiceTypeCode>389<\/cbc:InvoiceTypeCode>)/,
      "$2$1",
    );
    expect((await ublInvoiceSchemaErrors(xml)).join("\n")).toContain("IssueDate");
    expect(await ublInvoiceSchemaErrors([renderInvoiceUbl(invoice()), xml])).not.toEqual([]);
  });

  it.each([
    [{ creator: { ...invoice().creator, taxCountry: null } }, "Add the creator's tax country"],
    [{ shopCountry: null }, "Shopify has not given your store's billing country yet"],
    [{ shopEmail: null }, "Add a reply-to address in Settings"],
    [{ shopVatNumber: null }, "Add your store's VAT number in Settings → Payouts"],
    [
      { shopVatNumber: "FR123" },
      "Your store's VAT number cannot go on an e-invoice: This VAT number starts with FR, but the country is DE.",
    ],
    [{ creator: { ...invoice().creator, taxId: null } }, "Add the creator's VAT number"],
    [
      { creator: { ...invoice().creator, taxId: "FR12" } },
      "The creator's VAT number cannot go on an e-invoice: This VAT number does not have the FR format",
    ],
    [{ currency: "KWD" }, "Peppol e-invoices carry at most two decimals, and KWD has 3."],
    [
      {
        creator: { ...invoice().creator, taxCountry: "DE", taxId: "DE999999999" },
        vat: vatTreatment({ creatorCountry: "DE", shopCountry: "DE" }),
      },
      "needs VAT at a rate the app does not record",
    ],
  ])("refuses what it cannot state exactly, saying what to fix (%#)", (changes, sentence) => {
    expect(refusal(invoice(changes as Partial<EInvoiceDocument>))).toContain(sentence);
  });

  it("any payout's items give a schema-valid invoice whose totals hold the BIS rules (property)", async () => {
    const documents = fc.sample(
      fc
        .record({
          currency: fc.constantFrom("EUR", "USD", "JPY", "SEK"),
          amounts: fc.array(
            fc.integer({ min: -5_000_000, max: 50_000_000 }).filter((n) => n !== 0),
            { minLength: 1, maxLength: 8 },
          ),
          reverseCharge: fc.boolean(),
          paid: fc.boolean(),
        })
        .map(({ currency, amounts, reverseCharge, paid }) => {
          const creator = reverseCharge ? invoice().creator : { ...invoice().creator, taxCountry: "US", taxId: null };
          return invoice({
            currency,
            items: amounts.map((amountMinor, index) => ({ label: `Item ${index + 1}`, amountMinor })),
            totalMinor: amounts.reduce((sum, amount) => sum + amount, 0),
            creator,
            vat: vatTreatment({ creatorCountry: creator.taxCountry, shopCountry: "DE" }),
            payment: paid ? invoice().payment : null,
          });
        }),
      40,
    );
    for (const document of documents) expect(brokenRules(renderInvoiceUbl(document))).toEqual([]);
    // One schema run for all of them (libxml2 in WebAssembly is the slow part).
    expect(await ublInvoiceSchemaErrors(documents.map(renderInvoiceUbl))).toEqual([]);
  }, 120_000);
});
