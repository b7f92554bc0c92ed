import { Form, useNavigation } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useRef, useState } from "react";
import { money } from "./money";
import type { DealPage } from "~/deal-page/get-deal-page.server";
import type { ErrorsFor } from "./errors-for";

/**
 * "Create payout": the merchant pays the creator directly (amount and comment). Manual payouts
 * start as drafts (DOMAIN §3); the second button sends it at once, as "Send" on a draft would:
 * to the creator's review when the shop has that step, else ready to pay.
 */
export function CreatePayoutCard({
  balances,
  creatorReviewEnabled,
  errorsFor,
}: {
  balances: DealPage["balances"];
  creatorReviewEnabled: boolean;
  errorsFor: ErrorsFor;
}) {
  const navigation = useNavigation();
  const payable = balances.filter((b) => Number(b.payableMinor) > 0);
  const [currency, setCurrency] = useState(payable[0]?.currency ?? balances[0]?.currency ?? "");
  const [amount, setAmount] = useState("");
  const [comment, setComment] = useState("");
  const errors = errorsFor("create_payout");
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === "create_payout";
  const chosen = balances.find((b) => b.currency === currency);
  // Polaris buttons carry no name/value: the clicked button writes its choice here before submitting.
  const send = useRef<HTMLInputElement>(null);
  const choose = (value: "draft" | "send") => () => {
    if (send.current) send.current.value = value;
  };
  return (
    <Card>
      <Form
        method="post"
        aria-label="Create payout"
        onSubmit={() => {
          setAmount("");
          setComment("");
        }}
      >
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Create payout
          </Text>
          <Text as="p" tone="subdued">
            {chosen
              ? `${money(chosen.payableMinor, chosen.currency)} is payable. Leave the amount blank to pay all of it.`
              : "Nothing is payable yet."}
          </Text>
          <input type="hidden" name="intent" value="create_payout" />
          <input type="hidden" name="send" defaultValue="draft" ref={send} />
          <InlineStack gap="200" blockAlign="end" wrap>
            {balances.length > 1 && (
              <Select
                label="Currency"
                name="currency"
                options={balances.map((b) => ({ label: b.currency, value: b.currency }))}
                value={currency}
                onChange={setCurrency}
              />
            )}
            {balances.length <= 1 && <input type="hidden" name="currency" value={currency} />}
            <div style={{ flex: "1 1 10rem" }}>
              <TextField
                label="Amount"
                name="amount"
                value={amount}
                onChange={setAmount}
                placeholder="All payable"
                error={errors.amount}
                autoComplete="off"
              />
            </div>
            <div style={{ flex: "2 1 14rem" }}>
              <TextField label="Comment" name="comment" value={comment} onChange={setComment} error={errors.comment} autoComplete="off" />
            </div>
          </InlineStack>
          <InlineStack gap="200">
            <Button submit onClick={choose("draft")} loading={submitting} disabled={!chosen}>
              Create as draft
            </Button>
            <Button submit onClick={choose("send")} variant="primary" loading={submitting} disabled={!chosen}>
              {creatorReviewEnabled ? "Create and send for review" : "Create and mark ready"}
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}
