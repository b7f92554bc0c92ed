// GET /app/exports/report.csv — the Reports table as CSV: the same query string as /app/reports
// (period, from, to, groupBy, sort, direction, campaignId), every row instead of one page, then
// the total. Streamed from a cursor over the screen's statement. Bad parameters: 400 with a
// sentence, and no report query runs.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/require-staff.server";
import { csvStream } from "~/documents/csv";
import { fileResponse, refusal } from "~/documents/document-responses";
import { loadReport } from "~/reports/load-report.server";
import { reportCsvHeader, reportCsvRow } from "~/reports/report-csv";
import { reportShopOf } from "~/reports/report-summaries.server";
import { streamReportRows } from "~/reports/stream-report-rows.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  const checked = await loadReport(shop, new URL(request.url).searchParams, { validateOnly: true });
  if (!checked.ok) return refusal(400, checked.message);
  const currency = shop.currency;
  const { period, groupBy, sort, direction, campaignId } = checked.request;
  async function* pages() {
    for await (const batch of streamReportRows(reportShopOf(shop), { period, groupBy, sort, direction, campaignId })) {
      yield batch.map((item) =>
        "row" in item
          ? reportCsvRow(item.row.name, item.row.key, item.row.sums, currency)
          : reportCsvRow("Total", "", item.totals, currency),
      );
    }
  }
  return fileResponse(csvStream({ header: reportCsvHeader(groupBy, currency), pages: pages(), byteOrderMark: true }), {
    contentType: "text/csv; charset=utf-8",
    filename: `report-by-${groupBy}-${period.from}-to-${period.to}.csv`,
  });
};
