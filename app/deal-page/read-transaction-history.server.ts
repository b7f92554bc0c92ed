import { Prisma } from "@prisma/client";
import type { ActorType } from "@prisma/client";
import type { DbTransaction } from "../db.server";
import { DomainError } from "../domain/errors";
import type { DisplayMinor } from "../domain/money";
import { toDisplayMinor } from "../ledger/to-minor-number";
import { describeLedgerTransaction, type LedgerSubjectFacts } from "./describe-ledger-transaction";

export const HISTORY_PAGE_SIZE = 25;

export interface HistoryRow {
  transactionId: string;
  postedAt: string;
  kind: string;
  /** "How": e.g. "Commission earned on #1042". */
  description: string;
  who: { type: ActorType; id: string | null; label: string };
  currency: string;
  /** What the creator gained (+) or lost (−) in total: earned, paid, clawed back. 0 for a move between their own accounts. */
  amountMinor: DisplayMinor;
  /** For a move between the creator's own accounts (held → payable, payable → in payout): the amount moved. */
  movedMinor: DisplayMinor | null;
  payableChangeMinor: DisplayMinor;
  /** The creator's payable balance in this currency right after this transaction. */
  payableAfterMinor: DisplayMinor;
}

export interface HistoryPage {
  rows: HistoryRow[];
  /** Pass back as `historyCursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** Opaque to routes: the (postedAt, id) of the last row shown. */
function encodeCursor(postedAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([postedAt.toISOString(), id])).toString("base64url");
}

