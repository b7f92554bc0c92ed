// Step 3 of paying a payout on any rail: record the rail's definite answer. A payment made →
// the payout is paid (in_payout → paid_<rail>, what it paid for becomes paid); a definite
// refusal → the attempt and the payout failed, items still reserved until retry or cancel.
// Every path locks the payout first and is a no-op when the attempt was already settled, so the
// job, the sweeper and a rail's webhook can all settle the same attempt safely.
import type { Payout, PayoutAttempt } from "@prisma/client";
import type { Actor } from "../audit/actor";
import type { DbTransaction } from "../db.server";
import { lockPayout } from "../db/locks.server";
import { toDateColumn, todayInTimeZone } from "../domain/calendar";
import { payPayout } from "../domain/ledger";
import { now } from "../lib/clock.server";
import { readActivePayoutTotal, updatePayoutIfStatus } from "../payouts/change-payout-status.server";
import { recordPayoutChange } from "../payouts/record-payout-change.server";
import { runPayoutTransaction } from "../payouts/run-payout-transaction.server";
import { settlePaidPayoutSources } from "../payouts/settle-payable-source.server";
import { crashPoint } from "./crash-point.server";
import type { Rail } from "./rail";

export type SettleOutcome = "paid" | "failed" | "already_settled";

async function lockAttempt(tx: DbTransaction, attemptId: string): Promise<PayoutAttempt & { payout: Payout }> {
  const attempt = await tx.payoutAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  const payout = await lockPayout(tx, attempt.shopId, attempt.payoutId);
  // Re-read under the payout's lock: another settler may have finished meanwhile.
  const current = await tx.payoutAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  return { ...current, payout };
}

/** The rail made `reference` (a transfer, a store credit transaction) for this attempt: the payout is paid. */
export function settleRailAttempt(rail: Rail, attemptId: string, reference: string, actor: Actor = rail.actor): Promise<SettleOutcome> {
  return runPayoutTransaction(async (tx) => {
    const attempt = await lockAttempt(tx, attemptId);
    if (attempt.status !== "pending" || attempt.payout.status !== "processing") return "already_settled";
    const { shopId, payoutId, payout } = attempt;
    const paidAt = now();
    // paidOn is the shop's calendar day of the payment, as the merchant's statement shows it.
    const { timezone } = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { timezone: true } });
    await updatePayoutIfStatus(
      tx,
      { shopId, payoutId, expected: "processing" },
      {
        status: "paid",
        ...rail.paidColumns?.(reference),
        paidAt,
        paidOn: toDateColumn(todayInTimeZone(paidAt, timezone)),
        statusReason: null,
      },
    );
    await tx.payoutAttempt.update({
      where: { id: attemptId },
      data: { status: "succeeded", ...rail.attemptColumns?.(reference), railReference: reference, finishedAt: paidAt },
    });
    const amountMinor = await readActivePayoutTotal(tx, shopId, payoutId);
    await recordPayoutChange(tx, {
      shopId,
      payoutId,
      action: `payout.paid_${rail.name}`,
      actor,
      draft: payPayout({ creatorId: payout.creatorId, currency: payout.currency, amountMinor, channel: rail.name }),
      movement: "pay",
      payoutBefore: payout,
      before: { status: "processing" },
      after: { status: "paid", attempt: attempt.attempt, amountMinor, ...rail.paidAudit(reference) },
    });
    await rail.settleExtras?.(tx, { attempt, payout, amountMinor, actor });
    await settlePaidPayoutSources(tx, shopId, payoutId, actor);
    crashPoint("before_settle_commit");
    return "paid";
  });
}

/** The rail definitely refused this attempt (or has nothing for it): attempt and payout failed. */
export function failRailAttempt(
  rail: Rail,
  attemptId: string,
  failure: { code: string; message: string },
  actor: Actor = rail.actor,
): Promise<SettleOutcome> {
  return runPayoutTransaction(async (tx) => {
    const attempt = await lockAttempt(tx, attemptId);
    if (attempt.status !== "pending" || attempt.payout.status !== "processing") return "already_settled";
    const { shopId, payoutId } = attempt;
    const finishedAt = now();
    await updatePayoutIfStatus(tx, { shopId, payoutId, expected: "processing" }, { status: "failed", statusReason: failure.message });
    await tx.payoutAttempt.update({
      where: { id: attemptId },
      data: { status: "failed", errorCode: failure.code, errorMessage: failure.message, finishedAt },
    });
    await recordPayoutChange(tx, {
      shopId,
      payoutId,
      action: `payout.${rail.name}_failed`,
      actor,
      draft: null,
      payoutBefore: attempt.payout,
      before: { status: "processing" },
      after: { status: "failed", attempt: attempt.attempt, code: failure.code, reason: failure.message },
    });
    return "failed";
  });
}
