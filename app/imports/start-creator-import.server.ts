// "Import": the file is validated again (the shop may have changed since the preview); with any
// error nothing is written, else the file is stored on a CreatorImport row and ONE job queued,
// in one transaction.
import { createHash } from "node:crypto";
import { actorLabel, type Actor } from "../audit/actor";
import { withTransaction } from "../db/transaction.server";
import { now } from "../lib/clock.server";
import { enqueueJob } from "../jobs/enqueue-job.server";
import { JOB } from "../jobs/job-names";
import { validateCreatorImport, type CreatorImportPreview } from "./preview-creator-import.server";

export type StartCreatorImportResult = { ok: true; importId: string } | { ok: false; preview: CreatorImportPreview };

export async function startCreatorImport(
  shopId: string,
  file: { name: string; text: string },
  requestedPreset: string,
  actor: Actor,
): Promise<StartCreatorImportResult> {
  return withTransaction("longRunning", async (tx) => {
    const { rows: _rows, ...preview } = await validateCreatorImport(tx, shopId, file.text, requestedPreset);
    if (preview.errors.length > 0) return { ok: false as const, preview };
    const created = await tx.creatorImport.create({
      data: {
        shopId,
        fileName: file.name.slice(0, 200) || "creators.csv",
        fileHash: createHash("sha256").update(file.text).digest("hex"),
        preset: preview.preset,
        csvText: file.text,
        totalRows: preview.totalRows,
        createdBy: actorLabel(actor),
        summary: { actor: JSON.parse(JSON.stringify(actor)) },
        // On the app's clock, which the stale-import check compares with (not the database's).
        createdAt: now(),
      },
      select: { id: true },
    });
    // One attempt: a file that no longer validates fails with its errors and writes nothing.
    await enqueueJob(tx, JOB.processCreatorImport, { importId: created.id }, { maxAttempts: 1 });
    return { ok: true as const, importId: created.id };
  });
}
