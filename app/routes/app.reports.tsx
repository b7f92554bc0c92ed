// Reports: revenue, creator cost, ROI and CPA by creator or campaign for a period in the shop's
// time zone. Query: period (this_month | last_month | last_30_days | last_90_days | this_year |
// custom with from, to), groupBy (creator | campaign), sort, direction, page, campaignId.
// Bad input answers 400 with the sentence and runs no report query.
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  EmptyState,
  InlineGrid,
  InlineStack,
  Page,
  Pagination,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { requireStaff } from "~/auth/require-staff.server";
import { AccessibleDataTable } from "~/components/AccessibleDataTable";
import { DownloadButton } from "~/components/DownloadButton";
import { RevenueCostChart } from "~/components/reports/RevenueCostChart";
import { loadReport } from "~/reports/load-report.server";
import { readPeriodCostPaid } from "~/reports/read-cost-paid.server";
import { formatMoney, type DisplayMinor } from "~/domain/money";
import { readReportSeries } from "~/reports/read-report-series.server";
import { reportShopOf } from "~/reports/report-summaries.server";
import {
  PERIOD_LABELS,
  PERIOD_PRESETS,
  REPORT_COLUMNS,
  REPORT_DEFINITIONS,
  REPORT_PAGE_SIZE,
  REPORT_SORTS,
  costSettlement,
  displayFigures,
  isEmptySums,
  reportFigures,
  type CurrencyAmount,
  type ReportSort,
} from "~/reports/report-definitions";
import { reportSearchParams, type ReportRequest } from "~/reports/report-request";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  const currency = shop.currency;
  // The table and the chart's series are independent statements: run them side by side.
  const checked = loadReport(shop, new URL(request.url).searchParams, { validateOnly: true });
  const [loaded, series, costPaid] = await Promise.all([
    loadReport(shop, new URL(request.url).searchParams),
    checked.then((c) => (c.ok ? readReportSeries(reportShopOf(shop), c.request.period, c.request.campaignId) : null)),
    checked.then((c) => (c.ok ? readPeriodCostPaid(reportShopOf(shop), { period: c.request.period, campaignId: c.request.campaignId }) : [])),
  ]);
  if (!loaded.ok) return data({ ...loaded, currency, series: null, costPaid: [] }, { status: 400 });
  return { ...loaded, currency, series: isEmptySums(loaded.report.totals) ? null : series, costPaid };
};

// Table columns after the name column, in REPORT_COLUMNS order; which of them sort server-side.
const SORT_OF_COLUMN: Partial<Record<(typeof REPORT_COLUMNS)[number], ReportSort>> = {
  orders: "orders",
  revenue: "revenue",
  cost: "cost",
  profit: "profit",
  roi: "roi",
  cpa: "cpa",
  clicks: "clicks",
};

function PeriodForm({ request }: { request: ReportRequest | null }) {
  const navigation = useNavigation();
  const [preset, setPreset] = useState<string>(request?.preset ?? "this_month");
  const [from, setFrom] = useState(request?.period.from ?? "");
  const [to, setTo] = useState(request?.period.to ?? "");
  const [groupBy, setGroupBy] = useState<string>(request?.groupBy ?? "creator");
  return (
    <Form method="get" aria-label="Report period and grouping">
      <BlockStack gap="300">
        <InlineGrid columns={{ xs: 1, md: preset === "custom" ? 4 : 2 }} gap="300">
          <Select
            label="Period"
            name="period"
            options={PERIOD_PRESETS.map((value) => ({ value, label: PERIOD_LABELS[value] }))}
            value={preset}
            onChange={setPreset}
          />
          {preset === "custom" && (
            <>
              <TextField label="From" name="from" type="date" value={from} onChange={setFrom} autoComplete="off" />
              <TextField label="To" name="to" type="date" value={to} onChange={setTo} autoComplete="off" />
            </>
          )}
          <Select
            label="Group by"
            name="groupBy"
            options={[
              { value: "creator", label: "Creator" },
              { value: "campaign", label: "Campaign" },
            ]}
            value={groupBy}
            onChange={setGroupBy}
          />
        </InlineGrid>
        {request?.campaignId && <input type="hidden" name="campaignId" value={request.campaignId} />}
        <InlineStack>
          <Button submit variant="primary" loading={navigation.state === "loading"}>
            Show report
          </Button>
        </InlineStack>
      </BlockStack>
    </Form>
  );
}

/** "Of the creator cost: X paid · Y owed", with the definitions as help text. */
function CostSettlement({ costMinor, paid, currency }: { costMinor: DisplayMinor; paid: CurrencyAmount[]; currency: string }) {
  const { paidMinor, owedMinor } = costSettlement(costMinor, paid, currency);
  const otherPaid = paid.filter((p) => p.currency !== currency);
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="p">
          {`Of the creator cost in ${currency}: ${formatMoney({ amountMinor: paidMinor, currency })} ${REPORT_DEFINITIONS.costPaid.label.toLowerCase()} · ${formatMoney({ amountMinor: owedMinor, currency })} ${REPORT_DEFINITIONS.costOwed.label.toLowerCase()}`}
          {otherPaid.length > 0 && ` (paid in other currencies: ${otherPaid.map((p) => formatMoney(p)).join(" · ")})`}
        </Text>
        <Text as="p" tone="subdued" variant="bodySm">
          {`${REPORT_DEFINITIONS.costPaid.help} ${REPORT_DEFINITIONS.costOwed.help}`}
        </Text>
      </BlockStack>
    </Card>
  );
}

