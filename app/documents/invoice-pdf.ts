// The self-billing invoice of one payout as a PDF (pdf-lib, standard Helvetica: no font files,
// text stays extractable). Pure: data in, bytes out. It names both parties as an invoice must
// (the shop's legal name and address, the creator's name, address and tax id), states the VAT
// treatment when there is one (the reverse-charge note), shows its number once, and leaves out
// what is not known rather than printing "not given".
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { formatMoney, formatMoneyWithCode, type Money } from "../domain/money";
import type { PayoutStatus } from "../domain/status/payout-status";
import { encodableText } from "./pdf-text";
import type { VatTreatment } from "./vat-treatment";

export interface InvoiceDocument {
  /** The issuer: the shop's legal name (its billing company, else its name) and address lines. */
  shop: { name: string; legalName: string | null; addressLines: string[] };
  creator: { name: string; email: string; addressLines: string[]; taxCountry: string | null; taxId: string | null };
  invoiceLabel: string;
  /** YYYY-MM-DD in the shop's time zone: when the payout got its invoice number. */
  issuedOn: string;
  status: PayoutStatus;
  currency: string;
  /** The payout's active items. */
  items: { label: string; amountMinor: number }[];
  totalMinor: number;
  payment: { paidOn: string | null; method: string; reference: string | null } | null;
  vat: VatTreatment;
}

export function selfBillingStatement(invoice: Pick<InvoiceDocument, "shop" | "creator">): string {
  return `Self-billing invoice issued by ${invoice.shop.legalName ?? invoice.shop.name} on behalf of ${invoice.creator.name}.`;
}

const STATUS_WORDS: Record<PayoutStatus, string> = {
  draft: "Draft",
  pending_review: "In creator review",
  ready: "Approved, not yet paid",
  processing: "Being paid",
  paid: "Paid",
  failed: "Payment failed",
  canceled: "Canceled",
  reversed: "Reversed",
};

// A4 in points, with 50 pt margins.
const PAGE = { width: 595.28, height: 841.89, margin: 50 };
const GREY = rgb(0.35, 0.35, 0.35);

class Layout {
  page: PDFPage;
  y: number;
  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: { regular: PDFFont; bold: PDFFont },
    private readonly supported: ReadonlySet<number>,
  ) {
    this.page = doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
  }

  text(value: string) {
    return encodableText(value, this.supported);
  }

  /** Moves down `height`, starting a new page when the bottom margin would be crossed. */
  advance(height: number) {
    if (this.y - height < PAGE.margin) {
      this.page = this.doc.addPage([PAGE.width, PAGE.height]);
      this.y = PAGE.height - PAGE.margin;
    }
    this.y -= height;
  }

  /** Lines of `value` no wider than `width`, broken at spaces (a long word is cut). */
  wrap(value: string, width: number, size: number, bold = false): string[] {
    const font = bold ? this.fonts.bold : this.fonts.regular;
    const fits = (candidate: string) => font.widthOfTextAtSize(candidate, size) <= width;
    const lines: string[] = [];
    let line = "";
    for (const word of this.text(value).split(" ")) {
      const candidate = line ? `${line} ${word}` : word;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      while (!fits(line)) {
        let cut = line.length - 1;
        while (cut > 1 && !fits(line.slice(0, cut))) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line);
    return lines;
  }

  draw(value: string, options: { x?: number; size?: number; bold?: boolean; color?: ReturnType<typeof rgb>; alignRight?: number } = {}) {
    const size = options.size ?? 10;
    const font = options.bold ? this.fonts.bold : this.fonts.regular;
    const text = this.text(value);
    const x = options.alignRight !== undefined ? options.alignRight - font.widthOfTextAtSize(text, size) : (options.x ?? PAGE.margin);
    this.page.drawText(text, { x, y: this.y, size, font, color: options.color ?? rgb(0, 0, 0) });
  }

  rule() {
    this.page.drawLine({
      start: { x: PAGE.margin, y: this.y },
      end: { x: PAGE.width - PAGE.margin, y: this.y },
      thickness: 0.5,
      color: GREY,
    });
  }
}

