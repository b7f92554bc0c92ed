import { Banner, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { AccessibleDataTable } from "~/components/AccessibleDataTable";
import { ConfirmActionButton } from "~/components/ConfirmActionButton";
import type { PayoutView, PayoutStripeView } from "./payout-view";

/** Paying the payout with Stripe, and every attempt so far. */
export function StripePaymentCard({
  payout,
  stripe,
  busy,
  payoutPhrase,
}: {
  payout: PayoutView;
  stripe: PayoutStripeView;
  busy: boolean;
  payoutPhrase: string;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Stripe
        </Text>
        {payout.status === "processing" && <Banner tone="info" title="Being paid: waiting for Stripe to confirm the transfer." />}
        {/* A failed payout's retry lives in FailedPayoutCard, beside its other ways out. */}
        {payout.status === "ready" &&
          (stripe.creatorCanReceive ? (
            <InlineStack>
              <ConfirmActionButton
                variant="primary"
                loading={busy}
                fields={{ intent: "pay_stripe" }}
                title={`Pay ${payoutPhrase} with Stripe?`}
                body="Stripe transfers the money to the creator's connected account now."
              >
                Pay with Stripe
              </ConfirmActionButton>
            </InlineStack>
          ) : (
            <Banner tone="warning" title="Payout details missing">
              The creator has not finished Stripe onboarding, so Stripe cannot transfer to them yet. Send them their Stripe onboarding link
              from their page, or pay offline.
            </Banner>
          ))}
        {stripe.attempts.length > 0 && (
          <AccessibleDataTable
            label="Stripe attempts"
            columnContentTypes={["numeric", "text", "text"]}
            headings={["Attempt", "Status", "Result"]}
            rows={stripe.attempts.map((a) => [String(a.attempt), a.status, a.transferId ?? a.errorMessage ?? "—"])}
          />
        )}
      </BlockStack>
    </Card>
  );
}