export default function Reports() {
  const loaded = useLoaderData<typeof loader>();
  const navigate = useNavigate();
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
  const query = (change: Partial<ReportRequest>) => `?${reportSearchParams(request, change).toString()}`;
  const columns = REPORT_COLUMNS.filter((column) => request.groupBy === "creator" || (column !== "clicks" && column !== "conversion"));
  const sortColumn = columns.findIndex((column) => SORT_OF_COLUMN[column] === request.sort);
  const pages = Math.max(1, Math.ceil(report.rowCount / REPORT_PAGE_SIZE));
  const groupLabel = request.groupBy === "creator" ? "Creator" : "Campaign";
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
              <p>No creator brought an order, earned money or got a click between {request.period.from} and {request.period.to}. Choose another period.</p>
            </EmptyState>
          </Card>
        ) : (
          <>
            <InlineGrid columns={{ xs: 2, md: 4 }} gap="300">
              {(
                [
                  ["revenue", shownTotals.revenue],
                  ["cost", shownTotals.cost],
                  ["roi", shownTotals.roi],
                  ["cpa", shownTotals.cpa],
                ] as const
              ).map(([key, value]) => (
                <Card key={key}>
                  <BlockStack gap="100">
                    <Text as="h2" variant="headingSm">
                      {REPORT_DEFINITIONS[key].label}
                    </Text>
                    <Text as="p" variant="headingLg">
                      {value}
                    </Text>
                  </BlockStack>
                </Card>
              ))}
            </InlineGrid>
            <CostSettlement costMinor={totals.costMinor} paid={loaded.costPaid} currency={currency} />
            {totals.otherCurrencyCosts.length > 0 && (
              <Banner tone="info" title={`Creator cost in other currencies: ${shownTotals.otherCurrencyCost}`}>
                <p>{REPORT_DEFINITIONS.otherCurrencyCost.help}</p>
              </Banner>
            )}

            {loaded.series && <RevenueCostChart series={loaded.series} currency={currency} topRows={request.groupBy === "creator" && request.sort === "revenue" && request.direction === "desc" && request.page === 1 ? report.rows.slice(0, 10) : []} />}

            <Card padding="0">
              <Box padding="400">
                <InlineStack align="space-between" blockAlign="center" gap="300">
                  <Text as="h2" variant="headingMd">
                    {`By ${groupLabel.toLowerCase()} (${report.rowCount.toLocaleString("en-US")})`}
                  </Text>
                  <DownloadButton
                    url={`/app/exports/report.csv${query({ page: 1 })}`}
                    filename={`report-by-${request.groupBy}-${request.period.from}-to-${request.period.to}.csv`}
                    fullWidth={false}
                  >
                    Export CSV
                  </DownloadButton>
                </InlineStack>
              </Box>
              <AccessibleDataTable
                label={`Report by ${groupLabel.toLowerCase()}`}
                columnContentTypes={["text", ...columns.map(() => "numeric" as const)]}
                headings={[groupLabel, ...columns.map((column) => REPORT_DEFINITIONS[column].label)]}
                sortable={[false, ...columns.map((column) => SORT_OF_COLUMN[column] !== undefined)]}
                initialSortColumnIndex={sortColumn >= 0 ? sortColumn + 1 : undefined}
                defaultSortDirection={request.direction === "asc" ? "ascending" : "descending"}
                onSort={(index, direction) => {
                  const sort = SORT_OF_COLUMN[columns[index - 1]];
                  if (!sort || !(REPORT_SORTS as readonly string[]).includes(sort)) return;
                  navigate(query({ sort, direction: direction === "ascending" ? "asc" : "desc", page: 1 }));
                }}
                rows={report.rows.map((row) => {
                  const shown = displayFigures(reportFigures(row.sums), currency);
                  const href = row.key === "" ? null : request.groupBy === "creator" ? `/app/creators/${row.key}` : `/app/campaigns/${row.key}`;
                  return [href ? <Link key={row.key} to={href}>{row.name}</Link> : row.name, ...columns.map((column) => shown[column])];
                })}
                totals={["", ...columns.map((column) => shownTotals[column])]}
                totalsName={{ singular: "Total", plural: "Total" }}
                showTotalsInFooter
                footerContent={pages > 1 ? `Page ${request.page} of ${pages}; the CSV holds every row.` : undefined}
              />
              {pages > 1 && (
                <Box padding="400">
                  <InlineStack align="center">
                    <Pagination
                      hasPrevious={request.page > 1}
                      onPrevious={() => navigate(query({ page: request.page - 1 }))}
                      hasNext={request.page < pages}
                      onNext={() => navigate(query({ page: request.page + 1 }))}
                      label={`Page ${request.page} of ${pages}`}
                    />
                  </InlineStack>
                </Box>
              )}
            </Card>
          </>
        )}

        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">
              How these figures are computed
            </Text>
            <dl>
              {(["orders", "revenue", "cost", "otherCurrencyCost", "profit", "roi", "cpa", "clicks", "conversion", "newCustomerShare", "averageOrderValue"] as const).map((key) => (
                <div key={key}>
                  <Text as="dt" variant="headingSm">
                    {REPORT_DEFINITIONS[key].label}
                  </Text>
                  <dd style={{ margin: "0 0 8px 0" }}>
                    <Text as="span" tone="subdued">
                      {REPORT_DEFINITIONS[key].help}
                    </Text>
                  </dd>
                </div>
              ))}
            </dl>
          </BlockStack>
        </Card>
      </BlockStack>
    </Page>
  );
}