function decodeCursor(cursor: string): { postedAt: Date; id: string } {
  try {
    const [postedAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const date = new Date(postedAt);
    if (typeof id !== "string" || Number.isNaN(date.getTime())) throw new Error("bad cursor");
    return { postedAt: date, id };
  } catch {
    throw new DomainError("invalid_input", "That page of the history no longer exists; go back to the first page.", {
      fieldErrors: { historyCursor: "Go back to the first page of the history." },
    });
  }
}

interface HistoryQueryRow {
  id: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  postedAt: Date;
  currency: string;
  creatorNet: bigint;
  creatorIn: bigint | null;
  payableChange: bigint;
  payableAfter: bigint;
  actorType: ActorType;
  actorId: string | null;
  actorName: string | null;
}

/**
 * Every ledger transaction touching the creator's accounts, newest first. The remaining payable
 * balance is a running SUM over postedAt order (a window function, per currency) computed over
 * the creator's whole history before the page is cut, so every page shows true balances.
 */
export async function readTransactionHistory(
  tx: DbTransaction,
  shopId: string,
  creator: { id: string; name: string },
  options: { cursor?: string | null; pageSize?: number } = {},
): Promise<HistoryPage> {
  // Bounded: the page size may come from a query string.
  const pageSize = Math.min(Math.max(Math.trunc(options.pageSize ?? HISTORY_PAGE_SIZE) || HISTORY_PAGE_SIZE, 1), 100);
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const rows = await tx.$queryRaw<HistoryQueryRow[]>(Prisma.sql`
    WITH creator_tx AS (
      SELECT t."id", t."kind", t."subjectType", t."subjectId", t."postedAt", t."auditEventId", e."currency",
        SUM(e."amountMinor") AS "creatorNet",
        SUM(e."amountMinor") FILTER (WHERE e."amountMinor" > 0) AS "creatorIn",
        COALESCE(SUM(e."amountMinor") FILTER (WHERE e."account" = 'payable'), 0) AS "payableChange"
      FROM "LedgerEntry" e JOIN "LedgerTransaction" t ON t."id" = e."transactionId"
      WHERE e."shopId" = ${shopId} AND e."creatorId" = ${creator.id} AND t."shopId" = ${shopId}
      GROUP BY t."id", e."currency"
    ), running AS (
      SELECT c.*, SUM(c."payableChange") OVER (
        PARTITION BY c."currency" ORDER BY c."postedAt", c."id" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) AS "payableAfter"
      FROM creator_tx c
    )
    SELECT r."id", r."kind", r."subjectType", r."subjectId", r."postedAt", r."currency",
      r."creatorNet", r."creatorIn", r."payableChange", r."payableAfter", a."actorType", a."actorId", a."actorName"
    FROM running r JOIN "AuditEvent" a ON a."id" = r."auditEventId"
    ${after ? Prisma.sql`WHERE (r."postedAt", r."id") < (CAST(${after.postedAt.toISOString()} AS timestamp(3)), ${after.id})` : Prisma.empty}
    ORDER BY r."postedAt" DESC, r."id" DESC
    LIMIT ${pageSize + 1}`);

  const page = rows.slice(0, pageSize);
  const facts = await readSubjectFacts(tx, shopId, page);
  const last = page.at(-1);
  return {
    rows: page.map((row) => {
      const amountMinor = toDisplayMinor(row.creatorNet);
      return {
        transactionId: row.id,
        postedAt: row.postedAt.toISOString(),
        kind: row.kind,
        description: describeLedgerTransaction(row.kind, facts.get(`${row.subjectType}:${row.subjectId}`) ?? {}),
        who: { type: row.actorType, id: row.actorId, label: row.actorName ?? actorName(row.actorType, row.actorId, creator) },
        currency: row.currency,
        amountMinor,
        movedMinor: amountMinor === 0 ? toDisplayMinor(row.creatorIn) : null,
        payableChangeMinor: toDisplayMinor(row.payableChange),
        payableAfterMinor: toDisplayMinor(row.payableAfter),
      };
    }),
    nextCursor: rows.length > pageSize && last ? encodeCursor(last.postedAt, last.id) : null,
  };
}

function actorName(type: ActorType, id: string | null, creator: { id: string; name: string }): string {
  switch (type) {
    case "creator":
      return id === creator.id ? creator.name : "Creator";
    case "staff":
      return id ? `Staff (${id})` : "Staff";
    case "shopify":
      return "Shopify";
    case "stripe":
      return "Stripe";
    case "system":
      return "Creator Payouts (automatic)";
  }
}

/**
 * What the page's rows say about their subjects (order name, fee comment, adjustment reason,
 * payout label and how it was paid), keyed `type:id`: one statement for every subject type,
 * each part scoped by shop (inside the snapshot there is one connection, so four reads would
 * run one after another).
 */
async function readSubjectFacts(tx: DbTransaction, shopId: string, rows: HistoryQueryRow[]) {
  const idsOf = (type: string) => [...new Set(rows.filter((r) => r.subjectType === type).map((r) => r.subjectId))];
  const facts = new Map<string, LedgerSubjectFacts>();
  if (rows.length === 0) return facts;
  const found = await tx.$queryRaw<{ key: string; facts: LedgerSubjectFacts }[]>(Prisma.sql`
    SELECT 'commission:' || c."id" AS "key", json_build_object('orderName', o."orderName") AS "facts"
      FROM "Commission" c JOIN "AttributedOrder" o ON o."id" = c."orderId"
      WHERE c."shopId" = ${shopId} AND c."id" = ANY(${idsOf("commission")}::text[])
    UNION ALL
    SELECT 'fixed_fee:' || f."id", json_build_object('feeComment', f."comment")
      FROM "FixedFee" f WHERE f."shopId" = ${shopId} AND f."id" = ANY(${idsOf("fixed_fee")}::text[])
    UNION ALL
    SELECT 'adjustment:' || a."id", json_build_object('adjustmentReason', a."reason")
      FROM "Adjustment" a WHERE a."shopId" = ${shopId} AND a."id" = ANY(${idsOf("adjustment")}::text[])
    UNION ALL
    SELECT 'payout:' || p."id", json_build_object('payoutLabel', p."invoiceLabel", 'offlineMethod', p."offlineMethod",
        'offlineReference', p."offlineReference", 'stripeTransferId', p."stripeTransferId")
      FROM "Payout" p WHERE p."shopId" = ${shopId} AND p."id" = ANY(${idsOf("payout")}::text[])`);
  for (const row of found) facts.set(row.key, row.facts);
  return facts;
}
