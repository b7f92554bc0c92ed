import type { Actor } from "../audit/actor";
import { COMMISSION_SUBJECT } from "../commissions/commission-amounts.server";
import { cancelPayout as releaseReservationDraft, returnToExpense } from "../domain/ledger";
import type { PayoutStatus } from "../domain/status/payout-status";
import { postLedgerTransaction } from "../ledger/post-ledger-transaction.server";
import { now } from "../lib/clock.server";
import { cancelPayoutInTransaction } from "./cancel-payout.server";
import { findPayoutForChange, readActivePayoutTotal, updatePayoutIfStatus } from "./change-payout-status.server";
import { itemNotRemovable, payoutItemConflict, payoutItemNotFound } from "./payout-errors";
import { spokenPayoutStatus } from "./payout-labels";
import { recordPayoutChange } from "./record-payout-change.server";
import { runPayoutTransaction } from "./run-payout-transaction.server";
import { payableSourceOf, settlePayableSource } from "./settle-payable-source.server";

/** Items can be taken out until payment starts (the creator may dispute them during review). */
export const PAYOUT_STATUSES_ALLOWING_ITEM_REMOVAL: readonly PayoutStatus[] = ["draft", "pending_review", "ready"];

export interface RemovePayoutItemOptions {
  /** Back to payable for a later payout, or rejected for good (commissions and fees only). */
  disposition: "return_to_payable" | "reject";
  reason?: string;
}

export interface RemovedPayoutItem {
  payoutId: string;
  /** The payout's amount after the removal (0 when it was canceled). */
  payoutAmountMinor: number;
  /** True when the payout had nothing left to pay and was canceled with it. */
  payoutCanceled: boolean;
}

/**
 * Takes one item out of a payout not yet being paid (DOMAIN.md §3 review: "the merchant resolves a
 * dispute by removing the item"). Its reservation returns to payable; a rejected item then goes
 * back to expense for good. A payout left with nothing to pay is canceled in the same transaction.
 */
export function removePayoutItem(
  shopId: string,
  payoutItemId: string,
  actor: Actor,
  options: RemovePayoutItemOptions,
): Promise<RemovedPayoutItem> {
  return runPayoutTransaction(async (tx) => {
    const item = await tx.payoutItem.findFirst({ where: { id: payoutItemId, shopId }, include: { payableItem: true } });
    if (!item) throw payoutItemNotFound(payoutItemId);
    const payout = await findPayoutForChange(tx, shopId, item.payoutId);
    const details = { payoutItemId, payoutId: payout.id, status: payout.status, kind: item.payableItem.kind };
    if (!PAYOUT_STATUSES_ALLOWING_ITEM_REMOVAL.includes(payout.status)) {
      throw itemNotRemovable(
        `Items can only be removed before a payout is being paid; this payout is ${spokenPayoutStatus(payout.status)}.`,
        details,
      );
    }
    if (item.state !== "active") throw payoutItemConflict();
    const source = payableSourceOf(item.payableItem);
    if (options.disposition === "reject" && !source) {
      throw itemNotRemovable(
        item.payableItem.kind === "clawback"
          ? "A clawback cannot be rejected: it recovers money for a refunded order. Return it to payable instead."
          : "An adjustment cannot be rejected: return it to payable and post a correcting adjustment instead.",
        details,
      );
    }

    // Lock the payout row (compare-and-set on its status) so the item cannot be paid or canceled meanwhile.
    await updatePayoutIfStatus(tx, { shopId, payoutId: payout.id, expected: payout.status }, { updatedAt: now() });
    const amountBeforeMinor = await readActivePayoutTotal(tx, shopId, payout.id);
    const removed = await tx.payoutItem.updateMany({
      where: { id: payoutItemId, shopId, state: "active" },
      data: { state: "removed" },
    });
    if (removed.count !== 1) throw payoutItemConflict();

    const amountMinor = Number(item.amountMinor);
    const money = { creatorId: payout.creatorId, currency: payout.currency };
    await recordPayoutChange(tx, {
      shopId,
      payoutId: payout.id,
      action: "payout.item_removed",
      actor,
      draft: amountMinor === 0 ? null : releaseReservationDraft({ ...money, amountMinor }),
      movement: `release_item:${item.id}`,
      payoutBefore: payout,
      amountBeforeMinor,
      before: { payoutItemId, state: "active" },
      after: {
        payoutItemId,
        state: "removed",
        payableItemId: item.payableItemId,
        amountMinor,
        disposition: options.disposition,
        reason: options.reason ?? null,
      },
    });

    if (options.disposition === "reject" && source) {
      if (amountMinor <= 0) throw new Error(`removePayoutItem: a ${source.type} item cannot be ${amountMinor}.`);
      await tx.payableItem.updateMany({
        where: { id: item.payableItemId, shopId, rejectedAt: null },
        data: { rejectedAt: now(), rejectReason: options.reason ?? null },
      });
      // Posted with the commission or fee as subject: their ledger history stays complete.
      await postLedgerTransaction(tx, {
        shopId,
        draft: returnToExpense({
          ...money,
          amountMinor,
          kind: source.type === "commission" ? "reject_commission" : "cancel_fee",
          from: "payable",
        }),
        subject: { type: source.type === "commission" ? COMMISSION_SUBJECT : "fixed_fee", id: source.id },
        action: `${source.type}.item_rejected`,
        actor,
        idempotencyKey: `${source.type}:${source.id}:item_rejected:${item.payableItemId}`,
        after: { payableItemId: item.payableItemId, amountMinor, payoutId: payout.id, reason: options.reason ?? null },
      });
      await settlePayableSource(tx, shopId, source, actor, options.reason);
    }

    const remainingMinor = await readActivePayoutTotal(tx, shopId, payout.id);
    const remainingItems = await tx.payoutItem.count({ where: { shopId, payoutId: payout.id, state: "active" } });
    // Nothing left, or only clawbacks: a payout must pay something, so it ends here and any
    // clawback left in it returns to payable to be netted by the next payout.
    if (remainingItems === 0 || remainingMinor <= 0) {
      await cancelPayoutInTransaction(tx, payout, actor, {
        action: "payout.canceled",
        reason: remainingItems === 0 ? "every item was removed" : "nothing left to pay after removing an item",
      });
      return { payoutId: payout.id, payoutAmountMinor: 0, payoutCanceled: true };
    }
    return { payoutId: payout.id, payoutAmountMinor: remainingMinor, payoutCanceled: false };
  });
}
