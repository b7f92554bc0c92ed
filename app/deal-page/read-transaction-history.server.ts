import { Prisma } from "@prisma/client";
import type { ActorType } from "@prisma/client";
import type { Db, DbTransaction } from "../db.server";
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

/** A history row as the statement's JSON gives it (amounts as text: exact past 2^53). */
interface HistoryJsonRow {
  id: string;
  kind: string;
  postedAt: string;
  currency: string;
  creatorNet: string;
  creatorIn: string | null;
  payableChange: string;
  payableAfter: string;
  actorType: ActorType;
  actorId: string | null;
  actorName: string | null;
  /** What the row's subject says (order name, fee comment, adjustment reason, payout label and how it was paid). */
  facts: LedgerSubjectFacts | null;
}

/** The rows of one page as read: up to pageSize + 1 (the extra one says there is a next page). */
export type HistoryRowsJson = HistoryJsonRow[];

export interface HistoryOptions {
  cursor?: string | null;
  pageSize?: number;
}

/** Bounded: the page size may come from a query string. Decodes the cursor (a bad one is refused with a sentence). */
export function historyQuery(options: HistoryOptions = {}): { pageSize: number; after: { postedAt: Date; id: string } | null } {
  const pageSize = Math.min(Math.max(Math.trunc(options.pageSize ?? HISTORY_PAGE_SIZE) || HISTORY_PAGE_SIZE, 1), 100);
  return { pageSize, after: options.cursor ? decodeCursor(options.cursor) : null };
}

const iso = (column: string) => Prisma.raw(`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * Every ledger transaction touching the creator's accounts, newest first, as ONE JSON array
 * (a scalar subquery, so the deal page reads it inside its own statement: one snapshot). The
 * remaining payable balance is a running SUM over postedAt order (a window function, per
 * currency) computed over the creator's whole history before the page is cut, so every page
 * shows true balances. Each row carries its subject's facts (order name, fee comment, adjustment
 * reason, payout label), every part scoped by shop.
 *
 * The entries are summed per transaction before the transactions are looked up (one lookup a
 * transaction, not one an entry), and the audit events are joined to the page's rows only, after
 * the cut: the whole history is read for its order and balances, nothing more.
 */
export function transactionHistoryJsonSql(shopId: string, creatorId: string, query: ReturnType<typeof historyQuery>): Prisma.Sql {
  const { after, pageSize } = query;
  return Prisma.sql`
    WITH creator_entries AS (
      SELECT e."transactionId", e."currency",
        SUM(e."amountMinor") AS "creatorNet",
        SUM(e."amountMinor") FILTER (WHERE e."amountMinor" > 0) AS "creatorIn",
        COALESCE(SUM(e."amountMinor") FILTER (WHERE e."account" = 'payable'), 0) AS "payableChange"
      FROM "LedgerEntry" e
      WHERE e."shopId" = ${shopId} AND e."creatorId" = ${creatorId}
      GROUP BY e."transactionId", e."currency"
    ), running AS (
      SELECT t."id", t."kind", t."subjectType", t."subjectId", t."postedAt", t."auditEventId", c."currency",
        c."creatorNet", c."creatorIn", c."payableChange",
        SUM(c."payableChange") OVER (
          PARTITION BY c."currency" ORDER BY t."postedAt", t."id" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        ) AS "payableAfter"
      FROM creator_entries c JOIN "LedgerTransaction" t ON t."id" = c."transactionId" AND t."shopId" = ${shopId}
    ), page AS (
      SELECT r.* FROM running r
      ${after ? Prisma.sql`WHERE (r."postedAt", r."id") < (CAST(${after.postedAt.toISOString()} AS timestamp(3)), ${after.id})` : Prisma.empty}
      ORDER BY r."postedAt" DESC, r."id" DESC
      LIMIT ${pageSize + 1}
    )
    SELECT COALESCE(json_agg(json_build_object('id', h."id", 'kind', h."kind", 'postedAt', ${iso('h."postedAt"')},
        'currency', h."currency", 'creatorNet', h."creatorNet"::text, 'creatorIn', h."creatorIn"::text,
        'payableChange', h."payableChange"::text, 'payableAfter', h."payableAfter"::text,
        'actorType', ae."actorType", 'actorId', ae."actorId", 'actorName', ae."actorName",
        'facts', CASE h."subjectType"
          WHEN 'commission' THEN (SELECT json_build_object('orderName', o."orderName")
            FROM "Commission" c JOIN "AttributedOrder" o ON o."id" = c."orderId" WHERE c."shopId" = ${shopId} AND c."id" = h."subjectId")
          WHEN 'fixed_fee' THEN (SELECT json_build_object('feeComment', f."comment")
            FROM "FixedFee" f WHERE f."shopId" = ${shopId} AND f."id" = h."subjectId")
          WHEN 'adjustment' THEN (SELECT json_build_object('adjustmentReason', a."reason")
            FROM "Adjustment" a WHERE a."shopId" = ${shopId} AND a."id" = h."subjectId")
          WHEN 'payout' THEN (SELECT json_build_object('payoutLabel', p."invoiceLabel", 'offlineMethod', p."offlineMethod",
              'offlineReference', p."offlineReference", 'stripeTransferId', p."stripeTransferId")
            FROM "Payout" p WHERE p."shopId" = ${shopId} AND p."id" = h."subjectId")
        END
      ) ORDER BY h."postedAt" DESC, h."id" DESC), '[]'::json)
    FROM page h JOIN "AuditEvent" ae ON ae."id" = h."auditEventId"`;
}

/** The page as shown, from the statement's rows (pageSize + 1 of them at most). */
export function toHistoryPage(rows: HistoryRowsJson, creator: { id: string; name: string }, pageSize: number): HistoryPage {
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return {
    rows: page.map((row) => {
      const amountMinor = toDisplayMinor(row.creatorNet);
      return {
        transactionId: row.id,
        postedAt: row.postedAt,
        kind: row.kind,
        description: describeLedgerTransaction(row.kind, row.facts ?? {}),
        who: { type: row.actorType, id: row.actorId, label: row.actorName ?? actorName(row.actorType, row.actorId, creator) },
        currency: row.currency,
        amountMinor,
        movedMinor: amountMinor === 0 ? toDisplayMinor(row.creatorIn) : null,
        payableChangeMinor: toDisplayMinor(row.payableChange),
        payableAfterMinor: toDisplayMinor(row.payableAfter),
      };
    }),
    nextCursor: rows.length > pageSize && last ? encodeCursor(new Date(last.postedAt), last.id) : null,
  };
}

/** The history on its own (e.g. for a "load more" route), in one statement on any client. */
export async function readTransactionHistory(
  client: DbTransaction | Db,
  shopId: string,
  creator: { id: string; name: string },
  options: HistoryOptions = {},
): Promise<HistoryPage> {
  const query = historyQuery(options);
  const [row] = await client.$queryRaw<{ history: HistoryRowsJson }[]>(
    Prisma.sql`SELECT (${transactionHistoryJsonSql(shopId, creator.id, query)}) AS "history"`,
  );
  return toHistoryPage(row.history, creator, query.pageSize);
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
