// A paid payout's payment was taken back at its rail (Stripe reversed the transfer, the merchant
// disabled the gift card): the payout is `reversed`, the money goes back paid_<channel> → payable,
// and — in the SAME transaction — the payout's items are released, so the creator's available
// items again equal their payable balance (createPayout's drift check) and a new payout can include
// them. The one reversal path of every rail; the caller holds the payout's lock.
import type { Payout } from "@prisma/client";
import type { Actor } from "../audit/actor";
import type { DbTransaction } from "../db.server";
import { reverseTransfer, type PayoutChannel } from "../domain/ledger";
import { payoutStatusMachine } from "../domain/status/payout-status";
import { readActivePayoutTotal, updatePayoutIfStatus } from "./change-payout-status.server";
import { recordPayoutChange } from "./record-payout-change.server";

export async function reversePaidPayout(
  tx: DbTransaction,
  payout: Payout,
  change: { actor: Actor; reason: string; before: Record<string, unknown> },
): Promise<void> {
  payoutStatusMachine.assertTransition(payout.status, "reversed");
  await updatePayoutIfStatus(
    tx,
    { shopId: payout.shopId, payoutId: payout.id, expected: payout.status },
    { status: "reversed", statusReason: change.reason },
  );
  const amountMinor = await readActivePayoutTotal(tx, payout.shopId, payout.id);
  await tx.payoutItem.updateMany({ where: { shopId: payout.shopId, payoutId: payout.id, state: "active" }, data: { state: "released" } });
  await recordPayoutChange(tx, {
    shopId: payout.shopId,
    payoutId: payout.id,
    action: "payout.reversed",
    actor: change.actor,
    draft: reverseTransfer({
      creatorId: payout.creatorId,
      currency: payout.currency,
      amountMinor,
      channel: (payout.channel ?? "stripe") as PayoutChannel,
    }),
    movement: "reverse",
    payoutBefore: payout,
    before: { status: payout.status, ...change.before },
    after: { status: "reversed", releasedMinor: amountMinor },
  });
}
