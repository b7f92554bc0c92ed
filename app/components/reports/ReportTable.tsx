import { Link, useNavigate } from "@remix-run/react";
import { BlockStack, Box, Card, InlineStack, Pagination, Text } from "@shopify/polaris";
import { AccessibleDataTable } from "~/components/AccessibleDataTable";
import { DownloadButton } from "~/components/DownloadButton";
import type { ReportResult } from "~/reports/read-report.server";
import {
  REPORT_COLUMNS,
  REPORT_DEFINITIONS,
  REPORT_PAGE_SIZE,
  REPORT_SORTS,
  NOT_APPLICABLE,
  displayFigures,
  reportFigures,
  type ReportSort,
} from "~/reports/report-definitions";
import { reportSearchParams, type ReportRequest } from "~/reports/report-search-params";

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

// To fit 1280 px without a sideways pager, two columns ride under another one's figure on
// screen (the CSV keeps every column): costs in other currencies under the creator cost, the
// conversion under the clicks.
const FOLDED_INTO: Partial<Record<(typeof REPORT_COLUMNS)[number], (typeof REPORT_COLUMNS)[number]>> = {
  otherCurrencyCost: "cost",
  conversion: "clicks",
};
const FOLDED_LABEL = { cost: (figure: string) => `+ ${figure}`, clicks: (figure: string) => `${figure} conv.` };
const FOLDED_SPOKEN = { cost: " in other currencies", clicks: "" };

type Shown = ReturnType<typeof displayFigures>;

/** A figure with the one folded into its column beneath it, when that one has a value. */
function cellOf(column: (typeof REPORT_COLUMNS)[number], shown: Shown) {
  const folded = (Object.keys(FOLDED_INTO) as (keyof Shown)[]).find((key) => FOLDED_INTO[key as keyof typeof FOLDED_INTO] === column);
  if (!folded || shown[folded] === NOT_APPLICABLE) return shown[column];
  return (
    <BlockStack gap="050" inlineAlign="end">
      <span>{shown[column]}</span>
      <Text as="span" variant="bodySm" tone="subdued">
        {FOLDED_LABEL[column as keyof typeof FOLDED_LABEL](shown[folded])}
        <Text as="span" visuallyHidden>
          {FOLDED_SPOKEN[column as keyof typeof FOLDED_SPOKEN]}
        </Text>
      </Text>
    </BlockStack>
  );
}

/** The report's rows by creator or campaign: sortable columns, totals, pages and the CSV export. */
export function ReportTable({
  request,
  report,
  currency,
  shownTotals,
}: {
  request: ReportRequest;
  report: ReportResult;
  currency: string;
  shownTotals: ReturnType<typeof displayFigures>;
}) {
  const navigate = useNavigate();
  const query = (change: Partial<ReportRequest>) => `?${reportSearchParams(request, change).toString()}`;
  const columns = REPORT_COLUMNS.filter(
    (column) => !(column in FOLDED_INTO) && (request.groupBy === "creator" || (column !== "clicks" && column !== "conversion")),
  );
  const sortColumn = columns.findIndex((column) => SORT_OF_COLUMN[column] === request.sort);
  const pages = Math.max(1, Math.ceil(report.rowCount / REPORT_PAGE_SIZE));
  const groupLabel = request.groupBy === "creator" ? "Creator" : "Campaign";
  return (
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
          return [
            href ? (
              <Link key={row.key} to={href}>
                {row.name}
              </Link>
            ) : (
              row.name
            ),
            ...columns.map((column) => cellOf(column, shown)),
          ];
        })}
        totals={["", ...columns.map((column) => cellOf(column, shownTotals))]}
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
  );
}
