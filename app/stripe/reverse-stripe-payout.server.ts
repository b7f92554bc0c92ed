// Stripe reversed a transfer we made (transfer.reversed): the payout is `reversed`, the money
// goes back paid_stripe → payable, and — in the SAME transaction — the payout's items are
// released, so the creator's available items again equal their payable balance (createPayout's
// drift check) and a new payout can include them.
import type { Actor } from "../audit/actor";
import { reverseTransfer } from "../domain/ledger";
import { payoutStatusMachine } from "../domain/status/payout-status";
import { readActivePayoutTotal, updatePayoutIfStatus } from "../payouts/change-payout-status.server";
import { recordPayoutChange } from "../payouts/record-payout-change.server";
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
    payoutStatusMachine.assertTransition(payout.status, "reversed");
    await updatePayoutIfStatus(
      tx,
      { shopId, payoutId: payout.id, expected: payout.status },
      { status: "reversed", statusReason: "Stripe reversed the transfer; the money is payable to the creator again." },
    );
    const amountMinor = await readActivePayoutTotal(tx, shopId, payout.id);
    await tx.payoutItem.updateMany({ where: { shopId, payoutId: payout.id, state: "active" }, data: { state: "released" } });
    await recordPayoutChange(tx, {
      shopId,
      payoutId: payout.id,
      action: "payout.reversed",
      actor,
      draft: reverseTransfer({ creatorId: payout.creatorId, currency: payout.currency, amountMinor }),
      movement: "reverse",
      payoutBefore: payout,
      before: { status: payout.status, transferId: transfer.id },
      after: { status: "reversed", releasedMinor: amountMinor },
    });
    return { status: "processed", reason: null };
  });
}
