// The audit log export (DOMAIN.md §2 "Audit event … Exportable"), for a finance team to hand to an
// auditor: one row per event (per currency when an event moved money in two), with who (the
// staff member's name and email), when (the shop's wall clock, whole seconds, and the offset),
// how much (a plain decimal number, the currency in its own column), how (the ledger movement,
// the payout method, reference and payment date) and the creator's payable balance after it.
// Before and after stay as compact JSON so nothing is lost.
import { isCurrencyCode } from "../domain/currency";
import { toDecimalString } from "../domain/money";
import type { CsvCell } from "./csv";
import { zonedDateTime } from "../domain/calendar";

export const AUDIT_LOG_CSV_HEADER = [
  "Occurred at",
  "Time zone",
  "UTC offset",
  "Actor type",
  "Staff name",
  "Staff email",
  "Actor id",
  "Action",
  "Subject type",
  "Subject id",
  "Creator",
  "Creator id",
  "Amount",
  "Currency",
  "Movement",
  "Payout method",
  "Reference",
  "Payment date",
  "Creator balance after",
  "Status before",
  "Status after",
  "Before (JSON)",
  "After (JSON)",
] as const;

/** The ledger transaction posted with the event, in one currency. */
export interface AuditExportMovement {
  currency: string;
  /** What moved: the sum of the transaction's positive entries in this currency. */
  amountMinor: number;
  /** Accounts debited (negative entries) and credited (positive entries). */
  fromAccounts: string[];
  toAccounts: string[];
  /** The creator's payable balance in this currency right after the transaction (null: no creator). */
  creatorPayableAfterMinor: number | null;
}

export interface AuditExportRow {
  id: string;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  creatorId: string | null;
  creatorName: string | null;
  movement: AuditExportMovement | null;
  before: unknown;
  after: unknown;
}

const json = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));

const field = (value: unknown, key: string): unknown =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

/** A plain decimal number ("1234.50", "-12.5" never: the currency's digits), or "" when it is not money. */
function decimal(amountMinor: unknown, currency: unknown): string {
  if (typeof amountMinor !== "number" || !Number.isSafeInteger(amountMinor) || !isCurrencyCode(currency)) return "";
  return toDecimalString({ amountMinor, currency });
}

export function auditLogCsvRow(row: AuditExportRow, timeZone: string): CsvCell[] {
  const when = zonedDateTime(row.occurredAt, timeZone);
  const { movement } = row;
  // A status change of a payout that moved no money still shows the payout's amount.
  const snapshot = row.subjectType === "payout" ? (field(row.after, "currency") ? row.after : row.before) : null;
  const currency = movement?.currency ?? text(field(snapshot, "currency"));
  const amount = movement ? decimal(movement.amountMinor, movement.currency) : decimal(field(snapshot, "amountMinor"), currency);
  const payoutFact = (key: string) => (row.subjectType === "payout" ? (text(field(row.after, key)) ?? text(field(row.before, key))) : null);
  return [
    when.local,
    timeZone,
    when.offset,
    row.actorType,
    row.actorName,
    row.actorEmail,
    row.actorId,
    row.action,
    row.subjectType,
    row.subjectId,
    row.creatorName,
    row.creatorId,
    amount,
    amount === "" ? "" : currency,
    movement ? `${movement.fromAccounts.join(" + ")} → ${movement.toAccounts.join(" + ")}` : "",
    payoutFact("method"),
    payoutFact("reference") ?? payoutFact("transferId"),
    payoutFact("paidOn"),
    movement && movement.creatorPayableAfterMinor !== null ? decimal(movement.creatorPayableAfterMinor, movement.currency) : "",
    text(field(row.before, "status")),
    text(field(row.after, "status")),
    json(row.before),
    json(row.after),
  ];
}
