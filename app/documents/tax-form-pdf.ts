// A one-page PDF summary of a W-9 or W-8BEN as certified (pdf-lib, standard Helvetica, like the
// self-billing invoice): what the creator stated, the certification (typed signature, time and
// address) or who recorded a paper form. The TIN is masked. Pure: data in, bytes out. It is a
// summary of the data on file, not the IRS form itself.
import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import { encodableText } from "./pdf-text";

export interface TaxFormSummary {
  title: string;
  shopName: string;
  creatorName: string;
  /** Label and value, in the form's order; empty values are left out. */
  lines: [string, string | null][];
  certification: string[];
}

const PAGE = { width: 612, height: 792, margin: 54 }; // US Letter

export async function renderTaxFormPdf(summary: TaxFormSummary): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${summary.title} — ${summary.creatorName}`);
  doc.setProducer("Creator Payouts");
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const supported = new Set(regular.getCharacterSet());
  const text = (value: string) => encodableText(value, supported);
  let page = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  const write = (value: string, options: { size?: number; font?: typeof regular; x?: number } = {}) => {
    const size = options.size ?? 10;
    if (y < PAGE.margin + size) {
      page = doc.addPage([PAGE.width, PAGE.height]);
      y = PAGE.height - PAGE.margin;
    }
    page.drawText(text(value).slice(0, 110), { x: options.x ?? PAGE.margin, y, size, font: options.font ?? regular, color: rgb(0, 0, 0) });
    y -= size + 6;
  };
  write(summary.title, { size: 16, font: bold });
  write(`Summary of the form on file with ${summary.shopName} for ${summary.creatorName}.`, { size: 9 });
  y -= 8;
  for (const [label, value] of summary.lines) {
    if (!value) continue;
    write(label, { size: 9, font: bold });
    write(value);
  }
  y -= 8;
  write("Certification", { size: 11, font: bold });
  for (const line of summary.certification) write(line, { size: 9 });
  return new Uint8Array(await doc.save());
}
