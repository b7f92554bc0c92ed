// Reports: revenue, creator cost, ROI and CPA by creator or campaign for a period in the shop's
// time zone. Query: period (this_month | last_month | last_30_days | last_90_days | this_year |
// custom with from, to), groupBy (creator | campaign), sort, direction, page, campaignId.
// Bad input answers 400 with the sentence and runs no report query.
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Card, EmptyState, Page } from "@shopify/polaris";
import { requireStaff } from "~/auth/require-staff.server";
import { CostSettlement } from "~/components/reports/CostSettlement";
import { PeriodForm } from "~/components/reports/PeriodForm";
import { ReportDefinitions } from "~/components/reports/ReportDefinitions";
import { ReportHeadlineFigures } from "~/components/reports/ReportHeadlineFigures";
import { ReportTable } from "~/components/reports/ReportTable";
import { RevenueCostChart } from "~/components/reports/RevenueCostChart";
import { loadReport } from "~/reports/load-report.server";
import { readPeriodCostPaid } from "~/reports/read-cost-paid.server";
import { readReportSeries } from "~/reports/read-report-series.server";
import { reportShopOf } from "~/reports/report-summaries.server";
import { PERIOD_LABELS, REPORT_DEFINITIONS, displayFigures, isEmptySums, reportFigures } from "~/reports/report-definitions";
import { reportSearchParams } from "~/reports/report-search-params";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  const currency = shop.currency;
  // The table and the chart's series are independent statements: run them side by side.
  const checked = loadReport(shop, new URL(request.url).searchParams, { validateOnly: true });
  const [loaded, series, costPaid] = await Promise.all([
    loadReport(shop, new URL(request.url).searchParams),
    checked.then((c) => (c.ok ? readReportSeries(reportShopOf(shop), c.request.period, c.request.campaignId) : null)),
    checked.then((c) =>
      c.ok ? readPeriodCostPaid(reportShopOf(shop), { period: c.request.period, campaignId: c.request.campaignId }) : [],
    ),
  ]);
  if (!loaded.ok) return data({ ...loaded, currency, series: null, costPaid: [] }, { status: 400 });
  return { ...loaded, currency, series: isEmptySums(loaded.report.totals) ? null : series, costPaid };
};

export default function Reports() {
  const loaded = useLoaderData<typeof loader>();
  const currency = loaded.currency;

  if (!loaded.ok) {
    return (
      <Page title="Reports">
        <BlockStack gap="400">
          <Banner tone="critical" title="This report cannot be shown">
            <p>{loaded.message}</p>
          </Banner>
          <Card>
            <PeriodForm request={null} />
          </Card>
        </BlockStack>
      </Page>
    );
  }

  const { request, report } = loaded;
  const totals = reportFigures(report.totals);
  const shownTotals = displayFigures(totals, currency);
  const empty = report.rowCount === 0 || isEmptySums(report.totals);
  const periodText = `${request.period.from} to ${request.period.to}`;

  return (
    <Page
      title="Reports"
      subtitle={`${loaded.campaignName ? `${loaded.campaignName} · ` : ""}${PERIOD_LABELS[request.preset]}: ${periodText} (shop time zone)`}
    >
      <BlockStack gap="400">
        <Card>
          <PeriodForm key={reportSearchParams(request).toString()} request={request} />
        </Card>

        {empty ? (
          <Card>
            <EmptyState heading="Nothing to report for this period" image="">
              <p>
                No creator brought an order, earned money or got a click between {request.period.from} and {request.period.to}. Choose
                another period.
              </p>
            </EmptyState>
          </Card>
        ) : (
          <>
            <ReportHeadlineFigures shownTotals={shownTotals} />
            <CostSettlement costMinor={totals.costMinor} paid={loaded.costPaid} currency={currency} />
            {totals.otherCurrencyCosts.length > 0 && (
              <Banner tone="info" title={`Creator cost in other currencies: ${shownTotals.otherCurrencyCost}`}>
                <p>{REPORT_DEFINITIONS.otherCurrencyCost.help}</p>
              </Banner>
            )}

            {loaded.series && (
              <RevenueCostChart
                series={loaded.series}
                currency={currency}
                topRows={
                  request.groupBy === "creator" && request.sort === "revenue" && request.direction === "desc" && request.page === 1
                    ? report.rows.slice(0, 10)
                    : []
                }
              />
            )}

            <ReportTable request={request} report={report} currency={currency} shownTotals={shownTotals} />
          </>
        )}

        <ReportDefinitions />
      </BlockStack>
    </Page>
  );
}
