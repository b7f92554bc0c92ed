import { Form } from "@remix-run/react";
import { BlockStack, Card, InlineGrid, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { ConfirmActionButton } from "~/components/ConfirmActionButton";
import { OfflinePaymentFields } from "~/components/OfflinePaymentFields";

/**
 * Record that a ready payout (or a failed one, "instead" of Stripe) was paid outside the app:
 * method, reference, date, note to the creator. It asks first, naming the payout.
 */
export function MarkPaidOfflineCard({
  today,
  fieldErrors,
  busy,
  defaultMethod,
  payoutPhrase,
  heading = "Mark paid offline",
}: {
  today: string;
  fieldErrors: Record<string, string>;
  busy: boolean;
  defaultMethod?: string;
  /** "payout INV-00012 of $150.00 to Ava Chen" (payout-wording.ts). */
  payoutPhrase: string;
  heading?: string;
}) {
  const [note, setNote] = useState("");
  return (
    <Card>
      <Form method="post" aria-label={heading} id="pay-offline">
        <input type="hidden" name="intent" value="pay_offline" />
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {heading}
          </Text>
          <InlineGrid columns={{ xs: 1, sm: 3 }} gap="300">
            <OfflinePaymentFields today={today} fieldErrors={fieldErrors} defaultMethod={defaultMethod} />
          </InlineGrid>
          <TextField
            label="Note to the creator"
            name="note"
            value={note}
            onChange={setNote}
            autoComplete="off"
            multiline={2}
            error={fieldErrors.note}
          />
          <InlineStack align="end">
            <ConfirmActionButton
              variant="primary"
              loading={busy}
              title={`Mark ${payoutPhrase} as paid?`}
              body="Only if you have sent the money yourself: the payout becomes paid with the method, reference and date you entered, and the creator is told. This cannot be undone."
            >
              Mark paid
            </ConfirmActionButton>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}
