import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Text } from "@shopify/polaris";
import { AccessibleDataTable } from "~/components/AccessibleDataTable";
import type { PayoutView, PayoutStripeView } from "./payout-view";

/** Paying the payout with Stripe, and every attempt so far. */
export function StripePaymentCard({ payout, stripe, busy }: { payout: PayoutView; stripe: PayoutStripeView; busy: boolean }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Stripe
        </Text>
        {payout.status === "processing" && <Banner tone="info" title="Being paid: waiting for Stripe to confirm the transfer." />}
        {(payout.status === "ready" || payout.status === "failed") &&
          (stripe.creatorCanReceive ? (
            <Form method="post" aria-label="Pay with Stripe">
              <input type="hidden" name="intent" value="pay_stripe" />
              <Button submit variant="primary" loading={busy}>
                {payout.status === "failed" ? "Retry with Stripe" : "Pay with Stripe"}
              </Button>
            </Form>
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
