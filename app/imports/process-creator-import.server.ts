// The background job of a creator import (graphile-worker task `process_creator_import`). The
// whole file is applied in ONE database transaction, so an import is complete or absent, never
// half made; set-based statements per batch of rows keep 10,000 rows to seconds, and the progress
// of each batch is written on a separate connection so the import page can show it meanwhile.
// Opening balances go through the adjustment door's pieces: an Adjustment, its ledger posting
// (postLedgerTransactions, keyed per shop, email and currency) and a payable item.
import { Prisma } from "@prisma/client";
import type { Task } from "graphile-worker";
import { z } from "zod";
import { ADJUSTMENT_SUBJECT } from "../adjustments/post-adjustment.server";
import { actorLabel, SYSTEM_ACTOR, type Actor } from "../audit/actor";
import { recordAuditEvents } from "../audit/record-audit-event.server";
import { db, type DbTransaction } from "../db.server";
import { lockCreatorBalance } from "../db/locks.server";
import { withTransaction } from "../db/transaction.server";
import { openingBalanceKey, OPENING_BALANCE_REASON, type ImportRowPlan } from "../domain/creator-import/validate-import-rows";
import { postAdjustment as adjustmentDraft } from "../domain/ledger";
import { postLedgerTransactions } from "../ledger/post-ledger-transactions.server";
import { now } from "../lib/clock.server";
import { validateCreatorImport } from "./preview-creator-import.server";

export const IMPORT_BATCH_SIZE = 1000;

const jobPayload = z.object({ importId: z.string() });

export const processCreatorImportTask: Task = async (payload) => {
  const { importId } = jobPayload.parse(payload);
  try {
    await processCreatorImport(importId);
  } catch (error) {
    await db().creatorImport.update({
      where: { id: importId },
      data: {
        status: "failed",
        error: error instanceof Error ? error.message : String(error),
        doneRows: 0,
        csvText: "",
        finishedAt: now(),
      },
    });
  }
};

class ImportNoLongerValid extends Error {}

