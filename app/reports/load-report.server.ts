// One entry point for the Reports screen and its CSV export: validate the query (zod), check a
// campaign filter belongs to the shop, then run the one report query. Bad input runs no query.
import type { Shop } from "@prisma/client";
import { db } from "../db.server";
import { now } from "../lib/clock.server";
import { todayInTimeZone } from "../domain/calendar";
import { readReport, type ReportResult } from "./read-report.server";
import { REPORT_PAGE_SIZE } from "./report-definitions";
import { parseReportRequest } from "./report-request";
import type { ReportRequest } from "./report-search-params";

export type LoadedReport =
  | { ok: true; request: ReportRequest; report: ReportResult; campaignName: string | null; today: string }
  | { ok: true; request: ReportRequest; report: null; campaignName: string | null; today: string }
  | { ok: false; message: string; today: string };

/**
 * The report a query string asks for: one page of rows for the screen, or every row (`allRows`);
 * `validateOnly` checks the request (and the campaign) without running the report.
 */
export async function loadReport(
  shop: Shop,
  params: URLSearchParams,
  options: { allRows?: boolean; validateOnly: true },
): Promise<Exclude<LoadedReport, { report: ReportResult }> | Extract<LoadedReport, { ok: false }>>;
export async function loadReport(
  shop: Shop,
  params: URLSearchParams,
  options?: { allRows?: boolean; validateOnly?: false },
): Promise<Exclude<LoadedReport, { report: null }>>;
export async function loadReport(
  shop: Shop,
  params: URLSearchParams,
  options: { allRows?: boolean; validateOnly?: boolean } = {},
): Promise<LoadedReport> {
  const today = todayInTimeZone(now(), shop.timezone);
  const parsed = parseReportRequest(params, today);
  if (!parsed.ok) return { ok: false, message: parsed.message, today };
  const request = parsed.value;
  let campaignName: string | null = null;
  if (request.campaignId) {
    const campaign = await db().campaign.findFirst({ where: { id: request.campaignId, shopId: shop.id }, select: { name: true } });
    if (!campaign) return { ok: false, message: "There is no such campaign in this shop; pick one from Campaigns.", today };
    campaignName = campaign.name;
  }
  if (options.validateOnly) return { ok: true, request, report: null, campaignName, today };
  const report = await readReport(
    { id: shop.id, currency: shop.currency, timezone: shop.timezone, countPaidOrdersOnly: shop.countPaidOrdersOnly },
    {
      period: request.period,
      groupBy: request.groupBy,
      sort: request.sort,
      direction: request.direction,
      campaignId: request.campaignId,
      page: options.allRows ? undefined : { limit: REPORT_PAGE_SIZE, offset: (request.page - 1) * REPORT_PAGE_SIZE },
    },
  );
  return { ok: true, request, report, campaignName, today };
}
