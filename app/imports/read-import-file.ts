// An uploaded CSV file read into a header and data rows with csv-parse (RFC 4180 quoting,
// a byte-order mark from Excel, CRLF). Pure: the route reads the bytes within its limit.
import { CsvError, parse } from "csv-parse/sync";
import { MAX_IMPORT_ROWS } from "../domain/creator-import/validate-import-rows";

export type ImportFile = { ok: true; header: string[]; rows: string[][] } | { ok: false; problem: string };

export function readImportFile(text: string): ImportFile {
  let records: string[][];
  try {
    // One record past the limit is enough to say the file is too long, without reading all of it.
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, to: MAX_IMPORT_ROWS + 2 });
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, problem: `The file is not a CSV file we can read: ${error.message}` };
    throw error;
  }
  const [header, ...rows] = records;
  if (!header || header.every((cell) => cell.trim() === ""))
    return { ok: false, problem: "The file is empty: it needs a header row and one row per creator." };
  if (rows.length === 0) return { ok: false, problem: "The file has a header row but no creators." };
  if (rows.length > MAX_IMPORT_ROWS) {
    return {
      ok: false,
      problem: `The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en-US")} creators; split it into smaller files.`,
    };
  }
  return { ok: true, header, rows };
}
