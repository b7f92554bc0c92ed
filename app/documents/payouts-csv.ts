// The payouts export for accounting: one row per payout, amounts as exact decimal strings.
import { toDecimalString } from "../domain/money";
import type { PayoutStatus } from "../domain/status/payout-status";
import type { CsvCell } from "./csv";

export const PAYOUTS_CSV_HEADER = [
  "Invoice",
  "Creator",
  "Email",
  "Status",
  "Currency",
  "Amount",
  "Created (UTC)",
  "Paid on",
  "Method",
  "Reference",
] as const;

export interface PayoutExportRow {
  id: string;
  invoiceLabel: string | null;
  creatorName: string;
  creatorEmail: string;
  status: PayoutStatus;
  currency: string;
  /** The sum of the payout's active items. */
  amountMinor: number;
  createdAt: Date;
  /** YYYY-MM-DD */
  paidOn: string | null;
  channel: "stripe" | "offline" | null;
  offlineMethod: string | null;
  offlineReference: string | null;
  stripeTransferId: string | null;
}

/** How the payout was paid, for the Method column: the offline method typed by the merchant, or Stripe. */
export function paymentMethodLabel(row: Pick<PayoutExportRow, "channel" | "offlineMethod">): string {
  if (row.channel === "stripe") return "Stripe transfer";
  return row.offlineMethod ?? "";
}

export function payoutCsvRow(row: PayoutExportRow): CsvCell[] {
  return [
    row.invoiceLabel,
    row.creatorName,
    row.creatorEmail,
    row.status,
    row.currency,
    toDecimalString({ amountMinor: row.amountMinor, currency: row.currency }),
    row.createdAt.toISOString(),
    row.paidOn,
    paymentMethodLabel(row),
    row.channel === "stripe" ? row.stripeTransferId : row.offlineReference,
  ];
}
