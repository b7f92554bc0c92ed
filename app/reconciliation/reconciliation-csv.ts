// The reconciliation export's rows: one line per row of every rail, mismatches named as on screen.
import type { CsvCell } from "../documents/csv";
import { formatShopDateTime } from "../domain/calendar";
import { toDecimalString } from "../domain/money";
import { RECONCILIATION_KIND_LABELS, type ReconciliationRow } from "../domain/reconcile-rail-payments";

export const RECONCILIATION_CSV_HEADER = [
  "Rail",
  "Result",
  "Rail reference",
  "Rail amount",
  "Rail currency",
  "Rail state",
  "Rail time",
  "Payout",
  "Creator",
  "Ledger amount",
  "Ledger currency",
  "Payout status",
  "Paid in ledger at",
  "Note",
] as const;

export function reconciliationCsvRow(railLabel: string, row: ReconciliationRow, timeZone: string): CsvCell[] {
  const { record, payout } = row;
  const paidInLedger = payout?.paidAt ? payout : null;
  return [
    railLabel,
    RECONCILIATION_KIND_LABELS[row.kind],
    record?.reference,
    record ? toDecimalString({ amountMinor: record.amountMinor, currency: record.currency }) : null,
    record?.currency,
    record?.state,
    record ? formatShopDateTime(record.at, timeZone) : null,
    payout?.payoutId ?? record?.payoutId,
    payout?.creatorName,
    paidInLedger ? toDecimalString({ amountMinor: paidInLedger.amountMinor, currency: paidInLedger.currency }) : null,
    paidInLedger?.currency,
    payout?.status,
    paidInLedger?.paidAt ? formatShopDateTime(paidInLedger.paidAt, timeZone) : null,
    row.sentence,
  ];
}
