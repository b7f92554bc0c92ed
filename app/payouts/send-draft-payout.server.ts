import { actorLabel, type Actor } from "../audit/actor";
import { now } from "../lib/clock.server";
import { payoutStatusMachine, type PayoutStatus } from "../domain/status/payout-status";
import { allocateInvoiceNumber } from "./allocate-invoice-number.server";
import { findPayoutForChange, updatePayoutIfStatus } from "./change-payout-status.server";
import { recordPayoutChange } from "./record-payout-change.server";
import { runPayoutTransaction } from "./run-payout-transaction.server";

export interface SentPayout {
  status: PayoutStatus;
  invoiceNumber: number;
  invoiceLabel: string;
}

/**
 * The merchant sends a draft: it goes to the creator for review when the shop has that step,
 * else straight to ready. Leaving draft is when it gets its gapless invoice number.
 */
export function sendDraftPayout(shopId: string, payoutId: string, actor: Actor): Promise<SentPayout> {
  return runPayoutTransaction(async (tx) => {
    const payout = await findPayoutForChange(tx, shopId, payoutId);
    const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { creatorReviewEnabled: true } });
    const to: PayoutStatus = shop.creatorReviewEnabled ? "pending_review" : "ready";
    payoutStatusMachine.assertTransition(payout.status, to);

    // The number is taken before the status changes because the database requires every payout
    // past draft to carry one; a conflict below rolls it back, so no number is lost.
    const invoice = await allocateInvoiceNumber(tx, shopId);
    const approval = to === "ready" ? { approvedBy: actorLabel(actor), approvedAt: now() } : {};
    await updatePayoutIfStatus(tx, { shopId, payoutId, expected: payout.status }, { status: to, ...invoice, ...approval });
    await recordPayoutChange(tx, {
      shopId,
      payoutId,
      action: "payout.sent",
      actor,
      draft: null,
      payoutBefore: payout,
      before: { status: payout.status },
      after: { status: to, invoiceLabel: invoice.invoiceLabel },
    });
    return { status: to, ...invoice };
  });
}
