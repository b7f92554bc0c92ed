// The text a PDF reader extracts from the app's PDFs, one string per text-showing operator:
// pdf-lib writes standard-font text as WinAnsi hex strings (`<48656C6C6F> Tj`) in
// Flate-compressed content streams. For tests only.
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream } from "pdf-lib";

export async function pdfText(bytes: Uint8Array): Promise<string[]> {
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
