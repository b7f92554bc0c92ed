// Looks an attempt's transfer up at Stripe: GET /v1/transfers filtered by the attempt's transfer
// group (the payout id), matched on the attempt number in its metadata. Answers only what Stripe
// definitely said; a lookup that fails says nothing, so it throws StripeTryLater.
import type Stripe from "stripe";
import { classifyStripeError } from "../../stripe/classify-stripe-error";
import { StripeTryLater } from "../../stripe/stripe-try-later";
import { isTransferOfAttempt } from "../../stripe/transfer-params";

export async function findAttemptTransfer(client: Stripe, attempt: { payoutId: string; attempt: number }): Promise<Stripe.Transfer | null> {
  try {
    // Pages through the whole group (one transfer per attempt at most), newest first.
    for await (const transfer of client.transfers.list({ transfer_group: attempt.payoutId, limit: 100 })) {
      if (isTransferOfAttempt(transfer, attempt)) return transfer;
    }
    return null;
  } catch (error) {
    const failure = classifyStripeError(error);
    throw new StripeTryLater(`looking the transfer up failed: ${failure.kind === "replay" ? failure.reason : failure.message}`);
  }
}
