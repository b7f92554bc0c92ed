// The merchant's decision on a commission held for risk review (issue 17 §2). Approve: the
// commission is released as normal when its hold ends (the release job no longer skips it).
// Reject: the held money goes back to the shop's expense through the ledger's reject movement,
// the commission is `rejected` with the reason, and the creator is emailed the reason — never the
// rule that flagged it. Both under the order's lock, so a release or an order delivery cannot
// interleave, and both refuse a commission that is no longer pending review.
import { z } from "zod";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { COMMISSION_SUBJECT, readCommissionHeldMinor } from "../commissions/commission-amounts.server";
import type { DbTransaction } from "../db.server";
import { lockOrder } from "../db/locks.server";
import { withTransaction } from "../db/transaction.server";
import { DomainError } from "../domain/errors";
import { returnToExpense } from "../domain/ledger";
import { commissionStatusMachine } from "../domain/status/commission-status";
import { requiredText } from "../forms/form-fields";
import { parseForm } from "../forms/parse-form";
import { postLedgerTransaction } from "../ledger/post-ledger-transaction.server";
import { commissionRejectedEmail } from "../notifications/creator-emails";
import { queueCreatorEmail } from "../notifications/queue-creator-email.server";

export const rejectRiskSchema = z.object({
  reason: requiredText(
    "Tell the creator why, like “The order was placed by the creator”. They will see this reason.",
    1000,
    "Keep the reason under 1,000 characters.",
  ),
});

/** Locks the commission's order and returns the commission, pending review, of this shop. */
async function claimPending(tx: DbTransaction, shopId: string, commissionId: string) {
  const found = await tx.commission.findFirst({ where: { id: commissionId, shopId }, include: { order: true } });
  if (!found) throw new DomainError("commission_not_found", "This commission does not exist in this shop.");
  await lockOrder(tx, shopId, found.order.shopifyOrderId);
  const commission = await tx.commission.findUniqueOrThrow({ where: { id: commissionId }, include: { order: true } });
  if (commission.riskReview !== "pending" || commission.status !== "held") {
    throw new DomainError("risk_review_not_pending", "This commission is no longer waiting for review: reload the page.");
  }
  return commission;
}

export async function approveRiskReview(shopId: string, commissionId: string, actor: Actor): Promise<void> {
  await withTransaction("interactive", async (tx) => {
    const commission = await claimPending(tx, shopId, commissionId);
    await tx.commission.update({ where: { id: commission.id }, data: { riskReview: "approved" } });
    await recordAuditEvent(tx, {
      shopId,
      actor,
      action: "commission.risk_approved",
      subject: { type: COMMISSION_SUBJECT, id: commission.id },
      before: { riskReview: "pending" },
      after: { riskReview: "approved" },
    });
  });
}

export async function rejectRiskReview(shopId: string, commissionId: string, actor: Actor, reason: unknown): Promise<void> {
  const values = parseForm(rejectRiskSchema, { reason });
  await withTransaction("interactive", async (tx) => {
    const commission = await claimPending(tx, shopId, commissionId);
    commissionStatusMachine.assertTransition("held", "rejected");
    const heldMinor = await readCommissionHeldMinor(tx, shopId, commission.id);
    const after = { status: "rejected", riskReview: "rejected", reason: values.reason, amountMinor: heldMinor };
    if (heldMinor > 0) {
      await postLedgerTransaction(tx, {
        shopId,
        draft: returnToExpense({
          kind: "reject_commission",
          from: "held",
          creatorId: commission.creatorId,
          currency: commission.currency,
          amountMinor: heldMinor,
        }),
        subject: { type: COMMISSION_SUBJECT, id: commission.id },
        action: "commission.rejected",
        actor,
        before: { status: "held", riskReview: "pending" },
        after,
        idempotencyKey: `commission:${commission.id}:rejected`,
      });
    } else {
      await recordAuditEvent(tx, {
        shopId,
        actor,
        action: "commission.rejected",
        subject: { type: COMMISSION_SUBJECT, id: commission.id },
        before: { status: "held", riskReview: "pending" },
        after,
      });
    }
    await tx.commission.update({
      where: { id: commission.id },
      data: { status: "rejected", statusReason: values.reason, riskReview: "rejected" },
    });
    const amount = { amountMinor: heldMinor, currency: commission.currency };
    await queueCreatorEmail(tx, shopId, commission.creatorId, (context) =>
      commissionRejectedEmail(context, { orderName: commission.order.orderName, amount, reason: values.reason }),
    );
  });
}
