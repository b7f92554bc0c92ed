// The Stripe rail (decision 0005): a payout is one Connect transfer, sent with the idempotency key
// `payout_<id>_a<attempt>` and the exact parameters stored on the attempt. Stripe remembers a key
// for 24 hours, so a young attempt is replayed as stored, and an older one is looked up
// (transfers by transfer group, matched on the attempt in the metadata) before any send.
import type Stripe from "stripe";
import { stripeTransferAmountProblem } from "../../domain/currency";
import { DomainError } from "../../domain/errors";
import { JOB } from "../../jobs/job-names";
import { classifyStripeError } from "../../stripe/classify-stripe-error";
import { STRIPE_ACTOR } from "../../stripe/stripe-actor";
import { assertBalanceHoldsCurrency } from "../../stripe/stripe-balance.server";
import { shopStripeClient } from "../../stripe/stripe-connection.server";
import { stripeFailureReason } from "../../stripe/stripe-failure-reason";
import { StripeTryLater } from "../../stripe/stripe-try-later";
import { transferIdempotencyKey, transferParams, type TransferParams } from "../../stripe/transfer-params";
import type { Rail } from "../rail";
import { attemptRecoveryStep } from "./attempt-recovery-step";
import { findAttemptTransfer } from "./find-attempt-transfer.server";

export const TRANSFER_NOT_FOUND = {
  code: "transfer_not_found",
  message: stripeFailureReason("transfer_not_found").sentence,
};

export function payoutDetailsMissing(creatorName: string): DomainError {
  return new DomainError(
    "payout_details_missing",
    `Payout details missing: ${creatorName} has not finished Stripe onboarding, so Stripe cannot transfer to them yet. Send them their Stripe onboarding link, or pay offline.`,
    {},
  );
}

export const stripeRail: Rail = {
  name: "stripe",
  actor: STRIPE_ACTOR,
  job: JOB.payStripePayout,
  keyless: false,

  async preflight(shopId, payout) {
    await assertBalanceHoldsCurrency(shopId, payout.currency);
    return undefined;
  },

  async destination(tx, shopId, payout) {
    const creator = await tx.creator.findFirstOrThrow({
      where: { id: payout.creatorId, shopId },
      select: { name: true, stripeAccountId: true, stripeTransfersActive: true },
    });
    if (!creator.stripeAccountId || !creator.stripeTransfersActive) throw payoutDetailsMissing(creator.name);
    return creator.stripeAccountId;
  },

  async prepare({ shopId, payout, attempt, amountMinor, destination }) {
    const amountProblem = stripeTransferAmountProblem(payout.currency, amountMinor);
    if (amountProblem) {
      throw new DomainError(
        "stripe_amount_not_payable",
        `${amountProblem} Pay this payout offline, or change its items so the amount can be sent.`,
        { amountMinor },
      );
    }
    const params = transferParams({
      shopId,
      payoutId: payout.id,
      attempt,
      amountMinor,
      currency: payout.currency,
      destination,
      invoiceLabel: payout.invoiceLabel,
    });
    return { idempotencyKey: transferIdempotencyKey(payout.id, attempt), request: { ...params }, audit: { destination } };
  },

  recoveryStep: (attempt, nowMs) => attemptRecoveryStep(nowMs - attempt.createdAt.getTime()),

  async send(attempt) {
    const client = await shopStripeClient(attempt.shopId);
    let transfer: Stripe.Transfer;
    try {
      transfer = await client.transfers.create(attempt.params as unknown as TransferParams, { idempotencyKey: attempt.idempotencyKey });
    } catch (error) {
      const failure = classifyStripeError(error, attempt.payout.currency);
      if (failure.kind === "replay") throw new StripeTryLater(failure.reason);
      return { made: false, code: failure.code, message: failure.message };
    }
    return { made: true, reference: transfer.id };
  },

  async lookUp(attempt) {
    const transfer = await findAttemptTransfer(await shopStripeClient(attempt.shopId), attempt);
    return transfer ? { reference: transfer.id } : null;
  },

  tryLater: (reason) => new StripeTryLater(reason),
  notFound: TRANSFER_NOT_FOUND,
  paidColumns: (transferId) => ({ stripeTransferId: transferId }),
  attemptColumns: (transferId) => ({ stripeTransferId: transferId }),
  paidAudit: (transferId) => ({ transferId }),
};
