import { Prisma } from "@prisma/client";
import { actorIdentity } from "../audit/actor";
import type { AuditEventInput } from "../audit/record-audit-event.server";
import type { DbTransaction } from "../db.server";
import { MAX_LEDGER_ENTRY_MINOR } from "../domain/amount-limits";
import { DomainError } from "../domain/errors";
import { assertBalanced, type LedgerSubjectType, type LedgerTransactionDraft } from "../domain/ledger";
import { now } from "../lib/clock.server";

export interface LedgerPosting extends AuditEventInput {
  /** The row the movement is about; also the subject of its audit event. */
  subject: { type: LedgerSubjectType; id: string };
  draft: LedgerTransactionDraft;
  /**
   * The movement's business key, unique per shop (`payout:<id>:<movement>`, `release:<commission>`,
   * …): the database refuses a second transaction with the same key (unique index), so a repeated
   * movement cannot post twice even past a missed status check.
   */
  idempotencyKey: string;
  /**
   * "skip": a second post of the key is a retry (a replayed job), answered `posted: false` with
   * the first transaction. Default "refuse": it throws (the database's unique violation).
   */
  onDuplicate?: "skip" | "refuse";
  memo?: string;
  /** Back-dating is for imports and the demo seed only; live changes post "now". */
  postedAt?: Date;
}

export interface PostingOptions {
  /**
   * For a set-based caller whose detail never leaves the database (a run's payout items): merged
   * into every posting's audit `after` under `key`, a jsonb expression evaluated in the posting
   * statement over the posting's row `h` (h."shopId", h."subjectId").
   */
  afterFromDatabase?: { key: string; expression: Prisma.Sql };
  /**
   * One audit event for every posting of the call instead of one each (the drain's batches: one row
   * and its index entries less per order). All postings must be of one shop and one actor. The
   * event (action `ledger.batch_posted`, subject type `ledger_batch`) keeps each posting's action,
   * subject, before and after under its ledger transaction's id, and the audit export lists them one
   * row per posting (read-audit-events-for-export.server.ts). Every transaction points at it.
   */
  auditPerBatch?: boolean;
}

/** The batch audit event's subject type and action (see `auditPerBatch`). */
export const LEDGER_BATCH_SUBJECT = "ledger_batch";
export const LEDGER_BATCH_ACTION = "ledger.batch_posted";

export type PostedLedgerTransaction =
  { posted: true; transactionId: string; auditEventId: string } | { posted: false; transactionId: string; reason: "duplicate" };

/**
 * THE way money moves: posts balanced ledger transactions, each with its audit event (or one
 * audit event for the call: `auditPerBatch`), in one
 * statement for the whole batch (one transaction is a batch of one). Must run inside the database
 * transaction of the state change it belongs to, so they commit or roll back together. An
 * unbalanced draft, an amount over the ledger's cap or a missing key throws before anything is
 * written. "AccountBalance" follows in the same statement (trigger, see read-balances.server.ts).
 * Results are in the order of `postings`.
 */
export async function postLedgerTransactions(
  tx: DbTransaction,
  postings: readonly LedgerPosting[],
  options: PostingOptions = {},
): Promise<PostedLedgerTransaction[]> {
  for (const posting of postings) assertPostable(posting);
  if (postings.length === 0) return [];
  if (options.auditPerBatch) assertOneShopAndActor(postings);

  const results: (PostedLedgerTransaction | undefined)[] = new Array(postings.length);
  const skippable = postings.filter((posting) => posting.onDuplicate === "skip");
  if (skippable.length > 0) {
    const existing = await findPostedKeys(tx, skippable);
    postings.forEach((posting, index) => {
      const transactionId = posting.onDuplicate === "skip" ? existing.get(keyOf(posting)) : undefined;
      if (transactionId) results[index] = { posted: false, transactionId, reason: "duplicate" };
    });
  }
  const toPost = postings.map((posting, ord) => ({ posting, ord })).filter(({ ord }) => !results[ord]);
  if (toPost.length > 0) {
    for (const row of await insertPostings(tx, toPost, options)) {
      results[row.ord] = { posted: true, transactionId: row.transactionId, auditEventId: row.auditEventId };
    }
  }
  return results.map((result, index) => {
    if (!result) throw new Error(`postLedgerTransactions: posting ${index} was not written.`);
    return result;
  });
}

