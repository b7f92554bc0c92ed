// The self-billing invoice as text a reader extracts: both parties' legal identity, the VAT
// treatment (reverse charge across EU borders, nothing otherwise), no "not given" lines, and the
// invoice number once.
import { describe, expect, it } from "vitest";
import { pdfText } from "../../tests/support/pdf-text";
import { renderInvoicePdf, type InvoiceDocument } from "./invoice-pdf";
import { REVERSE_CHARGE_NOTE, vatTreatment } from "./vat-treatment";

const invoice = (changes: Partial<InvoiceDocument> = {}): InvoiceDocument => ({
  shop: { name: "Trail Co", legalName: "Trail Co GmbH", addressLines: ["Torstraße 1", "10119 Berlin", "Germany"] },
  creator: {
    name: "Zoë Laurent",
    email: "zoe@creators.test",
    addressLines: ["12 rue de la Paix", "75002 Paris", "France"],
    taxCountry: "FR",
    taxId: "FR40303265045",
  },
  invoiceLabel: "CP-00042",
  issuedOn: "2026-12-05",
  status: "paid",
  currency: "EUR",
  items: [{ label: "Fee: TikTok video", amountMinor: 50000 }],
  totalMinor: 50000,
  payment: { paidOn: "2026-12-05", method: "Bank transfer", reference: "SEPA-991" },
  vat: vatTreatment({ creatorCountry: "FR", shopCountry: "DE" }),
  ...changes,
});

const textOf = async (document: InvoiceDocument) => pdfText(await renderInvoicePdf(document));

describe("invoice PDF for self-billing", () => {
  it("names the shop's legal name and address and the creator's address and tax id", async () => {
    const text = await textOf(invoice());
    for (const line of [
      "Trail Co GmbH",
      "Torstraße 1",
      "10119 Berlin",
      "Zoë Laurent",
      "12 rue de la Paix",
      "75002 Paris",
      "Tax country: FR",
      "Tax id: FR40303265045",
    ]) {
      expect(text).toContain(line);
    }
    expect(text.at(-1)).toBe("Self-billing invoice issued by Trail Co GmbH on behalf of Zoë Laurent.");
  });

  it("states the reverse charge when the creator and the shop are in different EU countries", async () => {
    expect(await textOf(invoice())).toContain(REVERSE_CHARGE_NOTE);
    expect(REVERSE_CHARGE_NOTE).toBe("Reverse charge: VAT to be accounted for by the recipient, Article 196 Directive 2006/112/EC");
  });

  it("states no VAT note for a domestic supply, a creator outside the EU or an unknown country", async () => {
    for (const [creatorCountry, shopCountry] of [
      ["DE", "DE"],
      ["US", "DE"],
      ["FR", "US"],
      [null, "DE"],
      ["FR", null],
    ]) {
      const text = await textOf(invoice({ vat: vatTreatment({ creatorCountry, shopCountry }) }));
      expect(text.join("\n"), `${creatorCountry} → ${shopCountry}`).not.toMatch(/reverse charge|VAT/i);
    }
  });

  it("leaves out what is not known instead of printing 'not given'", async () => {
    const text = await textOf(
      invoice({
        shop: { name: "Trail Co", legalName: null, addressLines: [] },
        creator: { name: "Elif Yılmaz", email: "elif@creators.test", addressLines: [], taxCountry: null, taxId: null },
        payment: { paidOn: null, method: "Offline", reference: null },
        vat: { kind: "none" },
      }),
    );
    expect(text.join("\n")).not.toMatch(/not given|Tax country|Tax id|Reference|Paid on/);
    expect(text).not.toContain("-");
    expect(text).toContain("Trail Co");
  });

  it("shows the invoice number once", async () => {
    const text = await textOf(invoice());
    expect(text.filter((line) => line.includes("CP-00042"))).toEqual(["CP-00042"]);
    expect(text.join("\n")).not.toMatch(/no\. 42/);
  });
});

describe("VAT treatment", () => {
  it("is a reverse charge only between two different EU member states", () => {
    expect(vatTreatment({ creatorCountry: "fr", shopCountry: "DE" }).kind).toBe("reverse_charge");
    expect(vatTreatment({ creatorCountry: "GR", shopCountry: "IE" }).kind).toBe("reverse_charge");
    expect(vatTreatment({ creatorCountry: "FR", shopCountry: "FR" }).kind).toBe("none");
    expect(vatTreatment({ creatorCountry: "GB", shopCountry: "DE" }).kind).toBe("none");
    expect(vatTreatment({ creatorCountry: "CH", shopCountry: "FR" }).kind).toBe("none");
  });
});
