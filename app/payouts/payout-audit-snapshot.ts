// What an auditor needs to see of a payout on both sides of every status change: its status,
// amount and currency, and how it was paid (method, reference, payment date). Pure: no I/O.
import type { Payout } from "@prisma/client";
import { paymentMethodLabel } from "../documents/payouts-csv";
import { fromDateColumn } from "../domain/calendar";

export type PayoutSnapshotSource = Pick<
  Payout,
  "status" | "currency" | "invoiceLabel" | "channel" | "offlineMethod" | "offlineReference" | "stripeTransferId" | "paidOn"
>;

export interface PayoutAuditSnapshot {
  status: string;
  /** The payout's amount: its active items (a canceled or reversed payout: the items it released). */
  amountMinor: number;
  currency: string;
  invoiceLabel: string | null;
  /** "Bank transfer", "Stripe transfer"…; null until paid or claimed. */
  method: string | null;
  /** The offline reference or the Stripe transfer id. */
  reference: string | null;
  /** YYYY-MM-DD */
  paidOn: string | null;
}

/** Statuses whose amount is what their items held before they were released. */
export const PAYOUT_STATUSES_AMOUNT_FROM_RELEASED_ITEMS = ["canceled", "reversed"] as const;

export function payoutAuditSnapshot(payout: PayoutSnapshotSource, amountMinor: number): PayoutAuditSnapshot {
  return {
    status: payout.status,
    amountMinor,
    currency: payout.currency,
    invoiceLabel: payout.invoiceLabel,
    method: paymentMethodLabel({ channel: payout.channel, offlineMethod: payout.offlineMethod }) || null,
    reference: (payout.channel === "stripe" ? payout.stripeTransferId : payout.offlineReference) ?? null,
    paidOn: payout.paidOn ? fromDateColumn(payout.paidOn) : null,
  };
}
