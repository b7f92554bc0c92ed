import { BlockStack, Card, EmptyState, InlineStack, Pagination, Text } from "@shopify/polaris";
import type { CSSProperties } from "react";
import { money } from "./money";
import type { DealPage } from "~/deal-page/get-deal-page.server";
import { useShopTimeZone } from "~/components/ShopTimeZone";
import { formatShopDateTime } from "~/domain/calendar";

// A fixed layout in the card's width: the description wraps and who did it sits under it, so the
// amounts are always in view (no sideways scroller) in the deal page's main column at 1280 px.
const TABLE: CSSProperties = { width: "100%", tableLayout: "fixed", borderCollapse: "collapse" };
const CELL: CSSProperties = {
  padding: "var(--p-space-200) var(--p-space-100)",
  borderBlockEnd: "var(--p-border-width-025) solid var(--p-color-border-secondary)",
  verticalAlign: "top",
  overflowWrap: "anywhere",
};
const HEAD: CSSProperties = { ...CELL, textAlign: "start", fontWeight: "var(--p-font-weight-medium)" as CSSProperties["fontWeight"] };
const AMOUNT: CSSProperties = { ...CELL, textAlign: "end", whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" };

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
          <table style={TABLE} aria-label="Transaction history">
            <colgroup>
              <col style={{ width: "6.5rem" }} />
              <col />
              <col style={{ width: "7rem" }} />
              <col style={{ width: "7rem" }} />
            </colgroup>
            <thead>
              <tr>
                <th scope="col" style={HEAD}>
                  When
                </th>
                <th scope="col" style={HEAD}>
                  What, by whom
                </th>
                <th scope="col" style={{ ...HEAD, textAlign: "end" }}>
                  Amount
                </th>
                <th scope="col" style={{ ...HEAD, textAlign: "end" }}>
                  Payable after
                </th>
              </tr>
            </thead>
            <tbody>
              {history.rows.map((row, index) => (
                <tr key={index}>
                  <td style={CELL}>
                    <Text as="span" variant="bodySm">
                      {formatShopDateTime(row.postedAt, timezone)}
                    </Text>
                  </td>
                  <td style={CELL}>
                    <BlockStack gap="050">
                      <Text as="span">{row.description}</Text>
                      <Text as="span" variant="bodySm" tone="subdued">
                        {row.who.label}
                      </Text>
                    </BlockStack>
                  </td>
                  <td style={AMOUNT}>{money(row.amountMinor !== 0 ? row.amountMinor : (row.movedMinor ?? 0), row.currency)}</td>
                  <td style={AMOUNT}>{money(row.payableAfterMinor, row.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
