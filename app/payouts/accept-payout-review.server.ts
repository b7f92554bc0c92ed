import { actorLabel, type Actor } from "../audit/actor";
import type { DbTransaction } from "../db.server";
import { payoutStatusMachine } from "../domain/status/payout-status";
import { DomainError } from "../domain/errors";
import { now } from "../lib/clock.server";
import { findPayoutForChange, updatePayoutIfStatus } from "./change-payout-status.server";
import { spokenPayoutStatus } from "./payout-labels";
import { recordPayoutChange } from "./record-payout-change.server";
import { runPayoutTransaction } from "./run-payout-transaction.server";

/**
 * The creator accepts the payout under review (or the merchant approves it for them): ready to pay.
 * Runs in the caller's transaction when given one (the portal stores the creator's invoice first).
 */
export function acceptPayoutReview(shopId: string, payoutId: string, actor: Actor, tx?: DbTransaction): Promise<{ status: "ready" }> {
  return runPayoutTransaction(async (tx) => {
    const payout = await findPayoutForChange(tx, shopId, payoutId);
    payoutStatusMachine.assertTransition(payout.status, "ready");
    if (payout.status !== "pending_review") {
      // failed → ready is allowed, but it is a retry of the payment, not a review.
      throw new DomainError(
        "illegal_transition",
        `Only a payout waiting for review can be accepted; this one is ${spokenPayoutStatus(payout.status)}.`,
        {
          entity: "payout",
          from: payout.status,
          to: "ready",
        },
      );
    }
    await updatePayoutIfStatus(
      tx,
      { shopId, payoutId, expected: "pending_review" },
      { status: "ready", approvedBy: actorLabel(actor), approvedAt: now() },
    );
    await recordPayoutChange(tx, {
      shopId,
      payoutId,
      action: "payout.review_accepted",
      actor,
      draft: null,
      payoutBefore: payout,
      before: { status: "pending_review" },
      after: { status: "ready" },
    });
    return { status: "ready" as const };
  }, tx);
}
