// Settings → "Two-person approval": the amount per currency above which a payout needs a second
// staff member's approval, and which staff members may give it.
import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, InlineStack, Layout, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

export interface PayoutApprovalView {
  thresholds: { currency: string; amount: string }[];
  staff: { id: string; name: string | null; email: string | null; approver: boolean }[];
}

export type ApprovalActionResult = { approval: true; ok: boolean; message: string; fieldErrors: Record<string, string> };

function AmountField({ currency, initial, error }: { currency: string; initial: string; error?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <TextField
      name={`approvalThreshold_${currency}`}
      label={`Second approval above (${currency})`}
      suffix={currency}
      value={value}
      onChange={setValue}
      error={error}
      helpText="Leave empty for no second approval in this currency."
      autoComplete="off"
    />
  );
}

export function PayoutApprovalSection({ view, result }: { view: PayoutApprovalView; result: ApprovalActionResult | null }) {
  const [chosen, setChosen] = useState<Record<string, boolean>>(() => Object.fromEntries(view.staff.map((s) => [s.id, s.approver])));
  const errors = result && !result.ok ? result.fieldErrors : {};
  return (
    <Layout.AnnotatedSection
      title="Two-person approval"
      description="A payout above the amount waits, on every rail, until an approver other than the person who created or requested it approves it on the payout page."
    >
      <Card>
        <Form method="post" aria-label="Two-person approval">
          <input type="hidden" name="intent" value="payout_approval" />
          <BlockStack gap="300">
            {view.thresholds.map((threshold) => (
              <AmountField
                key={threshold.currency}
                currency={threshold.currency}
                initial={threshold.amount}
                error={errors[`approvalThreshold_${threshold.currency}`]}
              />
            ))}
            <Text as="h3" variant="headingSm">
              Approvers
            </Text>
            {errors.approvers && <Banner tone="critical" title={errors.approvers} />}
            {view.staff.length === 0 ? (
              <Text as="p" tone="subdued">
                No staff members known yet: staff appear here once they have opened the app.
              </Text>
            ) : (
              view.staff.map((member) => (
                <Checkbox
                  key={member.id}
                  name={`approver_${member.id}`}
                  // Polaris passes `value` through even when undefined, and React then submits "": say "on".
                  value="on"
                  label={member.name ?? `Staff ${member.id}`}
                  helpText={member.email ?? undefined}
                  checked={chosen[member.id] ?? false}
                  onChange={(value) => setChosen((current) => ({ ...current, [member.id]: value }))}
                />
              ))
            )}
            <InlineStack align="end">
              <Button submit>Save two-person approval</Button>
            </InlineStack>
          </BlockStack>
        </Form>
      </Card>
    </Layout.AnnotatedSection>
  );
}
