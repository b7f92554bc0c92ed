import { Prisma } from "@prisma/client";
import { assertBalanced, type LedgerTransactionDraft } from "../domain/ledger";
import type { DbTransaction } from "../db.server";
import { recordAuditEvent, type AuditEventInput } from "../audit/record-audit-event.server";

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

  const auditEvent = await recordAuditEvent(tx, input, input.postedAt);
  const transaction = await tx.ledgerTransaction.create({
    data: {
      shopId: input.shopId,
      kind: input.draft.kind,
      idempotencyKey: input.idempotencyKey ?? null,
      subjectType: input.subject.type,
      subjectId: input.subject.id,
      memo: input.memo ?? null,
      auditEventId: auditEvent.id,
      ...(input.postedAt ? { postedAt: input.postedAt } : {}),
      entries: {
        create: input.draft.entries.map((entry) => ({
          shopId: input.shopId,
          account: entry.account,
          creatorId: entry.creatorId,
          currency: entry.currency,
          amountMinor: BigInt(entry.amountMinor),
        })),
      },
    },
    select: { id: true },
  });
  return { posted: true, transactionId: transaction.id, auditEventId: auditEvent.id };
}
