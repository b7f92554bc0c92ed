import { Form } from "@remix-run/react";
import { BlockStack, Button, Card, InlineGrid, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { OfflinePaymentFields } from "~/components/OfflinePaymentFields";

/** Record that a ready payout was paid outside the app (method, reference, date, note to the creator). */
export function MarkPaidOfflineCard({
  today,
  fieldErrors,
  busy,
  defaultMethod,
}: {
  today: string;
  fieldErrors: Record<string, string>;
  busy: boolean;
  defaultMethod?: string;
}) {
  const [note, setNote] = useState("");
  return (
    <Card>
      <Form method="post" aria-label="Mark paid offline">
        <input type="hidden" name="intent" value="pay_offline" />
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Mark paid offline
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
            <Button submit variant="primary" loading={busy}>
              Mark paid
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}
