import { Banner, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { AccessibleDataTable } from "~/components/AccessibleDataTable";
import { ConfirmActionButton } from "~/components/ConfirmActionButton";
import type { PayoutView } from "./payout-view";

export interface PayoutPayPalView {
  attempts: { attempt: number; status: string; errorMessage: string | null; payoutItemId: string | null }[];
}

/** Paying the payout through the shop's PayPal Payouts account, and every attempt so far. */
export function PayPalPaymentCard({
  payout,
  paypal,
  busy,
  payoutPhrase,
}: {
  payout: PayoutView;
  paypal: PayoutPayPalView;
  busy: boolean;
  payoutPhrase: string;
}) {
  const pending = paypal.attempts.some((a) => a.status === "pending");
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          PayPal
        </Text>
        {payout.status === "processing" && pending && (
          <Banner tone="info" title="Being paid: waiting for PayPal to confirm the payment (the app checks again regularly)." />
        )}
        {(payout.status === "ready" || payout.status === "failed") && (
          <InlineStack>
            <ConfirmActionButton
              loading={busy}
              fields={{ intent: "pay_paypal" }}
              title={`Pay ${payoutPhrase} with PayPal?`}
              body="PayPal sends the payment from your PayPal Payouts account to the creator's PayPal email now."
            >
              Pay with PayPal
            </ConfirmActionButton>
          </InlineStack>
        )}
        {paypal.attempts.length > 0 && (
          <AccessibleDataTable
            label="PayPal attempts"
            columnContentTypes={["numeric", "text", "text"]}
            headings={["Attempt", "Status", "Result"]}
            rows={paypal.attempts.map((a) => [String(a.attempt), a.status, a.payoutItemId ?? a.errorMessage ?? "—"])}
          />
        )}
      </BlockStack>
    </Card>
  );
}
