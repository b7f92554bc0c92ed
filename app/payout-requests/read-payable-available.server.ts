import type { DbTransaction } from "../db.server";
import { readCreatorBalances } from "../ledger/read-balances.server";
import { toMinorNumber } from "../ledger/to-minor-number";

export interface PayableAvailable {
  payableMinor: number;
  /** What open (`requested`) payout requests of the creator in this currency ask for. */
  requestedMinor: number;
  availableMinor: number;
}

/**
 * What a new payout request may still ask for: the creator's payable balance minus what open
 * requests already ask for. Call it under the creator's balance lock so it stays true until commit.
 */
export async function readPayableAvailable(
  tx: DbTransaction,
  shopId: string,
  creatorId: string,
  currency: string,
): Promise<PayableAvailable> {
  const balances = await readCreatorBalances(shopId, [creatorId], tx);
  const open = await tx.payoutRequest.aggregate({
    where: { shopId, creatorId, currency, status: "requested" },
    _sum: { amountMinor: true },
  });
  const payableMinor = balances.find((b) => b.currency === currency)?.payable ?? 0;
  const requestedMinor = toMinorNumber(open._sum.amountMinor);
  return { payableMinor, requestedMinor, availableMinor: payableMinor - requestedMinor };
}