/** People's format ("€1,234.50") when the font can draw it, else "1234.50 TRY". */
function amountFor(money: Money, supported: ReadonlySet<number>): string {
  const formatted = formatMoney(money);
  return [...formatted].every((char) => supported.has(char.codePointAt(0)!)) ? formatted : formatMoneyWithCode(money);
}

export async function renderInvoicePdf(invoice: InvoiceDocument): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Invoice ${invoice.invoiceLabel}`);
  doc.setAuthor(invoice.shop.name);
  doc.setSubject(selfBillingStatement(invoice));
  doc.setProducer("Creator Payouts");
  doc.setCreator("Creator Payouts");
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const supported = new Set(regular.getCharacterSet());
  const layout = new Layout(doc, { regular, bold }, supported);
  const amount = (amountMinor: number) => amountFor({ amountMinor, currency: invoice.currency }, supported);
  const right = PAGE.width - PAGE.margin;
  const column = PAGE.margin + 260;

  layout.advance(10);
  layout.draw("Self-billing invoice", { size: 20, bold: true });
  layout.advance(28);

  const facts: [string, string][] = [
    ["Invoice number", invoice.invoiceLabel],
    ["Issue date", invoice.issuedOn],
    ["Status", STATUS_WORDS[invoice.status]],
    ["Currency", invoice.currency],
  ];
  for (const [label, value] of facts) {
    layout.draw(label, { color: GREY });
    layout.draw(value, { x: PAGE.margin + 110 });
    layout.advance(15);
  }
  layout.advance(15);

  // Customer (the shop, who issues the invoice) and supplier (the creator), side by side.
  // Only what is known: a missing address or tax id is left out, never printed as "not given".
  const customer = [invoice.shop.legalName ?? invoice.shop.name, ...invoice.shop.addressLines];
  const supplier = [
    invoice.creator.name,
    ...invoice.creator.addressLines,
    invoice.creator.email,
    ...(invoice.creator.taxCountry ? [`Tax country: ${invoice.creator.taxCountry}`] : []),
    ...(invoice.creator.taxId ? [`Tax id: ${invoice.creator.taxId}`] : []),
  ];
  layout.draw("Customer (issuer)", { bold: true });
  layout.draw("Supplier (creator)", { bold: true, x: column });
  for (let index = 0; index < Math.max(customer.length, supplier.length); index++) {
    layout.advance(14);
    if (customer[index]) layout.draw(customer[index]);
    if (supplier[index]) layout.draw(supplier[index], { x: column });
  }
  layout.advance(30);

  layout.draw("Description", { bold: true });
  layout.draw("Amount", { bold: true, alignRight: right });
  layout.advance(6);
  layout.rule();
  for (const item of invoice.items) {
    const lines = layout.wrap(item.label, right - PAGE.margin - 120, 10);
    lines.forEach((line, index) => {
      layout.advance(15);
      layout.draw(line);
      if (index === 0) layout.draw(amount(item.amountMinor), { alignRight: right });
    });
  }
  layout.advance(8);
  layout.rule();
  layout.advance(16);
  layout.draw("Total", { bold: true });
  layout.draw(amount(invoice.totalMinor), { bold: true, alignRight: right });
  layout.advance(30);

  if (invoice.payment) {
    layout.draw("Payment", { bold: true });
    const payment: [string, string][] = [
      ...(invoice.payment.paidOn ? [["Paid on", invoice.payment.paidOn] as [string, string]] : []),
      ["Method", invoice.payment.method],
      ...(invoice.payment.reference ? [["Reference", invoice.payment.reference] as [string, string]] : []),
    ];
    for (const [label, value] of payment) {
      layout.advance(15);
      layout.draw(label, { color: GREY });
      layout.draw(value, { x: PAGE.margin + 110 });
    }
    layout.advance(30);
  }

  if (invoice.vat.kind === "reverse_charge") {
    for (const line of layout.wrap(invoice.vat.note, right - PAGE.margin, 10, true)) {
      layout.advance(14);
      layout.draw(line, { bold: true });
    }
    layout.advance(16);
  }

  for (const line of layout.wrap(selfBillingStatement(invoice), right - PAGE.margin, 9)) {
    layout.advance(13);
    layout.draw(line, { size: 9, color: GREY });
  }

  return new Uint8Array(await doc.save());
}
