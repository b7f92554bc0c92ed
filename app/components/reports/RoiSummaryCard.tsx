// A compact ROI summary (Home, creator page, campaign page): the same figures and definitions as
// the Reports screen, with a link to it. Nothing recorded yet reads as such, not as zeros.
import { Link } from "@remix-run/react";
import { BlockStack, Card, InlineGrid, InlineStack, Text } from "@shopify/polaris";
import { REPORT_DEFINITIONS, displayFigures, isEmptySums, reportFigures, type ReportSums } from "~/reports/report-definitions";

type Shown = "revenue" | "cost" | "profit" | "roi" | "cpa" | "orders" | "averageOrderValue";

export function RoiSummaryCard({
  title,
  sums,
  currency,
  reportUrl,
  emptyText,
  figures = ["revenue", "cost", "roi", "cpa"],
  revenueLabel,
}: {
  title: string;
  sums: ReportSums;
  currency: string;
  reportUrl: string;
  emptyText: string;
  figures?: Shown[];
  revenueLabel?: string;
}) {
  const shown = displayFigures(reportFigures(sums), currency);
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {title}
          </Text>
          <Link to={reportUrl}>Open report</Link>
        </InlineStack>
        {isEmptySums(sums) ? (
          <Text as="p" tone="subdued">
            {emptyText}
          </Text>
        ) : (
          <>
            <InlineGrid columns={{ xs: 2, md: figures.length }} gap="300">
              {figures.map((key) => (
                <BlockStack key={key} gap="050">
                  <Text as="span" tone="subdued" variant="bodySm">
                    {key === "revenue" && revenueLabel ? revenueLabel : REPORT_DEFINITIONS[key].label}
                  </Text>
                  <Text as="span" variant="headingMd">
                    {shown[key]}
                  </Text>
                </BlockStack>
              ))}
            </InlineGrid>
            {sums.otherCurrencyCosts.length > 0 && (
              <Text as="p" variant="bodySm" tone="subdued">
                {`Also owed in other currencies (not in ROI): ${shown.otherCurrencyCost}`}
              </Text>
            )}
          </>
        )}
      </BlockStack>
    </Card>
  );
}
