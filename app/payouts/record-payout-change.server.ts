import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import type { DbTransaction } from "../db.server";
import type { LedgerTransactionDraft } from "../domain/ledger";
import { postLedgerTransaction } from "../ledger/post-ledger-transaction.server";

/** Ledger transactions and audit events about a payout have the payout as their subject. */
export const PAYOUT_SUBJECT = "payout";

export interface PayoutChange {
  shopId: string;
  payoutId: string;
  action: string;
  actor: Actor;
  before?: unknown;
  after?: unknown;
  /** The money movement, when the change moves money; null posts the audit event alone. */
  draft: LedgerTransactionDraft | null;
}

/** Records a payout's state change: its ledger transaction with its audit event, or the audit event alone. */
export async function recordPayoutChange(tx: DbTransaction, change: PayoutChange): Promise<void> {
  const audit = {
    shopId: change.shopId,
    actor: change.actor,
    action: change.action,
    subject: { type: PAYOUT_SUBJECT, id: change.payoutId },
    before: change.before,
    after: change.after,
  };
  if (change.draft) {
    await postLedgerTransaction(tx, { ...audit, draft: change.draft });
  } else {
    await recordAuditEvent(tx, audit);
  }
}

/** Who to write in createdBy / processedBy columns. */
