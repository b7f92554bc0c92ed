// The documents' pure formatting rules, without a database: spreadsheet safety, text the PDF
// font and SEPA banks accept, exact SEPA sums, which payouts a file leaves out and why, and dates.
import { StandardFonts, PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { csvLines, neutralizeFormula } from "~/documents/csv";
import { attachmentDisposition } from "~/documents/document-responses";
import { instantRange, startOfDayInTimeZone } from "~/domain/calendar";
import { parseQuery, payoutExportFiltersSchema } from "~/documents/export-filters";
import type { OfflinePayoutCandidate } from "~/documents/offline-payout-candidate";
import { planPaypalPayouts } from "~/documents/paypal-payouts-csv";
import { renderInvoicePdf } from "~/documents/invoice-pdf";
import { encodableText } from "~/documents/pdf-text";
import {
  assertSepaTotals,
  buildSepaCreditTransfer,
  checkSepaAccount,
  planSepaTransfers,
  sepaDebtorSchema,
  sepaIdentifier,
  sepaText,
  type SepaTransfer,
} from "~/documents/sepa-credit-transfer";

describe("CSV cells", () => {
  it.each([
    ["=SUM(A1:A2)", "'=SUM(A1:A2)"],
    ["+1-555-0100", "'+1-555-0100"],
    ["-2+3", "'-2+3"],
    ["@cmd", "'@cmd"],
    ["\t=1", "'\t=1"],
    ["-12.50", "-12.50"],
    ["12.50", "12.50"],
    ["Ava Ames", "Ava Ames"],
    ["a=b", "a=b"],
    [null, ""],
  ])("%j is written as %j", (cell, written) => {
    expect(neutralizeFormula(cell)).toBe(written);
  });

  it("quotes commas, quotes and line breaks the RFC 4180 way, with CRLF line ends", () => {
    expect(csvLines([["a,b", 'say "hi"', "two\nlines", "Zoë"], ["x"]])).toBe('"a,b","say ""hi""","two\nlines",Zoë\r\nx\r\n');
  });
});

describe("PDF text", () => {
  it("keeps what WinAnsi has and falls back to base letters, then ?", async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const supported = new Set(font.getCharacterSet());
    expect(encodableText("Zoë Ørsted – €5", supported)).toBe("Zoë Ørsted – €5");
    expect(encodableText("Elif Yılmaz, Łódź, Şişli, Đorđe", supported)).toBe("Elif Yilmaz, Lódz, Sisli, Dorde");
    expect(encodableText("李小龍 ✓\nnext", supported)).toBe("??? ? next");
    expect(() => font.encodeText(encodableText("İstanbul ğ ı ₺ 🙂", supported))).not.toThrow();
  });
});

describe("invoice PDF layout", () => {
  it("continues a long invoice on further pages and wraps long item labels", async () => {
    const bytes = await renderInvoicePdf({
      shop: { name: "Trail Co", legalName: null, addressLines: [] },
      creator: { name: "李小龍", email: "lee@creators.test", addressLines: [], taxCountry: null, taxId: null },
      invoiceLabel: "CP-00042",
      issuedOn: "2026-01-15",
      status: "ready",
      currency: "TRY",
      items: Array.from({ length: 80 }, (_, index) => ({
        label: `Commission on order #${1000 + index} `.repeat(index === 0 ? 12 : 1),
        amountMinor: 100,
      })),
      totalMinor: 8000,
      payment: null,
      vat: { kind: "none" },
    });
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(3);
    expect(doc.getTitle()).toBe("Invoice CP-00042");
  });
});

