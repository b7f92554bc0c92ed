import { actorLabel, type Actor } from "../audit/actor";
import type { DbTransaction } from "../db.server";
import { payPayout } from "../domain/ledger";
import { payoutStatusMachine } from "../domain/status/payout-status";
import { fieldErrorsOf } from "../forms/field-errors";
import { now } from "../lib/clock.server";
import { findPayoutForChange, readActivePayoutTotal, updatePayoutIfStatus } from "./change-payout-status.server";
import { toDateColumn, todayInTimeZone } from "../domain/calendar";
import { offlinePaymentSchema, type OfflinePayment, type OfflinePaymentInput } from "./offline-payment-schema";
import { invalidOfflinePayment } from "./payout-errors";
import { recordPayoutChange } from "./record-payout-change.server";
import { runPayoutTransaction } from "./run-payout-transaction.server";
import { settlePaidPayoutSources } from "./settle-payable-source.server";

export interface PaidOfflinePayout {
  status: "paid";
  amountMinor: number;
  paidOn: string;
}

/** Validates the form against the shop's today; field errors come back as invalid_offline_payment. */
export async function parseOfflinePayment(
  client: Pick<DbTransaction, "shop">,
  shopId: string,
  input: OfflinePaymentInput,
): Promise<OfflinePayment> {
  const shop = await client.shop.findUniqueOrThrow({ where: { id: shopId }, select: { timezone: true } });
  const parsed = offlinePaymentSchema(todayInTimeZone(now(), shop.timezone)).safeParse(input);
  if (!parsed.success) throw invalidOfflinePayment(fieldErrorsOf(parsed.error));
  return parsed.data;
}

/**
 * The merchant paid a ready payout outside the app (bank transfer, PayPal…) and records it:
 * ready → processing → paid at once, in_payout → paid_offline, and what it paid for becomes paid.
 */
export function markPayoutPaidOffline(
  shopId: string,
  payoutId: string,
  actor: Actor,
  input: OfflinePaymentInput,
): Promise<PaidOfflinePayout> {
  return runPayoutTransaction(async (tx) => {
    const payment = await parseOfflinePayment(tx, shopId, input);
    const payout = await findPayoutForChange(tx, shopId, payoutId);
    payoutStatusMachine.assertTransition(payout.status, "processing");
    payoutStatusMachine.assertTransition("processing", "paid");

    const paidAt = now();
    await updatePayoutIfStatus(
      tx,
      { shopId, payoutId, expected: payout.status },
      {
        status: "paid",
        channel: "offline",
        offlineMethod: payment.method,
        offlineReference: payment.reference,
        paidOn: toDateColumn(payment.paidOn),
        paidAt,
        processedBy: actorLabel(actor),
        processedAt: paidAt,
        ...(payment.note ? { noteToCreator: payment.note } : {}),
      },
    );
    const amountMinor = await readActivePayoutTotal(tx, shopId, payoutId);
    await recordPayoutChange(tx, {
      shopId,
      payoutId,
      action: "payout.paid_offline",
      actor,
      // payPayout refuses a total of zero or less: such a payout is canceled, never paid.
      draft: payPayout({ creatorId: payout.creatorId, currency: payout.currency, amountMinor, channel: "offline" }),
      movement: "pay",
      payoutBefore: payout,
      before: { status: payout.status },
      after: {
        status: "paid",
        via: "processing",
        amountMinor,
        method: payment.method,
        reference: payment.reference,
        paidOn: payment.paidOn,
      },
    });

    await settlePaidPayoutSources(tx, shopId, payoutId, actor);

    return { status: "paid" as const, amountMinor, paidOn: payment.paidOn };
  });
}
