// Stripe reversed a transfer we made (transfer.reversed): the payout is `reversed` and the money
// payable again, through the one reversal path of every rail (reversePaidPayout).
import type { Actor } from "../audit/actor";
import { reversePaidPayout } from "../payouts/reverse-paid-payout.server";
import { runPayoutTransaction } from "../payouts/run-payout-transaction.server";
import { lockPayout } from "../db/locks.server";
import { STRIPE_ACTOR } from "./stripe-actor";

export type ReverseOutcome = { status: "processed" | "rejected"; reason: string | null };

export async function reverseStripePayout(
  shopId: string,
  transfer: { id: string; amount: number; amount_reversed: number },
  actor: Actor = STRIPE_ACTOR,
): Promise<ReverseOutcome> {
  return runPayoutTransaction(async (tx) => {
    const found = await tx.payout.findFirst({ where: { shopId, stripeTransferId: transfer.id }, select: { id: true } });
    if (!found) return { status: "rejected", reason: `no payout of this shop was paid by the transfer ${transfer.id}` };
    const payout = await lockPayout(tx, shopId, found.id);
    if (payout.status === "reversed") return { status: "processed", reason: "already reversed" };
    if (transfer.amount_reversed < transfer.amount) {
      return {
        status: "rejected",
        reason: `transfer ${transfer.id} was partly reversed (${transfer.amount_reversed} of ${transfer.amount}); the payout stays paid — adjust the creator's balance by hand`,
      };
    }
    await reversePaidPayout(tx, payout, {
      actor,
      reason: "Stripe reversed the transfer; the money is payable to the creator again.",
      before: { transferId: transfer.id },
    });
    return { status: "processed", reason: null };
  });
}
