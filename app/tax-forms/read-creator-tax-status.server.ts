// The deal page's tax card: the form on file (TIN masked) and the creator's open payouts that the
// payout-hold door holds, each with its reason.
import { db } from "../db.server";
import { todayInTimeZone } from "../domain/calendar";
import { now } from "../lib/clock.server";
import { readPayoutHolds } from "../payouts/payout-holds.server";
import { readTaxFormOnFile, type TaxFormOnFile } from "./read-tax-forms-on-file.server";

export interface CreatorTaxStatus {
  form: TaxFormOnFile | null;
  heldPayouts: { payoutId: string; label: string; reasons: string[] }[];
}

export async function readCreatorTaxStatus(shop: { id: string; timezone: string }, creatorId: string): Promise<CreatorTaxStatus> {
  const today = todayInTimeZone(now(), shop.timezone);
  const [form, holds] = await Promise.all([
    readTaxFormOnFile(shop.id, creatorId, today),
    readPayoutHolds(db(), shop.id, { open: true, creatorId }),
  ]);
  const payouts = holds.size
    ? await db().payout.findMany({ where: { shopId: shop.id, id: { in: [...holds.keys()] } }, select: { id: true, invoiceLabel: true } })
    : [];
  return {
    form,
    heldPayouts: payouts.map((payout) => ({
      payoutId: payout.id,
      label: payout.invoiceLabel ?? payout.id,
      reasons: (holds.get(payout.id) ?? []).map((hold) => hold.sentence),
    })),
  };
}
