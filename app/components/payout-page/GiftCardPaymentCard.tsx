import { Banner, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { AccessibleDataTable } from "~/components/AccessibleDataTable";
import { ConfirmActionButton } from "~/components/ConfirmActionButton";
import type { PayoutView } from "./payout-view";

export interface PayoutGiftCardView {
  attempts: { attempt: number; status: string; errorMessage: string | null; giftCardId: string | null; maskedCode: string | null }[];
}

/** Paying the payout with a gift card of the merchant's store, disabling it, and every attempt so far. */
export function GiftCardPaymentCard({
  payout,
  giftCard,
  busy,
  payoutPhrase,
}: {
  payout: PayoutView;
  giftCard: PayoutGiftCardView;
  busy: boolean;
  payoutPhrase: string;
}) {
  const pending = giftCard.attempts.some((a) => a.status === "pending");
  const paidWithCard = payout.status === "paid" && payout.channel === "gift_card";
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Gift card
        </Text>
        {payout.status === "processing" && pending && (
          <Banner tone="info" title="Being paid: waiting for Shopify to confirm the gift card." />
        )}
        {(payout.status === "ready" || payout.status === "failed") && (
          <InlineStack>
            <ConfirmActionButton
              loading={busy}
              fields={{ intent: "pay_gift_card" }}
              title={`Pay ${payoutPhrase} with a gift card?`}
              body="Shopify issues a gift card of your store for this amount now; the creator sees its code once in their portal and gets it by email."
            >
              Pay with a gift card
            </ConfirmActionButton>
          </InlineStack>
        )}
        {paidWithCard && (
          <InlineStack>
            <ConfirmActionButton
              loading={busy}
              tone="critical"
              fields={{ intent: "deactivate_gift_card" }}
              title="Disable this gift card?"
              body="Shopify disables the card so it can no longer be spent; the payout is reversed and its amount is payable to the creator again."
            >
              Disable the gift card
            </ConfirmActionButton>
          </InlineStack>
        )}
        {giftCard.attempts.length > 0 && (
          <AccessibleDataTable
            label="Gift card attempts"
            columnContentTypes={["numeric", "text", "text"]}
            headings={["Attempt", "Status", "Result"]}
            rows={giftCard.attempts.map((a) => [
              String(a.attempt),
              a.status,
              a.giftCardId ? `${a.giftCardId} (${a.maskedCode ?? ""})` : (a.errorMessage ?? "—"),
            ])}
          />
        )}
      </BlockStack>
    </Card>
  );
}
