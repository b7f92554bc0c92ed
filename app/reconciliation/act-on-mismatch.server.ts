// The one action per mismatch on the reconciliation screen:
//  - Settle ("paid at the rail, not in the ledger"): the payout's pending attempt goes through the
//    rails' own look-up-then-settle path (resolveStuckAttempt → payRailAttempt), nothing else; the
//    rail's answer decides, so a Settle can never pay or post twice.
//  - Investigate ("paid in the ledger, not found at the rail", or a payment the app cannot tie to
//    a pending attempt): an audit event on the payout with the mismatch as its note, shown in the
//    payout's history, for a person to follow up.
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { db } from "../db.server";
import { withTransaction } from "../db/transaction.server";
import { DomainError } from "../domain/errors";
import { PAYOUT_SUBJECT } from "../payouts/record-payout-change.server";
import { resolveStuckAttempt } from "../rails/sweep-rail-attempts.server";

const SETTLE_SENTENCES: Record<string, string> = {
  paid: "The rail confirmed the payment: the payout is paid and the ledger shows it.",
  looked_up_paid: "The rail confirmed the payment: the payout is paid and the ledger shows it.",
  already_settled: "This payout was already settled.",
  not_pending: "This payout was already settled.",
  looked_up_failed: "The rail has no payment for this payout's attempt, so it failed: check the rail before paying again.",
  failed: "The rail refused this payout's attempt, so it failed.",
  try_later: "The rail cannot confirm the payment yet; the payout stays processing and is looked at again shortly.",
};

export async function settleFromReconciliation(shopId: string, payoutId: string): Promise<string> {
  const attempt = await db().payoutAttempt.findFirst({
    where: { shopId, payoutId, status: "pending", payout: { status: "processing" } },
    select: { id: true },
    orderBy: { attempt: "desc" },
  });
  if (!attempt) {
    throw new DomainError(
      "nothing_to_settle",
      "This payout has no payment waiting for the rail's answer, so there is nothing to settle: use Investigate to look into it.",
      { payoutId },
    );
  }
  const outcome = await resolveStuckAttempt(attempt.id);
  return SETTLE_SENTENCES[outcome] ?? "The payout was looked up at the rail.";
}

export async function flagForInvestigation(shopId: string, payoutId: string, note: string, actor: Actor): Promise<void> {
  await withTransaction("interactive", async (tx) => {
    const payout = await tx.payout.findFirst({ where: { id: payoutId, shopId }, select: { id: true, status: true } });
    if (!payout) throw new DomainError("payout_not_found", "There is no such payout in this shop.", { payoutId });
    await recordAuditEvent(tx, {
      shopId,
      actor,
      action: "payout.reconciliation_investigate",
      subject: { type: PAYOUT_SUBJECT, id: payoutId },
      after: { note, status: payout.status },
    });
  });
}
