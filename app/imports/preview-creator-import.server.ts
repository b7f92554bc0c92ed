// The dry run: the file read, mapped with its preset and validated against the shop as it is.
// Writes nothing.
import type { DbTransaction } from "../db.server";
import { withTransaction } from "../db/transaction.server";
import { detectPreset, IMPORT_PRESETS, isImportPresetId, mapColumns, type ImportPresetId } from "../domain/creator-import/import-presets";
import { validateImportRows, type ImportValidation } from "../domain/creator-import/validate-import-rows";
import { readImportFile } from "./read-import-file";
import { readShopCreatorsSnapshot } from "./read-shop-creators-snapshot.server";

export interface CreatorImportPreview extends Omit<ImportValidation, "rows"> {
  preset: ImportPresetId;
  presetLabel: string;
  totalRows: number;
}

/** "auto" (or blank) detects the preset from the header row. */
export function resolvePreset(header: readonly string[], requested: string): ImportPresetId {
  return isImportPresetId(requested) ? requested : detectPreset(header);
}

export async function validateCreatorImport(
  tx: DbTransaction,
  shopId: string,
  csvText: string,
  requestedPreset: string,
): Promise<CreatorImportPreview & { rows: ImportValidation["rows"] }> {
  const file = readImportFile(csvText);
  if (!file.ok) {
    return {
      preset: "template",
      presetLabel: IMPORT_PRESETS.template.label,
      totalRows: 0,
      rows: [],
      errors: [file.problem],
      counts: { create: 0, update: 0, unchanged: 0, errorRows: 0 },
      openingBalances: [],
    };
  }
  const preset = resolvePreset(file.header, requestedPreset);
  const validation = validateImportRows(mapColumns(file.header, preset), file.rows, await readShopCreatorsSnapshot(tx, shopId));
  return { ...validation, preset, presetLabel: IMPORT_PRESETS[preset].label, totalRows: file.rows.length };
}

export async function previewCreatorImport(shopId: string, csvText: string, requestedPreset: string): Promise<CreatorImportPreview> {
  const { rows: _rows, ...preview } = await withTransaction("snapshot", (tx) =>
    validateCreatorImport(tx, shopId, csvText, requestedPreset),
  );
  return preview;
}