export async function processCreatorImport(importId: string): Promise<void> {
  const job = await db().creatorImport.findUnique({ where: { id: importId } });
  if (!job || job.status !== "running") return;
  const actor = ((job.summary as { actor?: Actor } | null)?.actor ?? SYSTEM_ACTOR) as Actor;
  await reportProgress(importId, 0);
  await withTransaction("import", async (tx) => {
    // One import per shop at a time: the second sees the first's creators when it validates.
    await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended(${`creator-import:${job.shopId}`}, 0))`);
    const validation = await validateCreatorImport(tx, job.shopId, job.csvText, job.preset);
    if (validation.errors.length > 0) {
      throw new ImportNoLongerValid(`The file no longer imports cleanly: ${validation.errors.slice(0, 5).join("; ")}`);
    }
    await reportProgress(importId, 0);
    const planIds = await importedRatePlans(tx, job.shopId, validation.rows);
    const changed = validation.rows.filter((row) => row.action !== "unchanged");
    for (let start = 0; start < changed.length; start += IMPORT_BATCH_SIZE) {
      await applyBatch(tx, job.shopId, changed.slice(start, start + IMPORT_BATCH_SIZE), planIds, actor);
      const done = Math.min(changed.length, start + IMPORT_BATCH_SIZE);
      // Unchanged rows need no work: progress counts them as done with the rest, proportionally.
      await reportProgress(importId, Math.floor((done / changed.length) * job.totalRows));
    }
    const result = { counts: validation.counts, openingBalances: validation.openingBalances, actor };
    await tx.creatorImport.update({
      where: { id: importId },
      // The file (names and emails) is not kept once applied: what it did is in the creators and the audit trail.
      data: { status: "completed", doneRows: job.totalRows, csvText: "", summary: JSON.parse(JSON.stringify(result)), finishedAt: now() },
    });
  });
}

/**
 * Outside the import's transaction, so the page sees it while the transaction runs; also the
 * worker's heartbeat (creator-import-heartbeat.ts).
 */
async function reportProgress(importId: string, doneRows: number) {
  await db().creatorImport.updateMany({ where: { id: importId, status: "running" }, data: { doneRows, heartbeatAt: now() } });
}

/** One percentage plan per imported rate ("Imported rate 12.5 %"), found or created. */
async function importedRatePlans(tx: DbTransaction, shopId: string, rows: readonly ImportRowPlan[]): Promise<Map<number, string>> {
  const rates = [...new Set(rows.filter((r) => r.action !== "unchanged" && r.rateBasisPoints !== null).map((r) => r.rateBasisPoints!))];
  const plans = new Map<number, string>();
  for (const rate of rates) {
    const name = `Imported rate ${rate / 100} %`;
    const found = await tx.commissionPlan.findFirst({
      where: { shopId, name, kind: "percentage", rateBasisPoints: rate },
      select: { id: true },
    });
    plans.set(
      rate,
      found?.id ?? (await tx.commissionPlan.create({ data: { shopId, name, kind: "percentage", rateBasisPoints: rate } })).id,
    );
  }
  return plans;
}

async function applyBatch(tx: DbTransaction, shopId: string, rows: readonly ImportRowPlan[], planIds: Map<number, string>, actor: Actor) {
  const at = now();
  const planOf = (row: ImportRowPlan) => (row.rateBasisPoints === null ? null : planIds.get(row.rateBasisPoints)!);
  const creates = rows.filter((row) => row.action === "create");
  const updates = rows.filter((row) => row.action === "update");

  const createdIds = new Map<string, string>();
  if (creates.length > 0) {
    const values = JSON.stringify(
      creates.map((row) => ({
        name: row.name,
        email: row.email,
        referralCode: row.referralCode,
        payoutMethod: row.payoutMethod,
        planId: planOf(row),
      })),
    );
    const inserted = await tx.$queryRaw<{ id: string; email: string }[]>(Prisma.sql`
      INSERT INTO "Creator" ("shopId", "status", "name", "email", "referralCode", "payoutMethod", "commissionPlanId", "updatedAt")
      SELECT ${shopId}, 'invited', v."name", v."email", v."referralCode", v."payoutMethod"::"PayoutMethod", v."planId", ${at}
      FROM jsonb_to_recordset(${values}::jsonb) AS v("name" text, "email" text, "referralCode" text, "payoutMethod" text, "planId" text)
      RETURNING "id", "email"`);
    for (const row of inserted) createdIds.set(row.email, row.id);
  }
  if (updates.length > 0) {
    const values = JSON.stringify(
      updates.map((row) => ({ id: row.creatorId, name: row.name, payoutMethod: row.payoutMethod, planId: planOf(row) })),
    );
    await tx.$executeRaw(Prisma.sql`
      UPDATE "Creator" c SET "name" = v."name",
        "payoutMethod" = COALESCE(v."payoutMethod"::"PayoutMethod", c."payoutMethod"),
        "commissionPlanId" = COALESCE(v."planId", c."commissionPlanId"), "updatedAt" = ${at}
      FROM jsonb_to_recordset(${values}::jsonb) AS v("id" text, "name" text, "payoutMethod" text, "planId" text)
      WHERE c."id" = v."id" AND c."shopId" = ${shopId}`);
  }
  const creatorIdOf = (row: ImportRowPlan) => row.creatorId ?? createdIds.get(row.email)!;

  const codes = rows.flatMap((row) => row.newDiscountCodes.map((code) => ({ creatorId: creatorIdOf(row), code })));
  if (codes.length > 0) await tx.discountCode.createMany({ data: codes.map((c) => ({ shopId, ...c })) });

  const balances = rows.flatMap((row) => row.openingBalances.map((b) => ({ row, creatorId: creatorIdOf(row), ...b })));
  // Existing creators may have a payout being built from their balance: serialise with it.
  for (const b of balances.filter((b) => b.row.creatorId !== null))
    await lockCreatorBalance(tx, { shopId, creatorId: b.creatorId, currency: b.currency });
  if (balances.length > 0) {
    const values = JSON.stringify(
      balances.map((b, ord) => ({ ord, creatorId: b.creatorId, currency: b.currency, amountMinor: String(b.amountMinor) })),
    );
    const adjustments = await tx.$queryRaw<{ id: string; ord: number }[]>(Prisma.sql`
      WITH v AS (SELECT * FROM jsonb_to_recordset(${values}::jsonb) AS v("ord" int, "creatorId" text, "currency" text, "amountMinor" text)),
      inserted AS (
        INSERT INTO "Adjustment" ("shopId", "creatorId", "amountMinor", "currency", "reason", "createdBy")
        SELECT ${shopId}, v."creatorId", v."amountMinor"::bigint, v."currency", ${OPENING_BALANCE_REASON}, ${actorLabel(actor)} FROM v ORDER BY v."ord"
        RETURNING "id", "creatorId", "currency"
      )
      SELECT i."id", v."ord" FROM inserted i JOIN v ON v."creatorId" = i."creatorId" AND v."currency" = i."currency"`);
    const adjustmentIdOf = new Map(adjustments.map((a) => [a.ord, a.id]));
    await postLedgerTransactions(
      tx,
      balances.map((b, ord) => ({
        shopId,
        actor,
        action: "adjustment.posted",
        subject: { type: ADJUSTMENT_SUBJECT, id: adjustmentIdOf.get(ord)! },
        draft: adjustmentDraft({ creatorId: b.creatorId, currency: b.currency, amountMinor: b.amountMinor }),
        idempotencyKey: openingBalanceKey(b.row.email, b.currency),
        after: { amountMinor: b.amountMinor, currency: b.currency, reason: OPENING_BALANCE_REASON, imported: true },
      })),
    );
    await tx.payableItem.createMany({
      data: balances.map((b, ord) => ({
        shopId,
        creatorId: b.creatorId,
        kind: "adjustment" as const,
        amountMinor: BigInt(b.amountMinor),
        currency: b.currency,
        payableSince: at,
        adjustmentId: adjustmentIdOf.get(ord)!,
      })),
    });
  }
  await recordAuditEvents(
    tx,
    rows.map((row) => ({
      shopId,
      actor,
      action: row.action === "create" ? "creator.imported" : "creator.updated_by_import",
      subject: { type: "creator", id: creatorIdOf(row) },
      after: {
        name: row.name,
        email: row.email,
        referralCode: row.referralCode,
        addedDiscountCodes: row.newDiscountCodes,
        rateBasisPoints: row.rateBasisPoints,
        payoutMethod: row.payoutMethod,
        openingBalances: row.openingBalances,
      },
    })),
  );
}
