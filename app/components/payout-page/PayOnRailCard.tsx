// The creator's preferred rail and "Pay" on it; the merchant may pick another enabled rail for this payout.
import { BlockStack, Card, InlineStack, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import { ConfirmActionButton } from "~/components/ConfirmActionButton";

export interface PayoutRailView {
  /** The rail the creator is paid on by default (their choice while enabled, else as their payout method). */
  preferred: string;
  preferredLabel: string;
  options: { value: string; label: string }[];
}

export function PayOnRailCard({ rails, busy, payoutPhrase }: { rails: PayoutRailView; busy: boolean; payoutPhrase: string }) {
  const [rail, setRail] = useState(rails.preferred);
  const label = rails.options.find((option) => option.value === rail)?.label ?? rail;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Payout rail
        </Text>
        <Text as="p">{`The creator is paid on ${rails.preferredLabel}.`}</Text>
        <Select label="Pay this payout on" name="rail" options={rails.options} value={rail} onChange={setRail} />
        {rail === "offline" ? (
          <Text as="p" tone="subdued">
            Pay the creator by hand, then record it with “Mark paid offline” below.
          </Text>
        ) : (
          <InlineStack>
            <ConfirmActionButton
              loading={busy}
              fields={{ intent: "pay_on_rail", rail }}
              title={`Pay ${payoutPhrase} on ${label}?`}
              body={rail === rails.preferred ? "This is the creator's rail." : "This overrides the creator's rail for this payout only."}
            >
              {`Pay on ${label}`}
            </ConfirmActionButton>
          </InlineStack>
        )}
      </BlockStack>
    </Card>
  );
}
