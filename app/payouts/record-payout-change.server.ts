import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import type { DbTransaction } from "../db.server";
import type { LedgerTransactionDraft } from "../domain/ledger";
import { postLedgerTransaction } from "../ledger/post-ledger-transaction.server";
import { notifiedStatusMove } from "../notifications/creator-emails";
import { notifyPayoutStatus } from "../notifications/notify-payout-status.server";

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
  /**
   * False when the caller tells the creator itself (an approved withdrawal says so in its own
   * email). By default a move to pending_review, ready, paid or failed emails the creator.
   */
  notifyCreator?: boolean;
}

/**
 * Records a payout's state change: its ledger transaction with its audit event, or the audit event
 * alone. Every payout transition passes here, so this is also where the creator is emailed when
 * `after.status` is a new pending_review, ready, paid or failed (drafts never notify).
 */
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
  const notified = notifiedStatusMove(change.before, change.after);
  if (notified && change.notifyCreator !== false) await notifyPayoutStatus(tx, change.shopId, change.payoutId, notified);
}

/** Who to write in createdBy / processedBy columns. */
