// The payouts export for accounting: one row per payout, amounts as plain decimal numbers
// ("150.00", the currency in its own column) and times as the shop's wall clock without
// milliseconds ("2026-01-10 19:00"), so a spreadsheet reads both as values.
import type { PayoutChannel } from "../domain/ledger";
import { formatShopDateTime } from "../domain/calendar";
import { toDecimalString } from "../domain/money";
import type { PayoutStatus } from "../domain/status/payout-status";
import type { CsvCell } from "./csv";

/** The header row; the creation time is the shop's, and the header names its zone. */
export function payoutsCsvHeader(timeZone: string): string[] {
  return ["Invoice", "Creator", "Email", "Status", "Currency", "Amount", `Created (${timeZone})`, "Paid on", "Method", "Reference"];
}

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
  channel: PayoutChannel | null;
  offlineMethod: string | null;
  offlineReference: string | null;
  stripeTransferId: string | null;
}

/** How the payout was paid, for the Method column: the offline method typed by the merchant, or Stripe. */
export function paymentMethodLabel(row: Pick<PayoutExportRow, "channel" | "offlineMethod">): string {
  if (row.channel === "stripe") return "Stripe transfer";
  if (row.channel === "store_credit") return "Store credit";
  if (row.channel === "paypal") return "PayPal Payouts";
  if (row.channel === "gift_card") return "Gift card";
  return row.offlineMethod ?? "";
}

export function payoutCsvRow(row: PayoutExportRow, timeZone: string): CsvCell[] {
  return [
    row.invoiceLabel,
    row.creatorName,
    row.creatorEmail,
    row.status,
    row.currency,
    toDecimalString({ amountMinor: row.amountMinor, currency: row.currency }),
    formatShopDateTime(row.createdAt, timeZone),
    row.paidOn,
    paymentMethodLabel(row),
    row.channel === "stripe" ? row.stripeTransferId : row.offlineReference,
  ];
}
