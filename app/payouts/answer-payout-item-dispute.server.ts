// The merchant's answer to a creator's review (DOMAIN.md §3): the creator disputes an item from the
// portal (app/portal/actions/review-payout.server.ts); the shop's staff answer the note here, or
// remove the item (remove-payout-item.server.ts).
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { DomainError } from "../domain/errors";
import { invalidInput } from "../forms/field-errors";
import { disputeAnsweredEmail } from "../notifications/creator-emails";
import { queueCreatorEmail } from "../notifications/queue-creator-email.server";
import { readActivePayoutTotal } from "./change-payout-status.server";
import { payoutItemNotFound } from "./payout-errors";
import { PAYOUT_SUBJECT } from "./record-payout-change.server";
import { runPayoutTransaction } from "./run-payout-transaction.server";

const ANSWER_MAX = 1000;

/** The merchant answers a creator's dispute note; the creator is emailed that an answer is waiting. */
export async function answerPayoutItemDispute(
  shopId: string,
  payoutId: string,
  payoutItemId: string,
  answer: string,
  actor: Actor,
): Promise<void> {
  if (actor.type === "creator") throw new DomainError("forbidden", "Only the shop's staff can answer a dispute.");
  const text = (answer ?? "").trim();
  if (!text) throw invalidInput({ answer: "Write the answer the creator will read." });
  if (text.length > ANSWER_MAX) throw invalidInput({ answer: "Keep the answer under 1,000 characters." });
  await runPayoutTransaction(async (tx) => {
    const item = await tx.payoutItem.findFirst({ where: { id: payoutItemId, payoutId, shopId }, include: { payout: true } });
    if (!item) throw payoutItemNotFound(payoutItemId);
    if (!item.disputeNote)
      throw new DomainError("item_not_disputed", "The creator has not disputed this item, so there is nothing to answer.");
    const updated = await tx.payoutItem.updateMany({
      where: { id: item.id, shopId, disputeNote: item.disputeNote },
      data: { disputeAnswer: text },
    });
    if (updated.count !== 1) {
      throw new DomainError("payout_conflict", "The creator changed their note since you opened the payout. Reload to read it.");
    }
    await recordAuditEvent(tx, {
      shopId,
      actor,
      action: "payout.dispute_answered",
      subject: { type: PAYOUT_SUBJECT, id: payoutId },
      before: { payoutItemId, disputeNote: item.disputeNote, disputeAnswer: item.disputeAnswer },
      after: { payoutItemId, disputeNote: item.disputeNote, disputeAnswer: text },
    });
    const amountMinor = await readActivePayoutTotal(tx, shopId, payoutId);
    await queueCreatorEmail(tx, shopId, item.payout.creatorId, (context) =>
      disputeAnsweredEmail(context, {
        amount: { amountMinor, currency: item.payout.currency },
        invoiceLabel: item.payout.invoiceLabel,
      }),
    );
  });
}
