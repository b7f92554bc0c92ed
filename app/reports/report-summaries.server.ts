// The report's figures where people look: Home (this month), the creator page (lifetime) and the
// campaign page (since it began). Same statement and definitions as the Reports screen.
import type { Shop } from "@prisma/client";
import { now } from "../lib/clock.server";
import { todayInTimeZone } from "../domain/calendar";
import { lifetimePeriod, readReportTotals, type ReportShop } from "./read-report.server";
import { presetPeriod, type Period, type ReportSums } from "./report-definitions";

export const reportShopOf = (shop: Shop): ReportShop => ({
  id: shop.id,
  currency: shop.currency,
  timezone: shop.timezone,
  countPaidOrdersOnly: shop.countPaidOrdersOnly,
});

export interface RoiSummary {
  period: Period;
  sums: ReportSums;
}

export async function readThisMonthRoi(shop: Shop): Promise<RoiSummary> {
  const period = presetPeriod("this_month", todayInTimeZone(now(), shop.timezone));
  return { period, sums: await readReportTotals(reportShopOf(shop), period) };
}

export async function readCreatorLifetimeRoi(shop: Shop, creatorId: string): Promise<RoiSummary> {
  const period = lifetimePeriod(todayInTimeZone(now(), shop.timezone));
  return { period, sums: await readReportTotals(reportShopOf(shop), period, { creatorId }) };
}

/** The campaign's id must already be known to belong to the shop. */
export async function readCampaignLifetimeRoi(shop: Shop, campaignId: string): Promise<RoiSummary> {
  const period = lifetimePeriod(todayInTimeZone(now(), shop.timezone));
  return { period, sums: await readReportTotals(reportShopOf(shop), period, { campaignId }) };
}
