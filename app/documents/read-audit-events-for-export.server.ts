import { Prisma } from "@prisma/client";
import { db } from "../db.server";
import { LEDGER_BATCH_SUBJECT } from "../ledger/post-ledger-transactions.server";
import { toMinorNumber } from "../ledger/to-minor-number";
import type { AuditExportRow } from "./audit-log-csv";

export interface AuditExportQuery {
  shopId: string;
  /** Occurred at or after. */
  start?: Date;
  /** Occurred before. */
  end?: Date;
  pageSize?: number;
}

interface AuditExportQueryRow {
  id: string;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
  creatorId: string | null;
  creatorName: string | null;
  currency: string | null;
  movedMinor: bigint | null;
  fromAccounts: string[] | null;
  toAccounts: string[] | null;
  payableAfterMinor: bigint | null;
}

const timestamp = (instant: Date) => Prisma.sql`CAST(${instant.toISOString()} AS timestamp(3))`;

/**
 * The shop's audit events, oldest first, a page of events at a time (keyset on occurredAt, id;
 * index shopId, occurredAt), each with the money it moved: the ledger transaction posted with it
 * (one row per currency), the creator concerned and the creator's payable balance right after
 * the movement. That balance is a sum over the append-only ledger of the creator's payable
 * entries in that currency up to and including this transaction, in posting order (postedAt,
 * then id) — the order the deal page's transaction history uses — so it is never stored and
 * never drifts. A batch audit event (the drain's postings share one, `auditPerBatch` in
 * post-ledger-transactions.server.ts) is listed one row per posting, each with the action, subject,
 * before and after it keeps for that posting's transaction — the rows a per-posting event gave.
 */
