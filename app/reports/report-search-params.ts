// A Reports request as the screen holds it, and its query string (links for sorting, pages and the
// export). Apart from report-request.ts, which parses the query with zod on the server: the screen
// needs only this, and a zod schema built at module level would ship zod (≈ 12 KiB gzip) to the browser.
import type { Period, PeriodPreset, ReportGrouping, ReportSort } from "./report-definitions";

export interface ReportRequest {
  preset: PeriodPreset;
  period: Period;
  groupBy: ReportGrouping;
  sort: ReportSort;
  direction: "asc" | "desc";
  page: number;
  campaignId?: string;
}

/** The query string of a request, for links (sorting, pages, export) that keep everything else. */
export function reportSearchParams(request: ReportRequest, change: Partial<ReportRequest> = {}): URLSearchParams {
  const next = { ...request, ...change };
  const params = new URLSearchParams({ period: next.preset });
  if (next.preset === "custom") {
    params.set("from", next.period.from);
    params.set("to", next.period.to);
  }
  params.set("groupBy", next.groupBy);
  params.set("sort", next.sort);
  params.set("direction", next.direction);
  if (next.page > 1) params.set("page", String(next.page));
  if (next.campaignId) params.set("campaignId", next.campaignId);
  return params;
}
