import { BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { label } from "./status-labels";
import { money } from "./money";
import type { DealPage } from "~/deal-page/get-deal-page.server";

/** The creator's commissions by status and currency. */
export function CommissionsCard({ commissions }: { commissions: DealPage["commissions"] }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Commissions
        </Text>
        {commissions.length === 0 ? (
          <Text as="p" tone="subdued">
            No commissions yet.
          </Text>
        ) : (
          commissions.map((c) => (
            <InlineStack key={`${c.status}-${c.currency}`} align="space-between">
              <Text as="span">
                {label(c.status)} ({c.count})
              </Text>
              <Text as="span" numeric>
                {money(c.amountMinor, c.currency)}
              </Text>
            </InlineStack>
          ))
        )}
      </BlockStack>
    </Card>
  );
}
