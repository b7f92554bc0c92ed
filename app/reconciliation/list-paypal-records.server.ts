// PayPal's side of reconciliation: the items of the batches our PayPal attempts made. PayPal has no
// search by our ids and resending a batch to find it would be a write, so the batches are the ones
// PayPal named to us: an attempt keeps its batch's PayPal id once the batch is answered (or, for
// attempts settled before that was kept, its payout item gives it: GET
// /v1/payments/payouts-item/{id}), and each batch is read whole (GET /v1/payments/payouts/{id})
// through the existing client, so every item of it shows: paid, pending, unclaimed or failed. Only
// an attempt still waiting for its batch's first answer has no batch id yet; the sweeper looks it up.
import { db } from "../db.server";
import type { InstantRange } from "../domain/calendar";
import type { RailRecord } from "../domain/reconcile-rail-payments";
import { fromPayPalMoney } from "../rails/paypal/paypal-amount";
import { payPalClientForShop } from "../rails/paypal/paypal-credentials.server";

export async function listPayPalRecords(shopId: string, range: InstantRange): Promise<RailRecord[]> {
  const attempts = await db().payoutAttempt.findMany({
    where: {
      shopId,
      rail: "paypal",
      OR: [{ railBatchId: { not: null } }, { railReference: { not: null } }],
      createdAt: { lt: range.end },
    },
    select: { railBatchId: true, railReference: true },
    orderBy: { createdAt: "asc" },
  });
  if (attempts.length === 0) return [];
  const { client } = await payPalClientForShop(shopId);
  const batchIds = new Set<string>();
  for (const { railBatchId, railReference } of attempts) {
    batchIds.add(railBatchId ?? (await client.getPayoutItem(railReference!)).payout_batch_id);
  }
  const records: RailRecord[] = [];
  for (const batchId of batchIds) {
    const { batch, items } = await client.getBatchItems(batchId);
    for (const item of items) {
      const { amountMinor, currency } = fromPayPalMoney(item.payout_item.amount);
      const at = new Date(item.time_processed ?? batch.batch_header.time_created ?? range.start);
      if (at < range.start || at >= range.end) continue;
      records.push({
        reference: item.payout_item_id,
        payoutId: item.payout_item.sender_item_id ?? null,
        amountMinor: Number(amountMinor),
        currency,
        at,
        state: item.transaction_status === "SUCCESS" ? "paid" : (item.transaction_status ?? "pending").toLowerCase(),
      });
    }
  }
  return records;
}
