import { BlockStack, Card, Text } from "@shopify/polaris";
import { InlineForm } from "./InlineForm";
import type { ErrorsFor } from "./errors-for";

/** The first deal of a creator who has none yet. */
export function NewDealCard({ errorsFor }: { errorsFor: ErrorsFor }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Deals
        </Text>
        <Text as="p" tone="subdued">
          A deal holds fixed fees and deliverables for a collaboration.
        </Text>
        <InlineForm
          intent="create_deal"
          submitLabel="Create deal"
          errors={errorsFor("create_deal")}
          fields={[{ name: "title", label: "Deal title", placeholder: "Spring launch collaboration" }]}
        />
      </BlockStack>
    </Card>
  );
}
