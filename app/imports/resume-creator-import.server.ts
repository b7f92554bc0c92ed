// "Resume import" for an import whose worker died (creator-import-heartbeat.ts): the file is still
// on the row and nothing of it was saved, so the job is queued again. Idempotent: the job key makes
// a second click add nothing, the import's advisory lock keeps two workers apart, and a job finding
// the import no longer running does nothing.
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { withTransaction } from "../db/transaction.server";
import { DomainError } from "../domain/errors";
import { enqueueJob } from "../jobs/enqueue-job.server";
import { JOB } from "../jobs/job-names";
import { now } from "../lib/clock.server";
import { isImportStale } from "./creator-import-heartbeat";

/** "running": it is being worked (or was just resumed, a second click): nothing to do. */
export async function resumeCreatorImport(shopId: string, importId: string, actor: Actor): Promise<"resumed" | "running" | "not_running"> {
  return withTransaction("short", async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string; status: string; heartbeatAt: Date | null; createdAt: Date }[]>`
      SELECT "id", "status"::text AS "status", "heartbeatAt", "createdAt" FROM "CreatorImport"
       WHERE "id" = ${importId} AND "shopId" = ${shopId} FOR UPDATE`;
    if (!row) throw new DomainError("not_found", "This import does not exist in your shop.");
    if (row.status !== "running") return "not_running";
    if (!isImportStale(row, now())) return "running";
    // The heartbeat restarts the clock: the resumed job has the same time to show progress.
    await tx.creatorImport.update({ where: { id: importId }, data: { heartbeatAt: now() } });
    await enqueueJob(tx, JOB.processCreatorImport, { importId }, { maxAttempts: 1, jobKey: `creator-import-resume:${importId}` });
    await recordAuditEvent(tx, {
      shopId,
      actor,
      action: "creator_import.resumed",
      subject: { type: "creator_import", id: importId },
      before: { status: "running", heartbeatAt: row.heartbeatAt?.toISOString() ?? null },
    });
    return "resumed";
  });
}
