// Validates a UBL 2.1 Invoice against the OASIS schemas (tests/fixtures/ubl-2.1, the OASIS UBL 2.1
// OS release with their documentation annotations removed and imports flattened) with libxml2
// compiled to WebAssembly (xmllint-wasm): no native build, no network.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { validateXML } from "xmllint-wasm";

const SCHEMA_DIR = path.join(__dirname, "../fixtures/ubl-2.1");
const MAIN = "UBL-Invoice-2.1.xsd";

let files: { fileName: string; contents: string }[] | null = null;
function schemaFiles() {
  files ??= readdirSync(SCHEMA_DIR)
    .filter((name) => name.endsWith(".xsd"))
    .map((fileName) => ({ fileName, contents: readFileSync(path.join(SCHEMA_DIR, fileName), "utf8") }));
  return files;
}

/** The schema errors of each document (none when all are valid UBL 2.1 Invoices), in one libxml2 run. */
export async function ublInvoiceSchemaErrors(xml: string | string[]): Promise<string[]> {
  const all = schemaFiles();
  const documents = Array.isArray(xml) ? xml : [xml];
  const result = await validateXML({
    xml: documents.map((contents, index) => ({ fileName: `invoice-${index + 1}.xml`, contents })),
    schema: all.find((file) => file.fileName === MAIN)!,
    preload: all.filter((file) => file.fileName !== MAIN),
  });
  return result.errors.map((error) => error.message);
}
