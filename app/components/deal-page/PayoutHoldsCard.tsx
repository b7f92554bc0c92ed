import { Link } from "@remix-run/react";
import { Badge, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { PAYOUT_HOLD_REASONS } from "~/domain/payout-holds";
import { formatMoney } from "~/domain/money";
import type { HeldPayout } from "~/payouts/read-creator-payout-holds.server";

/**
 * The creator's open payouts that may not be paid now, each with every reason the payout-hold door
 * gives (a missing W-9, a missing second approval…) and its sentence. Shown only while one is held.
 */
export function PayoutHoldsCard({ heldPayouts }: { heldPayouts: HeldPayout[] }) {
  if (heldPayouts.length === 0) return null;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Payouts on hold
        </Text>
        <Text as="p" tone="subdued">
          Not paid on any rail, by hand or by a run, until each reason below is resolved.
        </Text>
        {heldPayouts.map((held) => (
          <BlockStack key={held.payoutId} gap="100">
            <Text as="h3" variant="headingSm">
              <Link to={`/app/payouts/${held.payoutId}`}>{`Payout ${held.label}`}</Link>
              {` of ${formatMoney({ amountMinor: held.amountMinor, currency: held.currency })} is on hold`}
            </Text>
            {held.holds.map((hold) => (
              <BlockStack key={hold.code} gap="050">
                <InlineStack>
                  <Badge tone="warning">{PAYOUT_HOLD_REASONS[hold.code].label}</Badge>
                </InlineStack>
                <Text as="p">{hold.sentence}</Text>
              </BlockStack>
            ))}
          </BlockStack>
        ))}
      </BlockStack>
    </Card>
  );
}
