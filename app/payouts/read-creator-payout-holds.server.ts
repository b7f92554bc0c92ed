// The deal page's "Payouts on hold": the creator's open payouts the payout-hold door
// (app/domain/payout-holds.ts) holds, each with every reason it gives — a missing W-9, a missing
// second approval, whatever rule the door holds for next — not only the tax form's.
import { db } from "../db.server";
import type { PayoutHold } from "../domain/payout-holds";
import { toMinorNumber } from "../ledger/to-minor-number";
import { readPayoutHolds, type PayoutHoldsShop } from "./payout-holds.server";

export interface HeldPayout {
  payoutId: string;
  label: string;
  currency: string;
  amountMinor: number;
  holds: PayoutHold[];
}

export async function readCreatorPayoutHolds(shop: PayoutHoldsShop, creatorId: string): Promise<HeldPayout[]> {
  const shopId = shop.id;
  const holds = await readPayoutHolds(db(), shop, { open: true, creatorId });
  if (holds.size === 0) return [];
  const payouts = await db().payout.findMany({
    where: { shopId, id: { in: [...holds.keys()] } },
    select: { id: true, invoiceLabel: true, currency: true, items: { where: { state: "active" }, select: { amountMinor: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return payouts.map((payout) => ({
    payoutId: payout.id,
    label: payout.invoiceLabel ?? "Draft payout",
    currency: payout.currency,
    amountMinor: payout.items.reduce((sum, item) => sum + toMinorNumber(item.amountMinor), 0),
    holds: holds.get(payout.id) ?? [],
  }));
}
