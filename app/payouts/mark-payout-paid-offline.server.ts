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
import { assertPayoutMayBePaid } from "./payout-holds.server";
import { recordPayoutChange } from "./record-payout-change.server";
import { runPayoutTransaction } from "./run-payout-transaction.server";
import { settlePaidPayoutSources } from "./settle-payable-source.server";

export interface PaidOfflinePayout {
  status: "paid";
  /** The status it was paid from: ready, or failed when paid offline instead of Stripe. */
  from: "ready" | "failed";
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
 * With `fromFailed` (the payout page's "Pay offline instead"), a failed Stripe payout takes the
 * same way after its retry move: failed → ready → processing → paid, in one transaction; its
 * failed attempts stay as its history. The bulk action pays ready payouts only.
 */
export function markPayoutPaidOffline(
  shopId: string,
  payoutId: string,
  actor: Actor,
  input: OfflinePaymentInput,
  options: { fromFailed?: boolean } = {},
): Promise<PaidOfflinePayout> {
  return runPayoutTransaction(async (tx) => {
    const payment = await parseOfflinePayment(tx, shopId, input);
    const payout = await findPayoutForChange(tx, shopId, payoutId);
    const insteadOfStripe = payout.status === "failed" && options.fromFailed === true;
    if (insteadOfStripe) payoutStatusMachine.assertTransition("failed", "ready");
    payoutStatusMachine.assertTransition(insteadOfStripe ? "ready" : payout.status, "processing");
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
        // The failure's reason stays in the attempt history; the payout is no longer failing.
        statusReason: null,
        ...(payment.note ? { noteToCreator: payment.note } : {}),
      },
    );
    // The payout-hold door: paying by hand is still paying.
    await assertPayoutMayBePaid(tx, shopId, payout);
    const amountMinor = await readActivePayoutTotal(tx, shopId, payoutId);
    await recordPayoutChange(tx, {
      shopId,
      payoutId,
      action: insteadOfStripe ? "payout.paid_offline_instead" : "payout.paid_offline",
      actor,
      // payPayout refuses a total of zero or less: such a payout is canceled, never paid.
      draft: payPayout({ creatorId: payout.creatorId, currency: payout.currency, amountMinor, channel: "offline" }),
      movement: "pay",
      payoutBefore: payout,
      before: { status: payout.status },
      after: {
        status: "paid",
        via: insteadOfStripe ? "ready, processing" : "processing",
        amountMinor,
        method: payment.method,
        reference: payment.reference,
        paidOn: payment.paidOn,
      },
    });

    await settlePaidPayoutSources(tx, shopId, payoutId, actor);

    return {
      status: "paid" as const,
      from: insteadOfStripe ? ("failed" as const) : ("ready" as const),
      amountMinor,
      paidOn: payment.paidOn,
    };
  });
}