function assertPostable(posting: LedgerPosting) {
  assertBalanced(posting.draft);
  if (typeof posting.idempotencyKey !== "string" || posting.idempotencyKey.trim() === "") {
    throw new Error(`postLedgerTransactions: a ${posting.draft.kind} posting needs its idempotency key.`);
  }
  // Inputs are capped where they are parsed; this refuses what slipped past them before the
  // database's CHECK would (migration 20261204040000_amount_limits).
  for (const entry of posting.draft.entries) {
    if (Math.abs(entry.amountMinor) > MAX_LEDGER_ENTRY_MINOR) {
      throw new DomainError("amount_over_limit", "That amount is over the largest amount the ledger records.", {
        amountMinor: entry.amountMinor,
        currency: entry.currency,
      });
    }
  }
}

function assertOneShopAndActor(postings: readonly LedgerPosting[]) {
  const [first] = postings;
  for (const posting of postings) {
    if (
      posting.shopId !== first!.shopId ||
      posting.actor.type !== first!.actor.type ||
      (posting.actor.id ?? null) !== (first!.actor.id ?? null)
    ) {
      throw new Error("postLedgerTransactions: a batch audit covers the postings of one shop and one actor.");
    }
  }
}

const keyOf = (posting: LedgerPosting) => `${posting.shopId}:${posting.idempotencyKey}`;

/** Serialises posts of the same keys (in a stable order: no deadlock), then reads which exist. */
async function findPostedKeys(tx: DbTransaction, postings: readonly LedgerPosting[]): Promise<Map<string, string>> {
  const keys = [...new Set(postings.map(keyOf))].sort();
  await tx.$executeRaw(Prisma.sql`
    SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(${keys}::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n`);
  const pairs = JSON.stringify(postings.map((posting) => ({ shopId: posting.shopId, key: posting.idempotencyKey })));
  const rows = await tx.$queryRaw<{ shopId: string; idempotencyKey: string; id: string }[]>(Prisma.sql`
    SELECT t."shopId", t."idempotencyKey", t."id"
    FROM "LedgerTransaction" t
    JOIN jsonb_to_recordset(${pairs}::jsonb) AS k("shopId" text, "key" text)
      ON t."shopId" = k."shopId" AND t."idempotencyKey" = k."key"`);
  return new Map(rows.map((row) => [`${row.shopId}:${row.idempotencyKey}`, row.id]));
}

