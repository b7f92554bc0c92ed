import { BlockStack, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { AccessibleDataTable } from "~/components/AccessibleDataTable";
import { IntentButton } from "./InlineForm";
import { formatMoney } from "~/domain/money";
import type { DealPage } from "~/deal-page/get-deal-page.server";
import type { CreatorStripeState } from "~/stripe/read-creator-stripe-state.server";
import { useShopTimeZone } from "~/components/ShopTimeZone";
import { formatShopDateTime } from "~/domain/calendar";

/** The creator's Stripe onboarding: its link, what Stripe still needs, and payouts to their bank. */
export function StripeCard({ stripe, creator }: { stripe: CreatorStripeState; creator: DealPage["creator"] }) {
  const timezone = useShopTimeZone();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Stripe
        </Text>
        <Text as="p">
          {stripe.transfersActive
            ? "Ready to be paid with Stripe."
            : stripe.accountId
              ? "Onboarding not finished: Stripe cannot transfer to this creator yet."
              : "Not onboarded with Stripe yet."}
        </Text>
        {stripe.requirementsDue.length > 0 && (
          <Text as="p" tone="caution">
            Stripe still needs: {stripe.requirementsDue.join(", ")}
          </Text>
        )}
        {stripe.onboardingUrl ? (
          <>
            <TextField
              label="Copy Stripe onboarding link"
              value={stripe.onboardingUrl}
              readOnly
              autoComplete="off"
              onChange={() => {}}
              helpText={`Send it to the creator: it opens Stripe's onboarding in their browser. It works until ${formatShopDateTime(stripe.onboardingLinkExpiresAt!, timezone)}, or until you replace or revoke it.`}
            />
            {creator.status !== "archived" && creator.status !== "declined" && (
              <InlineStack gap="200">
                <IntentButton intent="issue_onboarding_link" label="Replace with a new link" />
                <IntentButton intent="revoke_onboarding_link" label="Revoke link" tone="critical" />
              </InlineStack>
            )}
          </>
        ) : (
          creator.status !== "archived" &&
          creator.status !== "declined" && (
            <>
              <Text as="p" tone="subdued">
                No onboarding link is active. A new link stops any earlier one from working; the creator's portal also offers one.
              </Text>
              <InlineStack gap="200">
                <IntentButton intent="issue_onboarding_link" label="Create onboarding link" />
              </InlineStack>
            </>
          )
        )}
        {stripe.bankPayouts.length > 0 && (
          <AccessibleDataTable
            label="Payouts to the creator's bank"
            columnContentTypes={["text", "text", "numeric"]}
            headings={["Arrival", "Status", "Amount"]}
            rows={stripe.bankPayouts.map((p) => [
              p.arrivalDate ?? "—",
              p.failureMessage ? `${p.status}: ${p.failureMessage}` : p.status,
              formatMoney({ amountMinor: p.amountMinor, currency: p.currency }),
            ])}
          />
        )}
      </BlockStack>
    </Card>
  );
}
