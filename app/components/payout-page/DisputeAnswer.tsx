import { Form } from "@remix-run/react";
import { BlockStack, Button, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

/**
 * The creator's dispute note, the shop's answer, and a form to answer (or change the answer).
 * A refused answer (empty, too long) is shown in the page's banner.
 */
export function DisputeAnswer({
  payoutItemId,
  note,
  answer,
  busy,
}: {
  payoutItemId: string;
  note: string;
  answer: string | null;
  busy: boolean;
}) {
  const [text, setText] = useState("");
  return (
    <BlockStack gap="100">
      <Text as="span" tone="caution">
        Disputed: {note}
      </Text>
      {answer && (
        <Text as="span" tone="subdued">
          Your answer: {answer}
        </Text>
      )}
      <Form method="post" aria-label="Answer the creator's dispute">
        <input type="hidden" name="intent" value="answer_dispute" />
        <input type="hidden" name="payoutItemId" value={payoutItemId} />
        <InlineStack gap="200" blockAlign="end">
          <TextField
            label={answer ? "Change your answer" : "Answer the creator"}
            name="answer"
            value={text}
            onChange={setText}
            autoComplete="off"
          />
          <Button submit size="slim" disabled={busy || !text.trim()}>
            Send answer
          </Button>
        </InlineStack>
      </Form>
    </BlockStack>
  );
}
