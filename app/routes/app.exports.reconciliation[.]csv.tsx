// GET /app/exports/reconciliation.csv?from=YYYY-MM-DD&to=YYYY-MM-DD — the reconciliation screen as
// CSV, every rail, streamed one rail at a time. A rail that cannot be reached is one line saying so.
// Bad parameters: 400 with a sentence.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/require-staff.server";
import { csvStream } from "~/documents/csv";
import { fileResponse, refusal } from "~/documents/document-responses";
import { todayInTimeZone } from "~/domain/calendar";
import { now } from "~/lib/clock.server";
import { railLabel } from "~/rails/rail-choices.server";
import { railsToReconcile, reconcileRail } from "~/reconciliation/load-reconciliation.server";
import { RECONCILIATION_CSV_HEADER, reconciliationCsvRow } from "~/reconciliation/reconciliation-csv";
import { reconciliationRange } from "~/reconciliation/reconciliation-range";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  const range = reconciliationRange(new URL(request.url).searchParams, todayInTimeZone(now(), shop.timezone), shop.timezone);
  if (!range.ok) return refusal(400, range.message);
  const { instants } = range;
  const rails = await railsToReconcile(shop.id);
  async function* pages() {
    for (const rail of rails) {
      const result = await reconcileRail(shop.id, rail, instants);
      const label = railLabel(rail);
      if (result.error !== null)
        yield [[label, "Could not be read", null, null, null, null, null, null, null, null, null, null, null, result.error]];
      else yield result.rows.map((row) => reconciliationCsvRow(label, row, shop.timezone));
    }
  }
  return fileResponse(csvStream({ header: RECONCILIATION_CSV_HEADER, pages: pages(), byteOrderMark: true }), {
    contentType: "text/csv; charset=utf-8",
    filename: `reconciliation-${range.days.from}-to-${range.days.to}.csv`,
  });
};