describe("SEPA", () => {
  it("writes names and references in the SEPA Latin character set", () => {
    expect(sepaText("Zoë Ørsted & Søn – Straße", 70)).toBe("Zoe Orsted + Son Strasse");
    expect(sepaText("Elif Yılmaz", 70)).toBe("Elif Yilmaz");
    expect(sepaText("A".repeat(80), 70)).toHaveLength(70);
    expect(sepaIdentifier("//INV 2026/0001")).toBe("INV-2026/0001");
  });

  it("accepts SEPA IBANs in any spacing and refuses invalid, non-SEPA or mismatched accounts", () => {
    expect(checkSepaAccount("fr14 2004 1010 0505 0001 3m02 606")).toEqual({ ok: true, iban: "FR1420041010050500013M02606", bic: null });
    expect(checkSepaAccount("DE89370400440532013000", "cobadeffxxx")).toEqual({
      ok: true,
      iban: "DE89370400440532013000",
      bic: "COBADEFFXXX",
    });
    expect(checkSepaAccount("DE89370400440532013001")).toEqual({ ok: false, problem: "is not a valid IBAN" });
    expect(checkSepaAccount("TR330006100519786457841326")).toEqual({ ok: false, problem: "is from TR, outside the SEPA area" });
    expect(checkSepaAccount("DE89370400440532013000", "BNPAFRPP")).toMatchObject({ ok: false });
  });

  const transfer = (index: number, amountMinor: number): SepaTransfer => ({
    payoutId: `po_${index}`,
    invoiceLabel: `CP-${String(index).padStart(5, "0")}`,
    creatorName: "Zoë",
    accountHolder: "Zoë Laurent",
    creditorIban: "FR1420041010050500013M02606",
    creditorBic: null,
    amountMinor,
    amount: `${Math.trunc(amountMinor / 100)}.${String(amountMinor % 100).padStart(2, "0")}`,
  });
  const debtor = sepaDebtorSchema("2026-01-15").parse({ debtorName: "Trail Co", debtorIban: "DE89370400440532013000" });

  it("sums amounts exactly where floating point would drift (0.10 + 0.20, and a thousand cents)", () => {
    const small = buildSepaCreditTransfer({
      debtor,
      transfers: [transfer(1, 10), transfer(2, 20)],
      messageId: "CP-T1",
      createdAt: new Date(),
    });
    expect(small).toMatchObject({ controlSum: "0.30", numberOfTransactions: 2 });
    expect(small.xml.match(/<CtrlSum>0\.30<\/CtrlSum>/g)).toHaveLength(2);

    const many = Array.from({ length: 1000 }, (_, index) => transfer(index + 1, index % 2 === 0 ? 1 : 99_999_999));
    const file = buildSepaCreditTransfer({ debtor, transfers: many, messageId: "CP-T2", createdAt: new Date() });
    expect(file.controlSum).toBe("500000000.00");
    expect(file.xml.match(/<CtrlSum>500000000\.00<\/CtrlSum>/g)).toHaveLength(2);
  });

  it("refuses to hand over a file whose amounts or sums differ from the payouts", () => {
    const xml = '<NbOfTxs>1</NbOfTxs><CtrlSum>1.00</CtrlSum><NbOfTxs>1</NbOfTxs><CtrlSum>1.00</CtrlSum><InstdAmt Ccy="EUR">1.00</InstdAmt>';
    expect(() => assertSepaTotals(xml, { controlSum: "1.00", amounts: ["1.00"] })).not.toThrow();
    expect(() => assertSepaTotals(xml, { controlSum: "1.01", amounts: ["1.00"] })).toThrow("control sum 1.00 ≠ 1.01");
    expect(() => assertSepaTotals(xml, { controlSum: "1.00", amounts: ["0.99"] })).toThrow("amounts 1.00 ≠ 0.99");
  });
});

