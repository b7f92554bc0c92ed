import { BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { InlineForm, IntentButton } from "./InlineForm";
import { money } from "./money";
import type { DealPage } from "~/deal-page/get-deal-page.server";
import type { ErrorsFor } from "./errors-for";

/** Request a payout for the creator, and approve or reject the open requests. */
export function PayoutRequestCard({
  balances,
  payoutRequests,
  errorsFor,
}: {
  balances: DealPage["balances"];
  payoutRequests: DealPage["payoutRequests"];
  errorsFor: ErrorsFor;
}) {
  const openRequests = payoutRequests.filter((r) => r.status === "requested");
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Payout
        </Text>
        <Text as="p" tone="subdued">
          Request a payout up to the payable balance; approving it creates the payout.
        </Text>
        <InlineForm
          intent="request_payout"
          submitLabel="Request payout"
          errors={errorsFor("request_payout")}
          fields={[
            { name: "amount", label: "Amount", placeholder: "e.g. 150.00" },
            { name: "comment", label: "Comment" },
          ]}
          hidden={{ currency: balances[0]?.currency ?? "" }}
        />
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
