import { Banner, BlockStack, Card, List, Text } from "@shopify/polaris";
import { formatMoney } from "~/domain/money";
import { countOf } from "~/domain/plural";

export interface ImportPreviewView {
  presetLabel: string;
  totalRows: number;
  errors: string[];
  counts: { create: number; update: number; unchanged: number; errorRows: number };
  openingBalances: { currency: string; count: number; totalMinor: number }[];
}

/** What the file would do, and every row that stops it; nothing is written yet. */
export function ImportPreviewCard({ preview }: { preview: ImportPreviewView }) {
  const { counts } = preview;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {`Preview (${preview.presetLabel} format, ${countOf(preview.totalRows, "row", "rows")})`}
        </Text>
        {preview.errors.length > 0 ? (
          <Banner
            tone="critical"
            title={`Nothing was imported: fix ${countOf(preview.errors.length, "problem", "problems")} and preview again`}
          >
            <List type="bullet">
              {preview.errors.slice(0, 200).map((error) => (
                <List.Item key={error}>{error}</List.Item>
              ))}
            </List>
            {preview.errors.length > 200 && <p>{`…and ${preview.errors.length - 200} more.`}</p>}
          </Banner>
        ) : (
          <Banner tone="success" title="The file is ready to import" />
        )}
        <List type="bullet">
          <List.Item>{`New creators: ${counts.create}`}</List.Item>
          <List.Item>{`Updates: ${counts.update}`}</List.Item>
          <List.Item>{`Unchanged: ${counts.unchanged}`}</List.Item>
          <List.Item>{`Rows with errors: ${counts.errorRows}`}</List.Item>
          {preview.openingBalances.map((b) => (
            <List.Item key={b.currency}>
              {`Opening balances ${b.currency}: ${countOf(b.count, "creator", "creators")}, ${formatMoney({ amountMinor: b.totalMinor, currency: b.currency })}`}
            </List.Item>
          ))}
        </List>
      </BlockStack>
    </Card>
  );
}