export async function* readAuditEventsForExport(query: AuditExportQuery): AsyncGenerator<AuditExportRow[]> {
  const { shopId } = query;
  const pageSize = query.pageSize ?? 1000;
  let after: { occurredAt: Date; id: string } | null = null;
  for (;;) {
    const conditions: Prisma.Sql[] = [
      Prisma.sql`a."shopId" = ${shopId}`,
      ...(query.start ? [Prisma.sql`a."occurredAt" >= ${timestamp(query.start)}`] : []),
      ...(query.end ? [Prisma.sql`a."occurredAt" < ${timestamp(query.end)}`] : []),
      ...(after ? [Prisma.sql`(a."occurredAt", a."id") > (${timestamp(after.occurredAt)}, ${after.id})`] : []),
    ];
    const rows: AuditExportQueryRow[] = await db().$queryRaw<AuditExportQueryRow[]>(Prisma.sql`
      WITH page AS MATERIALIZED (
        SELECT a."id", a."occurredAt", a."actorType"::text AS "actorType", a."actorId", a."actorName", a."actorEmail",
          a."action", a."subjectType", a."subjectId", a."before", a."after"
        FROM "AuditEvent" a
        WHERE ${Prisma.join(conditions, " AND ")}
        ORDER BY a."occurredAt", a."id"
        LIMIT ${pageSize}
      ), moves AS (
        SELECT t."auditEventId", t."id" AS "transactionId", t."postedAt", e."currency",
          MAX(e."creatorId") AS "creatorId",
          SUM(e."amountMinor") FILTER (WHERE e."amountMinor" > 0)::bigint AS "movedMinor",
          array_agg(DISTINCT e."account"::text) FILTER (WHERE e."amountMinor" < 0) AS "fromAccounts",
          array_agg(DISTINCT e."account"::text) FILTER (WHERE e."amountMinor" > 0) AS "toAccounts"
        FROM page p
        JOIN "LedgerTransaction" t ON t."auditEventId" = p."id" AND t."shopId" = ${shopId}
        JOIN "LedgerEntry" e ON e."transactionId" = t."id"
        GROUP BY t."auditEventId", t."id", t."postedAt", e."currency"
      ), batched AS (
        -- A batch event's postings, each event's JSON read once (not once per posting).
        SELECT p."id" AS "auditEventId", d."key" AS "transactionId", d."value" AS "detail"
        FROM page p CROSS JOIN LATERAL jsonb_each(p."after") d
        WHERE p."subjectType" = ${LEDGER_BATCH_SUBJECT}
      ), posting AS (
        SELECT p."id", p."occurredAt", p."actorType", p."actorId", p."actorName", p."actorEmail",
          COALESCE(b."detail"->>'action', p."action") AS "action",
          COALESCE(b."detail"->>'subjectType', p."subjectType") AS "subjectType",
          COALESCE(b."detail"->>'subjectId', p."subjectId") AS "subjectId",
          CASE WHEN b."detail" IS NULL THEN p."before" ELSE NULLIF(b."detail"->'before', 'null'::jsonb) END AS "before",
          CASE WHEN b."detail" IS NULL THEN p."after" ELSE NULLIF(b."detail"->'after', 'null'::jsonb) END AS "after",
          m."transactionId", m."postedAt", m."currency", m."movedMinor", m."fromAccounts", m."toAccounts", m."creatorId" AS "movedCreatorId"
        FROM page p
        LEFT JOIN moves m ON m."auditEventId" = p."id"
        LEFT JOIN batched b ON b."auditEventId" = p."id" AND b."transactionId" = m."transactionId"
      ), subject AS (
        SELECT p.*, COALESCE(p."movedCreatorId", po."creatorId", CASE WHEN p."subjectType" = 'creator' THEN p."subjectId" END) AS "creatorId"
        FROM posting p
        LEFT JOIN "Payout" po ON p."subjectType" = 'payout' AND po."id" = p."subjectId" AND po."shopId" = ${shopId}
      )
      SELECT s."id", s."occurredAt", s."actorType", s."actorId", s."actorName", s."actorEmail", s."action",
        s."subjectType", s."subjectId", s."before", s."after", s."creatorId", c."name" AS "creatorName",
        s."currency", s."movedMinor", s."fromAccounts", s."toAccounts",
        CASE WHEN s."transactionId" IS NOT NULL AND s."creatorId" IS NOT NULL THEN (
          SELECT COALESCE(SUM(e2."amountMinor"), 0)::bigint
          FROM "LedgerEntry" e2 JOIN "LedgerTransaction" t2 ON t2."id" = e2."transactionId"
          WHERE e2."shopId" = ${shopId} AND e2."creatorId" = s."creatorId" AND e2."currency" = s."currency"
            AND e2."account" = 'payable' AND (t2."postedAt", t2."id") <= (s."postedAt", s."transactionId")
        ) END AS "payableAfterMinor"
      FROM subject s
      LEFT JOIN "Creator" c ON c."id" = s."creatorId" AND c."shopId" = ${shopId}
      ORDER BY s."occurredAt", s."id", s."transactionId", s."currency"`);
    if (rows.length === 0) return;
    yield rows.map(toExportRow);
    const last: AuditExportQueryRow = rows[rows.length - 1];
    if (new Set(rows.map((row) => row.id)).size < pageSize) return;
    after = { occurredAt: last.occurredAt, id: last.id };
  }
}

function toExportRow(row: AuditExportQueryRow): AuditExportRow {
  return {
    id: row.id,
    occurredAt: row.occurredAt,
    actorType: row.actorType,
    actorId: row.actorId,
    actorName: row.actorName,
    actorEmail: row.actorEmail,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    creatorId: row.creatorId,
    creatorName: row.creatorName,
    movement:
      row.currency === null
        ? null
        : {
            currency: row.currency,
            amountMinor: toMinorNumber(row.movedMinor),
            fromAccounts: row.fromAccounts ?? [],
            toAccounts: row.toAccounts ?? [],
            creatorPayableAfterMinor: row.payableAfterMinor === null ? null : toMinorNumber(row.payableAfterMinor),
          },
    before: row.before,
    after: row.after,
  };
}
