// CSV for people who open it in a spreadsheet: RFC 4180 quoting (csv-stringify), CRLF line ends,
// and formula-injection guarding on every cell (OWASP "CSV Injection").
import { stringify } from "csv-stringify/sync";

export type CsvCell = string | number | null | undefined;

// A cell a spreadsheet would run as a formula: = + - @ and, per OWASP, a leading tab or CR.
const FORMULA_START = /^[=+\-@\t\r]/;
// Plain numbers ("-12.50") are data, not formulas: they stay numbers in the spreadsheet.
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** Prefixes a cell that a spreadsheet would evaluate ("=HYPERLINK(…)") with a single quote. */
export function neutralizeFormula(cell: CsvCell): string {
  if (cell === null || cell === undefined) return "";
  const text = String(cell);
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** CSV lines for the rows, each ending in CRLF; cells are guarded against formulas. */
export function csvLines(rows: readonly (readonly CsvCell[])[]): string {
  if (rows.length === 0) return "";
  return stringify(
    rows.map((row) => row.map(neutralizeFormula)),
    // A bare LF inside a cell must be quoted too, or spreadsheets start a new row there.
    { record_delimiter: "windows", quoted_match: /[\r\n]/ },
  );
}

export interface CsvStreamOptions {
  header: readonly string[];
  /** Rows, a page at a time: the stream asks for the next page only when the client has read the last. */
  pages: AsyncIterable<readonly (readonly CsvCell[])[]>;
  /** A UTF-8 byte order mark, so Excel reads accents ("Zoë") correctly. Not for machine uploads. */
  byteOrderMark?: boolean;
}

/**
 * A CSV file as a byte stream: the header first, then one chunk per page. Pull-based, so a large
 * export holds one page in memory at a time and stops reading the database if the client goes away.
 */
export function csvStream({ header, pages, byteOrderMark = false }: CsvStreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode((byteOrderMark ? "\uFEFF" : "") + csvLines([header])));
        return;
      }
      // Enqueue something (or close) before returning: a pull that enqueues nothing is not repeated.
      for (;;) {
        const next = await iterator.next();
        if (next.done) {
          controller.close();
          return;
        }
        if (next.value.length > 0) {
          controller.enqueue(encoder.encode(csvLines(next.value)));
          return;
        }
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
