// GET /app/exports/report.csv — the Reports table as CSV: the same query string as /app/reports
// (period, from, to, groupBy, sort, direction, campaignId), every row instead of one page, then
// the total. Bad parameters: 400 with a sentence, and no report query runs.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/require-staff.server";
import { csvLines } from "~/documents/csv";
import { fileResponse, refusal } from "~/documents/document-responses";
import { loadReport } from "~/reports/load-report.server";
import { reportCsvHeader, reportCsvRow } from "~/reports/report-csv";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  const loaded = await loadReport(shop, new URL(request.url).searchParams, { allRows: true });
  if (!loaded.ok) return refusal(400, loaded.message);
  const currency = shop.currency;
  const { period, groupBy } = loaded.request;
  const body = csvLines([
    reportCsvHeader(groupBy, currency),
    ...loaded.report.rows.map((row) => reportCsvRow(row.name, row.key, row.sums, currency)),
    reportCsvRow("Total", "", loaded.report.totals, currency),
  ]);
  return fileResponse(`\uFEFF${body}`, {
    contentType: "text/csv; charset=utf-8",
    filename: `report-by-${groupBy}-${period.from}-to-${period.to}.csv`,
  });
};
