import { BlockStack, Card, Text } from "@shopify/polaris";
import { InlineForm } from "./InlineForm";
import { money } from "./money";
import type { DealPage } from "~/deal-page/get-deal-page.server";
import type { ErrorsFor } from "./errors-for";
import { useShopTimeZone } from "~/components/ShopTimeZone";
import { formatShopDate } from "~/domain/calendar";

/** Post a bonus or a correction, and the adjustments posted so far. */
export function AdjustmentCard({ adjustments, errorsFor }: { adjustments: DealPage["adjustments"]; errorsFor: ErrorsFor }) {
  const timezone = useShopTimeZone();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Adjustment
        </Text>
        <Text as="p" tone="subdued">
          A bonus or a correction, payable at once. Use a minus sign to deduct.
        </Text>
        <InlineForm
          intent="post_adjustment"
          submitLabel="Post adjustment"
          errors={errorsFor("post_adjustment")}
          fields={[
            { name: "amount", label: "Amount", placeholder: "25.00 or -12.50" },
            { name: "reason", label: "Reason" },
          ]}
        />
        {adjustments.map((a) => (
          <Text key={a.id} as="p" variant="bodySm">
            {money(a.amountMinor, a.currency)} — {a.reason} ({formatShopDate(a.createdAt, timezone)})
          </Text>
        ))}
      </BlockStack>
    </Card>
  );
}
