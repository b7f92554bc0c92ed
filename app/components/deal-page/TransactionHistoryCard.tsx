import { BlockStack, Card, EmptyState, InlineStack, Pagination, Text } from "@shopify/polaris";
import { AccessibleDataTable } from "~/components/AccessibleDataTable";
import { money } from "./money";
import type { DealPage } from "~/deal-page/get-deal-page.server";
import { useShopTimeZone } from "~/components/ShopTimeZone";
import { formatShopDateTime } from "~/domain/calendar";

/** Every money movement of the creator with the payable balance after it, newest first, a page at a time. */
export function TransactionHistoryCard({ history }: { history: DealPage["history"] }) {
  const timezone = useShopTimeZone();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Transaction history
        </Text>
        {history.rows.length === 0 ? (
          <EmptyState heading="No money has moved yet" image="">
            <p>Commissions, fees, adjustments and payouts appear here with the balance after each.</p>
          </EmptyState>
        ) : (
          <AccessibleDataTable
            label="Transaction history"
            columnContentTypes={["text", "text", "text", "numeric", "numeric"]}
            headings={["When", "How", "Who", "Amount", "Payable after"]}
            rows={history.rows.map((row) => [
              formatShopDateTime(row.postedAt, timezone),
              row.description,
              row.who.label,
              money(row.amountMinor !== 0 ? row.amountMinor : (row.movedMinor ?? 0), row.currency),
              money(row.payableAfterMinor, row.currency),
            ])}
          />
        )}
        <InlineStack align="center">
          <Pagination
            hasNext={!!history.nextCursor}
            nextURL={history.nextCursor ? `?history=${history.nextCursor}` : undefined}
            hasPrevious={false}
            accessibilityLabels={{ next: "Older transactions", previous: "Newer transactions" }}
          />
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
