// Stripe's side of reconciliation: the shop's transfers created in the range (GET /v1/transfers
// with created[gte]/[lte], every page), kept when they identify one of our payouts (transfer_group
// or metadata.payout_id, and metadata.shop_id when present is this shop's). A reversed transfer is
// no payment. Throws when Stripe cannot be reached; the screen says so for this rail only.
import type { InstantRange } from "../domain/calendar";
import { minorFromStripeAmount } from "../domain/currency";
import type { RailRecord } from "../domain/reconcile-rail-payments";
import { shopStripeClient } from "../stripe/stripe-connection.server";

export async function listStripeRecords(shopId: string, range: InstantRange): Promise<RailRecord[]> {
  const client = await shopStripeClient(shopId);
  const records: RailRecord[] = [];
  const created = { gte: Math.floor(range.start.getTime() / 1000), lte: Math.ceil(range.end.getTime() / 1000) };
  for await (const transfer of client.transfers.list({ created, limit: 100 })) {
    const payoutId = transfer.metadata?.payout_id ?? transfer.transfer_group ?? null;
    if (!payoutId) continue; // not made by the app (a transfer made in Stripe's dashboard)
    if (transfer.metadata?.shop_id && transfer.metadata.shop_id !== shopId) continue;
    const currency = transfer.currency.toUpperCase();
    records.push({
      reference: transfer.id,
      payoutId,
      amountMinor: minorFromStripeAmount(currency, transfer.amount),
      currency,
      at: new Date(transfer.created * 1000),
      state: transfer.reversed ? "reversed" : "paid",
    });
  }
  return records;
}
