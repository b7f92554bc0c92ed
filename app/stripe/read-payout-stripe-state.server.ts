// What the payout page shows about Stripe: whether it can pay this payout, and its attempts.
import { db } from "../db.server";
import { isStripeConnected } from "./stripe-connection.server";

export interface PayoutStripeState {
  connected: boolean;
  /** The creator's transfers capability is active. */
  creatorCanReceive: boolean;
  attempts: {
    attempt: number;
    status: string;
    errorCode: string | null;
    errorMessage: string | null;
    transferId: string | null;
    createdAt: string;
  }[];
}

export async function readPayoutStripeState(shopId: string, payoutId: string): Promise<PayoutStripeState> {
  const payout = await db().payout.findFirstOrThrow({
    where: { id: payoutId, shopId },
    select: {
      creator: { select: { stripeAccountId: true, stripeTransfersActive: true } },
      // Other rails' attempts are shown by their own cards.
      attempts: { where: { rail: "stripe" }, orderBy: { attempt: "desc" } },
    },
  });
  return {
    connected: await isStripeConnected(shopId),
    creatorCanReceive: Boolean(payout.creator.stripeAccountId && payout.creator.stripeTransfersActive),
    attempts: payout.attempts.map((a) => ({
      attempt: a.attempt,
      status: a.status,
      errorCode: a.errorCode,
      errorMessage: a.errorMessage,
      transferId: a.stripeTransferId,
      createdAt: a.createdAt.toISOString(),
    })),
  };
}
