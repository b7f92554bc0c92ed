import { Banner, BlockStack, Card, Checkbox, InlineStack, Text } from "@shopify/polaris";
import { useState } from "react";
import { AccessibleDataTable } from "~/components/AccessibleDataTable";
import { ConfirmActionButton } from "~/components/ConfirmActionButton";
import type { PayoutView } from "./payout-view";

export interface PayoutStoreCreditView {
  attempts: { attempt: number; status: string; errorMessage: string | null; transactionId: string | null }[];
}

/** Paying the payout in store credit on the merchant's store, and every attempt so far. */
export function StoreCreditPaymentCard({
  payout,
  storeCredit,
  busy,
  payoutPhrase,
}: {
  payout: PayoutView;
  storeCredit: PayoutStoreCreditView;
  busy: boolean;
  payoutPhrase: string;
}) {
  const [createCustomer, setCreateCustomer] = useState(false);
  const pending = storeCredit.attempts.some((a) => a.status === "pending");
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Store credit
        </Text>
        {payout.status === "processing" && pending && (
          <Banner tone="info" title="Being paid: waiting for Shopify to confirm the store credit." />
        )}
        {(payout.status === "ready" || payout.status === "failed") && (
          <BlockStack gap="200">
            <Checkbox
              label="Create a customer account for the creator if your store has none with their email"
              checked={createCustomer}
              onChange={setCreateCustomer}
            />
            <InlineStack>
              <ConfirmActionButton
                loading={busy}
                fields={{ intent: "pay_store_credit", createCustomer: createCustomer ? "on" : "" }}
                title={`Pay ${payoutPhrase} in store credit?`}
                body="Shopify credits the creator's store credit account in your store now; they can spend it at checkout when logged in."
              >
                Pay in store credit
              </ConfirmActionButton>
            </InlineStack>
          </BlockStack>
        )}
        {storeCredit.attempts.length > 0 && (
          <AccessibleDataTable
            label="Store credit attempts"
            columnContentTypes={["numeric", "text", "text"]}
            headings={["Attempt", "Status", "Result"]}
            rows={storeCredit.attempts.map((a) => [String(a.attempt), a.status, a.transactionId ?? a.errorMessage ?? "—"])}
          />
        )}
      </BlockStack>
    </Card>
  );
}
