// Reconciliation (issue 15, item 5): what a rail says was paid, matched with the payouts the ledger
// says were paid on that rail, for a range of instants. Every rail record and every paid payout
// ends in exactly one row, and every mismatch is named so the merchant knows what to do:
//  - "paid at the rail, not in the ledger": money left (a lost answer not settled yet, a second
//    payment, a payment made by hand) and the ledger does not show it as paid;
//  - "paid in the ledger, not found at the rail": the ledger shows a payment the rail does not have;
//  - "amount or currency differs": both have it, but not for the same money.
// Pure: the rails' records and the ledger's payouts are read by app/reconciliation/*.server.ts.
import type { InstantRange } from "./calendar";

/** One payment (or attempt at one) as the rail reports it. */
export type RailRecord = {
  /** The rail's own id (Stripe transfer, PayPal payout item, store credit transaction, gift card). */
  reference: string;
  /** The payout it is for, when the rail carries it (transfer group, sender_item_id, note) or the app settled it. */
  payoutId: string | null;
  amountMinor: number;
  currency: string;
  at: Date;
  /** "paid" when the money reached the creator; any other word (pending, failed, reversed…) is shown as the rail says it and is no payment. */
  state: string;
};

export const PAID_AT_RAIL = "paid";

/** A payout on the rail as the ledger has it. Only `paid` payouts are payments in the ledger. */
export type LedgerPayout = {
  payoutId: string;
  creatorName: string;
  amountMinor: number;
  currency: string;
  status: string;
  /** When the ledger movement in_payout → paid_<rail> was posted (paid payouts only). */
  paidAt: Date | null;
};

export type ReconciliationKind =
  "matched" | "paid_at_rail_not_in_ledger" | "paid_in_ledger_not_at_rail" | "amount_or_currency_differs" | "not_paid_at_rail";

export const MISMATCH_KINDS: readonly ReconciliationKind[] = [
  "paid_at_rail_not_in_ledger",
  "paid_in_ledger_not_at_rail",
  "amount_or_currency_differs",
];

export const RECONCILIATION_KIND_LABELS: Record<ReconciliationKind, string> = {
  matched: "Matched",
  paid_at_rail_not_in_ledger: "Paid at the rail, not in the ledger",
  paid_in_ledger_not_at_rail: "Paid in the ledger, not found at the rail",
  amount_or_currency_differs: "Amount or currency differs",
  not_paid_at_rail: "Not paid at the rail",
};

export type ReconciliationRow = {
  kind: ReconciliationKind;
  record: RailRecord | null;
  payout: LedgerPayout | null;
  /** What the row means, as a sentence for the merchant. */
  sentence: string;
};

const isPayment = (record: RailRecord) => record.state === PAID_AT_RAIL;
const isPaidInLedger = (payout: LedgerPayout) => payout.status === "paid";
const sameMoney = (record: RailRecord, payout: LedgerPayout) =>
  record.amountMinor === payout.amountMinor && record.currency.toUpperCase() === payout.currency.toUpperCase();
const within = (at: Date | null, range: InstantRange) => at !== null && at >= range.start && at < range.end;

/**
 * Matches one rail's records with the ledger's payouts on that rail. The caller reads both sides a
 * little wider than `range` (a payment posted just before midnight may reach the rail after it);
 * a row is kept when its record or its payout falls in the range.
 */
export function reconcileRailPayments(input: {
  records: readonly RailRecord[];
  payouts: readonly LedgerPayout[];
  range: InstantRange;
}): ReconciliationRow[] {
  const payoutsById = new Map(input.payouts.map((p) => [p.payoutId, p]));
  const recordsByPayout = new Map<string, RailRecord[]>();
  const rows: ReconciliationRow[] = [];
  for (const record of input.records) {
    if (record.payoutId === null || !payoutsById.has(record.payoutId)) {
      rows.push(
        isPayment(record)
          ? {
              kind: "paid_at_rail_not_in_ledger",
              record,
              payout: null,
              sentence: record.payoutId
                ? "The rail paid this, but no payout of this shop on this rail has it."
                : "The rail paid this, and it names no payout of the app: find who was paid before settling anything.",
            }
          : { kind: "not_paid_at_rail", record, payout: null, sentence: `The rail shows this as ${record.state}: no money left.` },
      );
      continue;
    }
    const list = recordsByPayout.get(record.payoutId) ?? [];
    list.push(record);
    recordsByPayout.set(record.payoutId, list);
  }

  for (const payout of input.payouts) {
    const records = recordsByPayout.get(payout.payoutId) ?? [];
    const payments = records.filter(isPayment);
    // The payment the ledger's movement stands for: the one for the same money, else the first.
    let counted = isPaidInLedger(payout) ? (payments.find((r) => sameMoney(r, payout)) ?? payments[0]) : undefined;
    if (isPaidInLedger(payout)) {
      if (!counted) {
        // The rail's word for it (reversed, failed…) is shown on the same row.
        const seen = records[0];
        counted = seen;
        rows.push({
          kind: "paid_in_ledger_not_at_rail",
          record: seen ?? null,
          payout,
          sentence: seen
            ? `The ledger shows this payout paid, but the rail shows it as ${seen.state}.`
            : "The ledger shows this payout paid, but the rail has no payment for it.",
        });
      } else if (sameMoney(counted, payout)) {
        rows.push({ kind: "matched", record: counted, payout, sentence: "The rail and the ledger agree." });
      } else {
        rows.push({
          kind: "amount_or_currency_differs",
          record: counted,
          payout,
          sentence:
            counted.currency.toUpperCase() !== payout.currency.toUpperCase()
              ? `The rail paid in ${counted.currency.toUpperCase()}, the ledger in ${payout.currency.toUpperCase()}.`
              : "The rail paid a different amount from the ledger's.",
        });
      }
    }
    for (const record of records) {
      if (record === counted) continue;
      if (!isPayment(record)) {
        rows.push({ kind: "not_paid_at_rail", record, payout, sentence: `The rail shows this as ${record.state}: no money left.` });
      } else {
        rows.push({
          kind: "paid_at_rail_not_in_ledger",
          record,
          payout,
          sentence: isPaidInLedger(payout)
            ? "A second payment at the rail for a payout the ledger paid once."
            : `The rail paid this payout, but the ledger has it ${payout.status}.`,
        });
      }
    }
  }
  return rows.filter((row) => within(row.record?.at ?? null, input.range) || within(row.payout?.paidAt ?? null, input.range));
}

export const isMismatch = (row: ReconciliationRow) => MISMATCH_KINDS.includes(row.kind);
