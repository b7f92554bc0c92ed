import { Link } from "@remix-run/react";
import { BlockStack, Card, Text } from "@shopify/polaris";
import { label } from "./status-labels";
import { money } from "./money";
import type { DealPage } from "~/deal-page/get-deal-page.server";

/** Every payout request of the creator with its outcome. */
export function PayoutRequestsCard({ payoutRequests }: { payoutRequests: DealPage["payoutRequests"] }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Payout request history
        </Text>
        {payoutRequests.length === 0 && (
          <Text as="p" tone="subdued">
            No requests yet. The creator can ask for a withdrawal in the portal.
          </Text>
        )}
        {payoutRequests.map((r) => (
          <Text key={r.id} as="p" variant="bodySm">
            {money(r.amountMinor, r.currency)} · {label(r.status)}
            {r.payoutId ? (
              <>
                {" "}
                · <Link to={`/app/payouts/${r.payoutId}`}>payout</Link>
              </>
            ) : null}
            {r.decisionNote ? ` · ${r.decisionNote}` : ""}
          </Text>
        ))}
      </BlockStack>
    </Card>
  );
}
