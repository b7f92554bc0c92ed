import { Form, useNavigation } from "@remix-run/react";
import { BlockStack, Button, InlineStack, Text } from "@shopify/polaris";
import { useState } from "react";
import { PlanSelect, type PlanChoice } from "~/components/plans/PlanSelect";
import type { PlanInEffect } from "~/plans/plan-in-effect.server";

/** Why the plan in effect applies, in the merchant's words. */
export function planInEffectReason(inEffect: PlanInEffect, dealId: string): string {
  switch (inEffect.source) {
    case "deal":
      return inEffect.dealId === dealId
        ? "this deal's plan"
        : `the plan of the deal “${inEffect.dealTitle}”, the newest deal with a plan of its own`;
    case "creator":
      return "the creator's plan (this deal has none of its own)";
    case "shop_default":
      return "the shop default (neither this deal nor the creator has a plan)";
    case "none":
      return "";
  }
}

/** The deal card's plan: which plan the creator's orders earn by and why, and the deal's own plan to choose. */
export function DealPlanField({
  dealId,
  currentPlanId,
  plans,
  inEffect,
  error,
}: {
  dealId: string;
  currentPlanId: string | null;
  plans: PlanChoice[];
  inEffect: PlanInEffect;
  error?: string;
}) {
  const navigation = useNavigation();
  const [planId, setPlanId] = useState(currentPlanId ?? "");
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === "set_deal_plan";
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        Commission plan
      </Text>
      <Text as="p">
        {inEffect.source === "none"
          ? "Orders earn nothing yet: no plan applies. Set a default rate in Settings or choose a plan."
          : `Orders earn by ${inEffect.planName} (${inEffect.terms}): ${planInEffectReason(inEffect, dealId)}.`}
      </Text>
      <Form method="post" aria-label="Deal commission plan">
        <input type="hidden" name="intent" value="set_deal_plan" />
        <input type="hidden" name="dealId" value={dealId} />
        <InlineStack gap="200" blockAlign="end" wrap>
          <div style={{ flex: "1 1 12rem" }}>
            <PlanSelect label="This deal's plan" plans={plans} value={planId} onChange={setPlanId} error={error} />
          </div>
          <Button submit loading={submitting}>
            Save plan
          </Button>
        </InlineStack>
      </Form>
    </BlockStack>
  );
}
