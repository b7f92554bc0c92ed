// GET /app/exports/audit-log.csv — the shop's audit log (every state change, DOMAIN.md §2),
// oldest first, streamed, times in the shop's time zone. Query: from and to (YYYY-MM-DD, day of
// the event in the shop's time zone, both included). Bad parameters: 400 with a sentence.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/require-staff.server";
import { AUDIT_LOG_CSV_HEADER, auditLogCsvRow } from "~/documents/audit-log-csv";
import { csvStream } from "~/documents/csv";
import { fileResponse, refusal } from "~/documents/document-responses";
import { auditExportFiltersSchema, parseQuery } from "~/documents/export-filters";
import { readAuditEventsForExport } from "~/documents/read-audit-events-for-export.server";
import { now } from "~/lib/clock.server";
import { instantRange, todayInTimeZone } from "~/domain/calendar";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  const filters = parseQuery(auditExportFiltersSchema, new URL(request.url).searchParams);
  if (!filters.ok) return refusal(400, filters.message);

  const events = readAuditEventsForExport({ shopId: shop.id, ...instantRange(filters.value, shop.timezone) });
  async function* pages() {
    for await (const page of events) yield page.map((row) => auditLogCsvRow(row, shop.timezone));
  }
  return fileResponse(csvStream({ header: AUDIT_LOG_CSV_HEADER, pages: pages(), byteOrderMark: true }), {
    contentType: "text/csv; charset=utf-8",
    filename: `audit-log-${todayInTimeZone(now(), shop.timezone)}.csv`,
  });
};
