// Step 1 of paying a payout with Stripe: claim it. In ONE database transaction the payout moves
// ready → processing (or failed → ready → processing for a retry), the attempt is counted, the
// attempt's idempotency key and exact transfer parameters are stored, and the job that calls
// Stripe is queued. Nothing talks to Stripe here, so the merchant's click returns at once; of
// concurrent clicks exactly one wins the compare-and-set on the status.
import { Prisma } from "@prisma/client";
import { actorLabel, type Actor } from "../audit/actor";
import type { DbTransaction } from "../db.server";
import { stripeTransferAmountProblem } from "../domain/currency";
import { DomainError } from "../domain/errors";
import { payoutStatusMachine } from "../domain/status/payout-status";
import { enqueueJob } from "../jobs/enqueue-job.server";
import { JOB } from "../jobs/job-names";
import { now } from "../lib/clock.server";
import { findPayoutForChange, readActivePayoutTotal, updatePayoutIfStatus } from "../payouts/change-payout-status.server";
import { recordPayoutChange } from "../payouts/record-payout-change.server";
import { runPayoutTransaction } from "../payouts/run-payout-transaction.server";
import { assertBalanceHoldsCurrency, currencyNotInBalance } from "./stripe-balance.server";
import { transferIdempotencyKey, transferParams } from "./transfer-params";

export interface ClaimedStripePayout {
  status: "processing";
  payoutId: string;
  attempt: number;
  idempotencyKey: string;
}

/** Job retries for one attempt: network errors and 5xx are replayed with the same key. */
export const PAY_STRIPE_PAYOUT_MAX_ATTEMPTS = 12;

export function payoutDetailsMissing(creatorName: string): DomainError {
  return new DomainError(
    "payout_details_missing",
    `Payout details missing: ${creatorName} has not finished Stripe onboarding, so Stripe cannot transfer to them yet. Send them their Stripe onboarding link, or pay offline.`,
    {},
  );
}

/**
 * Claims a ready (or failed, for a retry) payout for a Stripe transfer. Checks first, outside the
 * transaction, that the shop's Stripe balance holds the payout's currency.
 */
export async function claimStripePayout(
  shopId: string,
  payoutId: string,
  actor: Actor,
  options: { heldCurrencies?: string[] } = {},
): Promise<ClaimedStripePayout> {
  const peek = await runPayoutTransaction((tx) => findPayoutForChange(tx, shopId, payoutId));
  if (options.heldCurrencies) {
    if (!options.heldCurrencies.includes(peek.currency)) throw currencyNotInBalance(peek.currency, options.heldCurrencies);
  } else {
    await assertBalanceHoldsCurrency(shopId, peek.currency);
  }
  return runPayoutTransaction((tx) => claimInTransaction(tx, shopId, payoutId, actor));
}

async function claimInTransaction(tx: DbTransaction, shopId: string, payoutId: string, actor: Actor): Promise<ClaimedStripePayout> {
  const payout = await findPayoutForChange(tx, shopId, payoutId);
  const retry = payout.status === "failed";
  if (retry) payoutStatusMachine.assertTransition("failed", "ready");
  payoutStatusMachine.assertTransition(retry ? "ready" : payout.status, "processing");

  const creator = await tx.creator.findFirstOrThrow({
    where: { id: payout.creatorId, shopId },
    select: { name: true, stripeAccountId: true, stripeTransfersActive: true },
  });
  if (!creator.stripeAccountId || !creator.stripeTransfersActive) throw payoutDetailsMissing(creator.name);

  const attempt = payout.attemptCount + 1;
  const claimedAt = now();
  await updatePayoutIfStatus(
    tx,
    { shopId, payoutId, expected: payout.status },
    {
      status: "processing",
      channel: "stripe",
      attemptCount: attempt,
      statusReason: null,
      processedBy: actorLabel(actor),
      processedAt: claimedAt,
    },
  );
  // Read after the compare-and-set: the row is locked, so the items cannot change any more.
  const amountMinor = await readActivePayoutTotal(tx, shopId, payoutId);
  if (amountMinor <= 0) {
    throw new DomainError("nothing_to_transfer", "This payout's items add up to nothing to pay. Cancel it instead.", { amountMinor });
  }
  const amountProblem = stripeTransferAmountProblem(payout.currency, amountMinor);
  if (amountProblem) {
    throw new DomainError(
      "stripe_amount_not_payable",
      `${amountProblem} Pay this payout offline, or change its items so the amount can be sent.`,
      { amountMinor },
    );
  }
  const idempotencyKey = transferIdempotencyKey(payoutId, attempt);
  const params = transferParams({
    shopId,
    payoutId,
    attempt,
    amountMinor,
    currency: payout.currency,
    destination: creator.stripeAccountId,
    invoiceLabel: payout.invoiceLabel,
  });
  const row = await tx.payoutAttempt.create({
    data: {
      shopId,
      payoutId,
      attempt,
      idempotencyKey,
      params: params as unknown as Prisma.InputJsonObject,
      status: "pending",
      createdAt: claimedAt,
    },
    select: { id: true },
  });
  await recordPayoutChange(tx, {
    shopId,
    payoutId,
    action: retry ? "payout.stripe_retried" : "payout.stripe_claimed",
    actor,
    draft: null,
    payoutBefore: payout,
    before: { status: payout.status },
    after: { status: "processing", ...(retry ? { via: "ready" } : {}), attempt, amountMinor, destination: creator.stripeAccountId },
  });
  await enqueueJob(
    tx,
    JOB.payStripePayout,
    { attemptId: row.id },
    { jobKey: `pay_${row.id}`, maxAttempts: PAY_STRIPE_PAYOUT_MAX_ATTEMPTS },
  );
  return { status: "processing", payoutId, attempt, idempotencyKey };
}