// Time-ordered, as the columns' defaults (migration 20261209110000_time_ordered_ids): less WAL per posting.
const newId = (prefix: string) => Prisma.raw(`('${prefix}' || time_ordered_hex())`);
const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** One statement for every audit event, transaction and entry of the batch: one round trip. */
async function insertPostings(tx: DbTransaction, postings: readonly { posting: LedgerPosting; ord: number }[], options: PostingOptions) {
  const fallbackPostedAt = now();
  const heads = JSON.stringify(
    postings.map(({ posting, ord }) => {
      const identity = actorIdentity(posting.actor);
      return {
        ord,
        shopId: posting.shopId,
        actorType: posting.actor.type,
        actorId: posting.actor.id ?? null,
        actorName: identity.name,
        actorEmail: identity.email,
        action: posting.action,
        subjectType: posting.subject.type,
        subjectId: posting.subject.id,
        before: json(posting.before),
        after: json(posting.after),
        kind: posting.draft.kind,
        idempotencyKey: posting.idempotencyKey,
        memo: posting.memo ?? null,
        postedAt: (posting.postedAt ?? fallbackPostedAt).toISOString(),
      };
    }),
  );
  const entries = JSON.stringify(
    postings.flatMap(({ posting, ord }) =>
      posting.draft.entries.map((entry, position) => ({
        ord,
        position,
        account: entry.account,
        creatorId: entry.creatorId ?? null,
        currency: entry.currency,
        amountMinor: String(entry.amountMinor),
      })),
    ),
  );
  const extra = options.afterFromDatabase;
  const after = extra
    ? Prisma.sql`(COALESCE(h."after"::jsonb, '{}'::jsonb) || jsonb_build_object(${extra.key}::text, ${extra.expression}))`
    : Prisma.sql`h."after"::jsonb`;
  const batch = options.auditPerBatch === true;
  const audit = batch
    ? Prisma.sql`
      INSERT INTO "AuditEvent" ("id", "shopId", "actorType", "actorId", "actorName", "actorEmail", "action", "subjectType", "subjectId", "after", "occurredAt")
      SELECT h."auditEventId", h."shopId", h."actorType"::"ActorType", h."actorId", h."actorName", h."actorEmail", ${LEDGER_BATCH_ACTION},
             ${LEDGER_BATCH_SUBJECT}, h."auditEventId",
             jsonb_object_agg(h."transactionId", jsonb_build_object('action', h."action", 'subjectType', h."subjectType",
               'subjectId', h."subjectId", 'before', h."before"::jsonb, 'after', ${after})),
             min(h."at")
      FROM heads h GROUP BY h."auditEventId", h."shopId", h."actorType", h."actorId", h."actorName", h."actorEmail"`
    : Prisma.sql`
      INSERT INTO "AuditEvent" ("id", "shopId", "actorType", "actorId", "actorName", "actorEmail", "action", "subjectType", "subjectId", "before", "after", "occurredAt")
      SELECT h."auditEventId", h."shopId", h."actorType"::"ActorType", h."actorId", h."actorName", h."actorEmail", h."action",
             h."subjectType", h."subjectId", h."before"::jsonb, ${after}, h."at"
      FROM heads h ORDER BY h."ord"`;
  return tx.$queryRaw<{ ord: number; transactionId: string; auditEventId: string }[]>(Prisma.sql`
    WITH ${batch ? Prisma.sql`batch AS MATERIALIZED (SELECT ${newId("ev_")} AS "id"),` : Prisma.empty} heads AS MATERIALIZED (
      SELECT h.*, (h."postedAt"::timestamptz AT TIME ZONE 'UTC') AS "at",
        ${batch ? Prisma.sql`(SELECT b."id" FROM batch b)` : newId("ev_")} AS "auditEventId", ${newId("ltx_")} AS "transactionId"
      FROM jsonb_to_recordset(${heads}::jsonb) AS h(
        "ord" int, "shopId" text, "actorType" text, "actorId" text, "actorName" text, "actorEmail" text,
        "action" text, "subjectType" text, "subjectId" text, "before" text, "after" text,
        "kind" text, "idempotencyKey" text, "memo" text, "postedAt" text)
    ), audit AS (${audit}
      RETURNING 1
    ), posted AS (
      INSERT INTO "LedgerTransaction" ("id", "shopId", "kind", "idempotencyKey", "subjectType", "subjectId", "memo", "auditEventId", "postedAt")
      SELECT h."transactionId", h."shopId", h."kind"::"LedgerTransactionKind", h."idempotencyKey", h."subjectType"::"LedgerSubjectType",
        h."subjectId", h."memo", h."auditEventId", h."at"
      FROM heads h ORDER BY h."ord"
      RETURNING 1
    ), entries AS (
      INSERT INTO "LedgerEntry" ("shopId", "transactionId", "account", "creatorId", "currency", "amountMinor")
      SELECT h."shopId", h."transactionId", e."account"::"LedgerAccount", e."creatorId", e."currency", e."amountMinor"::bigint
      FROM heads h
      JOIN jsonb_to_recordset(${entries}::jsonb) AS e("ord" int, "position" int, "account" text, "creatorId" text, "currency" text, "amountMinor" text)
        ON e."ord" = h."ord"
      ORDER BY h."ord", e."position"
      RETURNING 1
    )
    SELECT h."ord", h."transactionId", h."auditEventId",
      (SELECT count(*) FROM audit) + (SELECT count(*) FROM posted) + (SELECT count(*) FROM entries) AS "rowsWritten"
    FROM heads h ORDER BY h."ord"`);
}
