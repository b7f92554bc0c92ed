import { BlockStack, Card, Text } from "@shopify/polaris";
import { REPORT_COLUMNS, REPORT_DEFINITIONS } from "~/reports/report-definitions";

/** How each figure of the report is computed, in the merchant's words. */
export function ReportDefinitions() {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          How these figures are computed
        </Text>
        <dl>
          {REPORT_COLUMNS.map((key) => (
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
  );
}