describe("which payouts a file leaves out", () => {
  const NOW = new Date("2026-01-15T12:00:00Z");
  const candidate = (
    changes: Partial<Omit<OfflinePayoutCandidate, "creator">> & { creator?: Partial<OfflinePayoutCandidate["creator"]> },
  ): OfflinePayoutCandidate => ({
    payoutId: "po_1",
    invoiceLabel: "CP-00001",
    status: "ready",
    currency: "EUR",
    amountMinor: 1000,
    details: { method: "bank_transfer", accountHolder: "Zoë Laurent", iban: "FR1420041010050500013M02606" },
    ...changes,
    creator: {
      id: "cr_1",
      name: "Zoë",
      email: "zoe@creators.test",
      payoutMethod: "bank_transfer",
      payoutsHeldUntil: null,
      ...changes.creator,
    },
  });
  const reasonFor = (c: OfflinePayoutCandidate) => planSepaTransfers({ candidates: [c], unknownIds: [], now: NOW }).skipped[0]?.reason;

  it.each([
    ["a payout in review", candidate({ status: "pending_review" }), "Not ready to pay: it is pending review."],
    ["a payout of nothing", candidate({ amountMinor: 0 }), "It pays nothing."],
    ["a Stripe creator", candidate({ creator: { payoutMethod: "stripe" } }), "The creator is paid with Stripe."],
    [
      "a creator who just changed method",
      candidate({ creator: { payoutsHeldUntil: new Date("2026-01-16T00:00:00Z") } }),
      "The creator changed payout method recently: payouts are held until 2026-01-16T00:00:00.000Z.",
    ],
    ["a creator without details", candidate({ details: null }), "The creator has no payout details on file."],
    ["details that do not open", candidate({ details: "unreadable" }), "The creator's payout details could not be read."],
    ["another currency", candidate({ currency: "USD" }), "It is in USD; SEPA transfers are in EUR only."],
    [
      "other instructions",
      candidate({ details: { method: "other", instructions: "Cash" } }),
      "The creator's payout details are for another method, not a bank transfer.",
    ],
  ])("SEPA leaves out %s", (_, c, reason) => {
    expect(reasonFor(c)).toBe(reason);
  });

  it("SEPA takes a ready EUR payout to a valid IBAN once the hold is over", () => {
    const plan = planSepaTransfers({
      candidates: [candidate({ creator: { payoutsHeldUntil: new Date("2026-01-15T11:59:59Z") } })],
      unknownIds: [],
      now: NOW,
    });
    expect(plan.transfers).toEqual([
      {
        payoutId: "po_1",
        invoiceLabel: "CP-00001",
        creatorName: "Zoë",
        accountHolder: "Zoë Laurent",
        creditorIban: "FR1420041010050500013M02606",
        creditorBic: null,
        amountMinor: 1000,
        amount: "10.00",
      },
    ]);
  });

  it("PayPal leaves out bank creators and PayPal addresses a spreadsheet would run", () => {
    const paypal = (email: string) =>
      candidate({ currency: "USD", details: { method: "paypal", paypalEmail: email }, creator: { payoutMethod: "paypal" } });
    const plan = planPaypalPayouts({
      shopName: "Trail Co",
      currency: "USD",
      candidates: [paypal("ava@creators.test"), paypal("-1+2@creators.test"), candidate({ currency: "USD" })],
      unknownIds: [],
      now: NOW,
    });
    expect(plan.payments.map((payment) => [payment.paypalEmail, payment.amount])).toEqual([["ava@creators.test", "10.00"]]);
    expect(plan.skipped.map((skip) => skip.reason)).toEqual([
      "The creator's PayPal email starts with a formula character; pay this one by hand.",
      "The creator's payout details are for bank transfer, not PayPal.",
    ]);
  });
});

describe("filters and file names", () => {
  it("ignores Shopify's own query parameters and defaults to all statuses", () => {
    const parsed = parseQuery(payoutExportFiltersSchema, new URLSearchParams("shop=a.myshopify.com&embedded=1&host=abc&id_token=x"));
    expect(parsed).toEqual({ ok: true, value: { status: "all" } });
  });

  it("turns calendar days in the shop's time zone into instants, across daylight saving changes", () => {
    expect(startOfDayInTimeZone("2026-01-15", "UTC").toISOString()).toBe("2026-01-15T00:00:00.000Z");
    expect(startOfDayInTimeZone("2026-01-15", "America/New_York").toISOString()).toBe("2026-01-15T05:00:00.000Z");
    expect(startOfDayInTimeZone("2026-03-29", "Europe/Berlin").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfDayInTimeZone("2026-03-30", "Europe/Berlin").toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(instantRange({ from: "2026-03-29", to: "2026-03-29" }, "Europe/Berlin")).toEqual({
      start: new Date("2026-03-28T23:00:00.000Z"),
      end: new Date("2026-03-29T22:00:00.000Z"),
    });
  });

  it("names attachments with an ASCII fallback and the exact UTF-8 name", () => {
    expect(attachmentDisposition("CP-00001.pdf")).toBe(`attachment; filename="CP-00001.pdf"; filename*=UTF-8''CP-00001.pdf`);
    expect(attachmentDisposition('Fatura "Ş-1".pdf')).toBe(
      `attachment; filename="Fatura _S-1_.pdf"; filename*=UTF-8''Fatura%20%22%C5%9E-1%22.pdf`,
    );
  });
});
