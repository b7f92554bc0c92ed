import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import type { DbTransaction } from "../db.server";
import type { LedgerSubjectType, LedgerTransactionDraft } from "../domain/ledger";
import { postLedgerTransaction } from "../ledger/post-ledger-transaction.server";
import { notifiedStatusMove } from "../notifications/creator-emails";
import { notifyPayoutStatus } from "../notifications/notify-payout-status.server";
import { queuePayoutStatusTrigger } from "../flow/flow-trigger-events.server";
import { toMinorNumber } from "../ledger/to-minor-number";
import { queueApproverNotices } from "./notify-payout-approvers.server";
import {
  PAYOUT_STATUSES_AMOUNT_FROM_RELEASED_ITEMS,
  payoutAuditSnapshot,
  type PayoutAuditSnapshot,
  type PayoutSnapshotSource,
} from "./payout-audit-snapshot";

/** Ledger transactions and audit events about a payout have the payout as their subject. */
export const PAYOUT_SUBJECT: LedgerSubjectType = "payout";

export interface PayoutChange {
  shopId: string;
  payoutId: string;
  action: string;
  actor: Actor;
  /**
   * The payout as read before the change (omitted for a new payout): `before` starts from its
   * snapshot (status, amount, currency, method, reference, payment date), as `after` starts
   * from the payout as it is now.
   */
  payoutBefore?: PayoutSnapshotSource;
  /** The amount before the change when the change altered it (an item removed); else the amount after. */
  amountBeforeMinor?: number;
  /** Facts of this change beyond the snapshots (an item, a reason, an attempt), merged over them. */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /** The money movement, when the change moves money; null posts the audit event alone. */
  draft: LedgerTransactionDraft | null;
  /**
   * Names the movement for its idempotency key `payout:<id>:<movement>` ("reserve", "pay",
   * "cancel", "reverse", "release_item:<payout item>"); required with a draft. The database
   * refuses the same movement of the same payout twice.
   */
  movement?: string;
  /**
   * False when the caller tells the creator itself (an approved withdrawal says so in its own
   * email). By default a move to pending_review, ready, paid or failed emails the creator.
   */
  notifyCreator?: boolean;
}

/**
 * Records a payout's state change: its ledger transaction with its audit event, or the audit event
 * alone. Every payout transition passes here, so this is also where the creator is emailed when
 * `after.status` is a new pending_review, ready, paid or failed (drafts never notify), and where a
 * new paid or failed status queues its Shopify Flow trigger.
 */
export async function recordPayoutChange(tx: DbTransaction, change: PayoutChange): Promise<void> {
  const now = await readPayoutAuditSnapshot(tx, change.shopId, change.payoutId);
  const before = change.payoutBefore
    ? { ...payoutAuditSnapshot(change.payoutBefore, change.amountBeforeMinor ?? now.amountMinor), ...change.before }
    : change.before;
  const after = { ...now, ...change.after };
  const audit = {
    shopId: change.shopId,
    actor: change.actor,
    action: change.action,
    subject: { type: PAYOUT_SUBJECT, id: change.payoutId },
    before,
    after,
  };
  if (change.draft) {
    if (!change.movement) throw new Error(`recordPayoutChange: ${change.action} moves money and needs its movement name.`);
    await postLedgerTransaction(tx, { ...audit, draft: change.draft, idempotencyKey: payoutMovementKey(change.payoutId, change.movement) });
  } else {
    await recordAuditEvent(tx, audit);
  }
  const notified = notifiedStatusMove(before, after);
  if (notified && change.notifyCreator !== false) await notifyPayoutStatus(tx, change.shopId, change.payoutId, notified);
  // Shopify Flow hears of payments and failures whoever is emailed (queued here, sent by a job).
  if (notified === "paid" || notified === "failed") await queuePayoutStatusTrigger(tx, change.shopId, change.payoutId, notified);
  // A new amount voids an earlier approval: the payout waits again, and its approvers hear of it.
  if (
    typeof before?.amountMinor === "number" &&
    before.amountMinor !== now.amountMinor &&
    !["paid", "canceled", "reversed", "processing"].includes(now.status)
  ) {
    await queueApproverNotices(tx, change.shopId, [{ payoutId: change.payoutId, currency: now.currency, amountMinor: now.amountMinor }]);
  }
}

/** The idempotency key of a payout's ledger movement (the bulk run path posts the same keys). */
export function payoutMovementKey(payoutId: string, movement: string): string {
  return `payout:${payoutId}:${movement}`;
}

/** The payout as it is now, inside the change's transaction (its row is locked by then). */
async function readPayoutAuditSnapshot(tx: DbTransaction, shopId: string, payoutId: string): Promise<PayoutAuditSnapshot> {
  const payout = await tx.payout.findFirstOrThrow({
    where: { id: payoutId, shopId },
    select: {
      status: true,
      currency: true,
      invoiceLabel: true,
      channel: true,
      offlineMethod: true,
      offlineReference: true,
      stripeTransferId: true,
      paidOn: true,
    },
  });
  const releasedAmount = (PAYOUT_STATUSES_AMOUNT_FROM_RELEASED_ITEMS as readonly string[]).includes(payout.status);
  const sum = await tx.payoutItem.aggregate({
    where: { shopId, payoutId, state: releasedAmount ? "released" : "active" },
    _sum: { amountMinor: true },
  });
  return payoutAuditSnapshot(payout, toMinorNumber(sum._sum.amountMinor));
}
