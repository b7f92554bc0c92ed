import { Prisma } from "@prisma/client";
import { MAX_LEDGER_ENTRY_MINOR } from "../domain/amount-limits";
import { DomainError } from "../domain/errors";
import { assertBalanced, type LedgerTransactionDraft } from "../domain/ledger";
import type { DbTransaction } from "../db.server";
import { actorIdentity } from "../audit/actor";
import type { AuditEventInput } from "../audit/record-audit-event.server";
import { now } from "../lib/clock.server";

export interface PostLedgerTransactionInput extends AuditEventInput {
  draft: LedgerTransactionDraft;
  /** A business key (e.g. `release:cm_…`): posting the same key twice posts once. */
  idempotencyKey?: string;
  memo?: string;
  /** Back-dating is for imports and the demo seed only; live changes post "now". */
  postedAt?: Date;
}

export type PostedLedgerTransaction =
  | { posted: true; transactionId: string; auditEventId: string }
  | { posted: false; transactionId: string; reason: "duplicate" };

/**
 * Posts one balanced ledger transaction and its audit event. Must run inside the database
 * transaction of the state change it belongs to, so the three commit or roll back together.
 * An unbalanced draft throws UnbalancedLedgerTransactionError before anything is written.
 */
export async function postLedgerTransaction(
  tx: DbTransaction,
  input: PostLedgerTransactionInput,
): Promise<PostedLedgerTransaction> {
  assertBalanced(input.draft);
  // Inputs are capped where they are parsed; this refuses what slipped past them before the
  // database's CHECK would (migration 20261204040000_amount_limits).
  for (const entry of input.draft.entries) {
    if (Math.abs(entry.amountMinor) > MAX_LEDGER_ENTRY_MINOR) {
      throw new DomainError("amount_over_limit", "That amount is over the largest amount the ledger records.", {
        amountMinor: entry.amountMinor,
        currency: entry.currency,
      });
    }
  }

  if (input.idempotencyKey) {
    // Serialise posts of the same key; the unique index is the final word.
    await tx.$executeRaw(
      Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${input.shopId}:${input.idempotencyKey}`}, 0))`,
    );
    const existing = await tx.ledgerTransaction.findUnique({
      where: { shopId_idempotencyKey: { shopId: input.shopId, idempotencyKey: input.idempotencyKey } },
      select: { id: true },
    });
    if (existing) return { posted: false, transactionId: existing.id, reason: "duplicate" };
  }

  // One statement for the audit event, the transaction and its entries: this runs for every
  // movement of money, so it costs one round trip instead of four.
  const postedAt = (input.postedAt ?? now()).toISOString();
  const entries = JSON.stringify(
    input.draft.entries.map((entry) => ({ ...entry, amountMinor: String(entry.amountMinor) })),
  );
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  const identity = actorIdentity(input.actor);
  const [row] = await tx.$queryRaw<{ transactionId: string; auditEventId: string }[]>(Prisma.sql`
    WITH audit AS (
      INSERT INTO "AuditEvent" ("shopId", "actorType", "actorId", "actorName", "actorEmail", "action", "subjectType", "subjectId", "before", "after", "occurredAt")
      VALUES (${input.shopId}, ${input.actor.type}::"ActorType", ${input.actor.id ?? null}, ${identity.name}, ${identity.email}, ${input.action},
              ${input.subject.type}, ${input.subject.id}, ${json(input.before)}::jsonb, ${json(input.after)}::jsonb,
              (${postedAt}::timestamptz AT TIME ZONE 'UTC'))
      RETURNING "id"
    ), posted AS (
      INSERT INTO "LedgerTransaction" ("shopId", "kind", "idempotencyKey", "subjectType", "subjectId", "memo", "auditEventId", "postedAt")
      SELECT ${input.shopId}, ${input.draft.kind}, ${input.idempotencyKey ?? null}, ${input.subject.type}, ${input.subject.id},
             ${input.memo ?? null}, audit."id", (${postedAt}::timestamptz AT TIME ZONE 'UTC')
      FROM audit
      RETURNING "id", "auditEventId"
    ), entries AS (
      INSERT INTO "LedgerEntry" ("shopId", "transactionId", "account", "creatorId", "currency", "amountMinor")
      SELECT ${input.shopId}, posted."id", e."account"::"LedgerAccount", e."creatorId", e."currency", e."amountMinor"::bigint
      FROM posted, jsonb_to_recordset(${entries}::jsonb) AS e("account" text, "creatorId" text, "currency" text, "amountMinor" text)
      RETURNING 1
    )
    SELECT posted."id" AS "transactionId", posted."auditEventId", (SELECT count(*) FROM entries) AS "entryCount" FROM posted`);
  return { posted: true, transactionId: row.transactionId, auditEventId: row.auditEventId };
}
