import { Prisma } from "@prisma/client";
import { z } from "zod";
import { actorLabel, type Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import type { DbTransaction } from "../db.server";
import { DomainError } from "../domain/errors";
import { approveDeliverableFee } from "../domain/ledger";
import { deliverableStatusMachine } from "../domain/status/deliverable-status";
import { fixedFeeStatusMachine } from "../domain/status/fixed-fee-status";
import { postLedgerTransaction } from "../ledger/post-ledger-transaction.server";
import { toMinorNumber } from "../ledger/to-minor-number";
import { now } from "../lib/clock.server";
import { FIXED_FEE_SUBJECT } from "../fees/add-fixed-fee.server";
import { optionalText, requiredText } from "../forms/form-fields";
import { parseForm } from "../forms/parse-form";
import { lockRowForUpdate } from "../db/locks.server";
import { withTransaction } from "../db/transaction.server";

export const approveDeliverableSchema = z.object({
  note: optionalText(2000, "Keep the note under 2,000 characters."),
});
export type ApproveDeliverableInput = z.input<typeof approveDeliverableSchema>;

export const rejectDeliverableSchema = z.object({
  note: requiredText("Tell the creator what to change before they resubmit.", 2000, "Keep the note under 2,000 characters."),
});
export type RejectDeliverableInput = z.input<typeof rejectDeliverableSchema>;

/** Locks the deliverable and checks the move; the decision row and audit event follow. */
async function decide(
  tx: DbTransaction,
  shopId: string,
  deliverableId: string,
  decision: "approved" | "rejected",
  note: string | null,
  actor: Actor,
) {
  if (!(await lockRowForUpdate(tx, "Deliverable", shopId, deliverableId))) {
    throw new DomainError("not_found", "That deliverable does not exist in this shop.", { deliverableId });
  }
  const deliverable = await tx.deliverable.findUniqueOrThrow({ where: { id: deliverableId } });
  deliverableStatusMachine.assertTransition(deliverable.status, decision);
  const row = await tx.deliverableDecision.create({
    data: { shopId, deliverableId, decision, note, decidedBy: actorLabel(actor), decidedAt: now() },
  });
  await tx.deliverable.update({ where: { id: deliverableId }, data: { status: decision } });
  await recordAuditEvent(tx, {
    shopId,
    actor,
    action: `deliverable.${decision}`,
    subject: { type: "deliverable", id: deliverableId },
    before: { status: deliverable.status },
    after: { status: decision, decisionId: row.id, note },
  });
  return row;
}

export interface ApprovedDeliverable {
  decisionId: string;
  /** Fees that waited for this deliverable and are now payable. */
  approvedFees: { feeId: string; payableItemId: string; amountMinor: number; currency: string }[];
}

/**
 * submitted → approved. Every fee gated by the deliverable becomes approved in the same
 * transaction: gated → payable in the ledger (one transaction and audit event per fee) and a
 * payable item each.
 */
export async function approveDeliverable(
  shopId: string,
  deliverableId: string,
  input: ApproveDeliverableInput,
  actor: Actor,
): Promise<ApprovedDeliverable> {
  const { note } = parseForm(approveDeliverableSchema, input);
  return withTransaction("interactive", async (tx) => {
    const decision = await decide(tx, shopId, deliverableId, "approved", note ?? null, actor);
    // The fees are locked too: a concurrent cancelation either ran first (fee canceled, skipped
    // here) or waits and then sees `approved`, and takes the money from payable.
    const waiting = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
      SELECT "id" FROM "FixedFee"
      WHERE "shopId" = ${shopId} AND "deliverableId" = ${deliverableId} AND "status" = 'awaiting_deliverable'
      ORDER BY "createdAt", "id" FOR UPDATE`);
    const approvedFees: ApprovedDeliverable["approvedFees"] = [];
    for (const { id } of waiting) {
      const fee = await tx.fixedFee.findUniqueOrThrow({ where: { id } });
      fixedFeeStatusMachine.assertTransition(fee.status, "approved");
      const amountMinor = toMinorNumber(fee.amountMinor);
      const currency = fee.currency;
      await tx.fixedFee.update({ where: { id }, data: { status: "approved" } });
      await postLedgerTransaction(tx, {
        shopId,
        draft: approveDeliverableFee({ creatorId: fee.creatorId, currency, amountMinor }),
        subject: { type: FIXED_FEE_SUBJECT, id },
        action: "fixed_fee.approved",
        actor,
        idempotencyKey: `fixed_fee:${id}:approved`,
        before: { status: fee.status },
        after: { status: "approved", deliverableId, decisionId: decision.id },
      });
      const item = await tx.payableItem.create({
        data: {
          shopId,
          creatorId: fee.creatorId,
          kind: "fixed_fee",
          amountMinor: fee.amountMinor,
          currency,
          payableSince: decision.decidedAt,
          fixedFeeId: id,
        },
      });
      approvedFees.push({ feeId: id, payableItemId: item.id, amountMinor, currency });
    }
    return { decisionId: decision.id, approvedFees };
  });
}

/** submitted → rejected, with a note the creator sees; the creator may resubmit. Gated fees keep waiting. */
export async function rejectDeliverable(
  shopId: string,
  deliverableId: string,
  input: RejectDeliverableInput,
  actor: Actor,
): Promise<{ decisionId: string }> {
  const { note } = parseForm(rejectDeliverableSchema, input);
  return withTransaction("interactive", async (tx) => {
    const decision = await decide(tx, shopId, deliverableId, "rejected", note, actor);
    return { decisionId: decision.id };
  });
}
