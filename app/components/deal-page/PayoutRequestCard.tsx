import { BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { InlineForm, IntentButton } from "./InlineForm";
import { money } from "./money";
import type { DealPage } from "~/deal-page/get-deal-page.server";
import type { ErrorsFor } from "./errors-for";

/** The creator's open payout requests, to approve or reject (the merchant pays with CreatePayoutCard). */
export function PayoutRequestCard({ payoutRequests, errorsFor }: { payoutRequests: DealPage["payoutRequests"]; errorsFor: ErrorsFor }) {
  const openRequests = payoutRequests.filter((r) => r.status === "requested");
  // Only when something waits: the request history card lists every request.
  if (openRequests.length === 0) return null;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Open payout requests
        </Text>
        <Text as="p" tone="subdued">
          Approving a request creates its payout. A payout or payout run that covers a request approves it too.
        </Text>
        {openRequests.map((r) => (
          <InlineStack key={r.id} gap="200" blockAlign="center" align="space-between">
            <Text as="span">
              {r.origin === "creator" ? "Creator" : "Merchant"} request: {money(r.amountMinor, r.currency)}
              {r.comment ? ` — ${r.comment}` : ""}
            </Text>
            <InlineStack gap="200">
              <IntentButton intent="approve_request" hidden={{ requestId: r.id }} label="Approve" variant="primary" />
              <InlineForm
                intent="reject_request"
                hidden={{ requestId: r.id }}
                submitLabel="Reject"
                tone="critical"
                errors={errorsFor("reject_request")}
                fields={[{ name: "note", label: "Note to the creator" }]}
              />
            </InlineStack>
          </InlineStack>
        ))}
      </BlockStack>
    </Card>
  );
}
