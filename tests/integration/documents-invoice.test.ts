// The self-billing invoice PDF of a payout: who issues it on whose behalf, the items and total,
// how it was paid; text kept extractable whatever the names; only for payouts with an invoice number.
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createDocumentsFixture, createOtherShop } from "../support/documents.testkit";
import { todayInTimeZone } from "~/domain/calendar";
import { adminFetch, installShopSession } from "../support/shopify-session";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
let fixture: Awaited<ReturnType<typeof createDocumentsFixture>>;
let other: Awaited<ReturnType<typeof createOtherShop>>;

beforeAll(async () => {
  app = await startTestApp();
  fixture = await createDocumentsFixture();
  other = await createOtherShop();
  await installShopSession(fixture.shop.domain);
});
afterAll(async () => {
  await app?.close();
});

const invoice = (payoutId: string) => adminFetch(app.url, fixture.shop.domain, `/app/payouts/${payoutId}/invoice.pdf`);

/**
 * The text a PDF reader extracts, one string per text-showing operator: pdf-lib writes standard
 * font text as WinAnsi hex strings (`<48656C6C6F> Tj`) in Flate-compressed content streams.
 */
async function pdfText(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  const shown: string[] = [];
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue;
      const operators = Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1");
      for (const [, hex] of operators.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) {
        shown.push(new TextDecoder("windows-1252").decode(Buffer.from(hex, "hex")));
      }
    }
  }
  return shown;
}

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
      "CP-00001",
      "Invoice number",
      "CP-00001 (no. 1)",
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
      shop.domain,
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
        "Tax id: not given",
        "Adjustment: Launch bonus",
        "€250.75",
        "Total",
      ]),
    );
    expect(pdf.text).not.toContain("Payment");
    expect(pdf.text.at(-1)).toBe("Self-billing invoice issued by Trail Co on behalf of Zoë Laurent.");
  });

  it("replaces letters the standard font cannot encode instead of failing (Elif Yılmaz)", async () => {
    const pdf = await pdfOf(await invoice(fixture.payouts.elifEur.payoutId), "CP-00006.pdf");
    expect(pdf.text).toEqual(expect.arrayContaining(["Elif Yilmaz", "Tax country: not given", "Fee: Story", "€30.00"]));
    expect(pdf.text.at(-1)).toBe("Self-billing invoice issued by Trail Co on behalf of Elif Yilmaz.");
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
