import type { Actor } from "../audit/actor";
import { DomainError } from "../domain/errors";
import { returnToExpense } from "../domain/ledger";
import { fixedFeeStatusMachine } from "../domain/status/fixed-fee-status";
import { postLedgerTransaction } from "../ledger/post-ledger-transaction.server";
import { toMinorNumber } from "../ledger/to-minor-number";
import { now } from "../lib/clock.server";
import { FIXED_FEE_SUBJECT } from "./add-fixed-fee.server";
import { lockCreatorBalance, lockRowForUpdate } from "../db/locks.server";
import { withTransaction } from "../db/transaction.server";

/**
 * Cancels an unpaid fee (DOMAIN.md §3): its money goes back to expense from wherever it is
 * (gated while waiting for its deliverable, else payable) and its payable item is retired so no
 * payout can pick it up. Refused while the fee is inside a payout that still holds it.
 */
export async function cancelFixedFee(shopId: string, feeId: string, actor: Actor): Promise<{ feeId: string }> {
  return withTransaction("interactive", async (tx) => {
    const unlocked = await tx.fixedFee.findFirst({ where: { id: feeId, shopId }, select: { creatorId: true, currency: true } });
    if (!unlocked) throw new DomainError("not_found", "That fixed fee does not exist in this shop.", { feeId });
    // Balance lock first (the order payout creation uses), then the fee: a payout being created
    // for this creator either already holds the fee's item (refused below) or waits for us.
    await lockCreatorBalance(tx, { shopId, creatorId: unlocked.creatorId, currency: unlocked.currency });
    await lockRowForUpdate(tx, "FixedFee", shopId, feeId);
    const fee = await tx.fixedFee.findUniqueOrThrow({ where: { id: feeId } });
    fixedFeeStatusMachine.assertTransition(fee.status, "canceled");

    const holding = await tx.payoutItem.findFirst({
      where: { shopId, state: "active", payableItem: { fixedFeeId: fee.id } },
      select: { payout: { select: { id: true, status: true, invoiceLabel: true } } },
    });
    if (holding) {
      const { payout } = holding;
      throw new DomainError(
        "fee_in_payout",
        `This fee is in payout ${payout.invoiceLabel ?? payout.id} (${payout.status.replace(/_/g, " ")}). ` +
          "Remove it from that payout or cancel the payout first, then cancel the fee.",
        { feeId, payoutId: payout.id, payoutStatus: payout.status },
      );
    }

    const currency = fee.currency;
    const amountMinor = toMinorNumber(fee.amountMinor);
    const from = fee.status === "awaiting_deliverable" ? "gated" : "payable";
    await tx.fixedFee.update({ where: { id: fee.id }, data: { status: "canceled" } });
    // Retired, not deleted: the item's history stays, and `rejectedAt` keeps it out of payouts.
    await tx.payableItem.updateMany({
      where: { shopId, fixedFeeId: fee.id, rejectedAt: null, splitAt: null },
      data: { rejectedAt: now(), rejectReason: "Fixed fee canceled" },
    });
    await postLedgerTransaction(tx, {
      shopId,
      draft: returnToExpense({ kind: "cancel_fee", from, creatorId: fee.creatorId, currency, amountMinor }),
      subject: { type: FIXED_FEE_SUBJECT, id: fee.id },
      action: "fixed_fee.canceled",
      actor,
      idempotencyKey: `fixed_fee:${fee.id}:canceled`,
      before: { status: fee.status },
      after: { status: "canceled", returnedFrom: from, amountMinor, currency },
    });
    return { feeId: fee.id };
  });
}
