// GET /app/exports/payouts.csv — every payout of the shop for accounting, oldest first, streamed.
// Query: status (all | draft | pending_review | ready | processing | paid | failed | canceled |
// reversed; default all), from and to (YYYY-MM-DD, creation day in the shop's time zone, both
// included). Bad parameters: 400 with a sentence.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/require-staff.server";
import { csvStream } from "~/documents/csv";
import { fileResponse, refusal } from "~/documents/document-responses";
import { parseQuery, payoutExportFiltersSchema } from "~/documents/export-filters";
import { payoutCsvRow, payoutsCsvHeader } from "~/documents/payouts-csv";
import { readPayoutsForExport } from "~/documents/read-payouts-for-export.server";
import { now } from "~/lib/clock.server";
import { instantRange, todayInTimeZone } from "~/domain/calendar";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  const filters = parseQuery(payoutExportFiltersSchema, new URL(request.url).searchParams);
  if (!filters.ok) return refusal(400, filters.message);

  const { status, ...days } = filters.value;
  const rows = readPayoutsForExport({ shopId: shop.id, status, ...instantRange(days, shop.timezone) });
  async function* pages() {
    for await (const page of rows) yield page.map((row) => payoutCsvRow(row, shop.timezone));
  }
  return fileResponse(csvStream({ header: payoutsCsvHeader(shop.timezone), pages: pages(), byteOrderMark: true }), {
    contentType: "text/csv; charset=utf-8",
    filename: `payouts-${todayInTimeZone(now(), shop.timezone)}.csv`,
  });
};
