import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import { money } from "./money";
import type { DealPage } from "~/deal-page/get-deal-page.server";
import type { DisplayMinor } from "~/domain/money";

/** The creator's balances in each currency: payable, held, awaiting deliverables, in payouts, paid, lifetime. */
export function BalancesCard({ balances }: { balances: DealPage["balances"] }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Balances
        </Text>
        {balances.length === 0 ? (
          <Text as="p" tone="subdued">
            Nothing earned yet.
          </Text>
        ) : (
          balances.map((b) => (
            <InlineGrid key={b.currency} columns={{ xs: 2, md: 6 }} gap="300">
              {(
                [
                  ["Payable", b.payableMinor],
                  ["Held", b.heldMinor],
                  ["Awaiting deliverables", b.gatedMinor],
                  ["In payouts", b.inPayoutMinor],
                  ["Paid", b.paidMinor],
                  ["Lifetime earnings", b.lifetimeEarningsMinor],
                ] as [string, DisplayMinor][]
              ).map(([name, amount]) => (
                <BlockStack key={`${b.currency}-${name}`} gap="050">
                  <Text as="span" tone="subdued" variant="bodySm">
                    {name} ({b.currency})
                  </Text>
                  <Text as="span" variant="headingMd">
                    {money(amount, b.currency)}
                  </Text>
                </BlockStack>
              ))}
            </InlineGrid>
          ))
        )}
      </BlockStack>
    </Card>
  );
}
