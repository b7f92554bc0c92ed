import { BlockStack, Card, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import { PlanSelect, type PlanChoice } from "~/components/plans/PlanSelect";
import { InlineForm } from "./InlineForm";
import type { ErrorsFor } from "./errors-for";

/** A new deal with the creator: its title, the campaign it belongs to and its own plan (both optional). */
export function NewDealCard({
  errorsFor,
  campaigns,
  plans,
  first,
}: {
  errorsFor: ErrorsFor;
  campaigns: { id: string; name: string }[];
  plans: PlanChoice[];
  /** The creator has no deal yet. */
  first: boolean;
}) {
  const errors = errorsFor("create_deal");
  const [campaignId, setCampaignId] = useState("");
  const [planId, setPlanId] = useState("");
  return (
    <Card>
      <div role="group" aria-label="New deal">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {first ? "Deals" : "New deal"}
          </Text>
          <Text as="p" tone="subdued">
            A deal holds fixed fees and deliverables for a collaboration; in a campaign, its orders and fees count toward the
            campaign&apos;s cost and ROI.
          </Text>
          <InlineForm
            intent="create_deal"
            submitLabel="Create deal"
            errors={errors}
            fields={[{ name: "title", label: "Deal title", placeholder: "Spring launch collaboration" }]}
          >
            <Select
              label="Campaign"
              name="campaignId"
              value={campaignId}
              onChange={setCampaignId}
              error={errors.campaignId}
              options={[{ label: "No campaign", value: "" }, ...campaigns.map((c) => ({ label: c.name, value: c.id }))]}
            />
            <PlanSelect plans={plans} value={planId} onChange={setPlanId} error={errors.commissionPlanId} />
          </InlineForm>
        </BlockStack>
      </div>
    </Card>
  );
}
