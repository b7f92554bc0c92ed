// The audit log export (DOMAIN.md §2 "Audit event … Exportable"): one row per event, before and
// after as compact JSON so nothing is lost.
import type { CsvCell } from "./csv";

export const AUDIT_LOG_CSV_HEADER = [
  "Occurred at (UTC)",
  "Actor type",
  "Actor id",
  "Action",
  "Subject type",
  "Subject id",
  "Before (JSON)",
  "After (JSON)",
] as const;

export interface AuditExportRow {
  id: string;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
}

const json = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));

export function auditLogCsvRow(row: AuditExportRow): CsvCell[] {
  return [
    row.occurredAt.toISOString(),
    row.actorType,
    row.actorId,
    row.action,
    row.subjectType,
    row.subjectId,
    json(row.before),
    json(row.after),
  ];
}
