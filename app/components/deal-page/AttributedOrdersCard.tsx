import { BlockStack, Card, Text } from "@shopify/polaris";
import { AccessibleDataTable } from "~/components/AccessibleDataTable";
import { label } from "./status-labels";
import { money } from "./money";
import type { DealPage } from "~/deal-page/get-deal-page.server";
import { useShopTimeZone } from "~/components/ShopTimeZone";
import { formatShopDate } from "~/domain/calendar";

/** The orders credited to the creator, how they were attributed and what they earned. */
export function AttributedOrdersCard({ orders }: { orders: DealPage["orders"] }) {
  const timezone = useShopTimeZone();
  return (
    <Card padding="0">
      <BlockStack gap="0">
        <div style={{ padding: "var(--p-space-400)" }}>
          <Text as="h2" variant="headingMd">
            Attributed orders
          </Text>
        </div>
        {orders.length === 0 ? (
          <div style={{ padding: "var(--p-space-400)" }}>
            <Text as="p" tone="subdued">
              No orders credited to this creator yet.
            </Text>
          </div>
        ) : (
          <AccessibleDataTable
            label="Attributed orders"
            columnContentTypes={["text", "text", "text", "numeric", "text"]}
            headings={["Order", "Date", "How", "Commission", "Status"]}
            rows={orders.map((o) => [
              o.orderName,
              formatShopDate(o.orderedAt, timezone),
              o.attributionSource ? label(o.attributionSource) : "—",
              o.commission ? money(o.commission.amountMinor, o.currency) : "—",
              o.commission ? label(o.commission.status) : (o.notEarningReason ?? "—"),
            ])}
          />
        )}
      </BlockStack>
    </Card>
  );
}
