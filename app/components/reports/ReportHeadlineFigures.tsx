import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import { REPORT_DEFINITIONS, type displayFigures } from "~/reports/report-definitions";

/** The period's revenue, creator cost, ROI and CPA, each in its own card. */
export function ReportHeadlineFigures({ shownTotals }: { shownTotals: ReturnType<typeof displayFigures> }) {
  return (
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
  );
}
