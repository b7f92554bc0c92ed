import { BlockStack, Card, Text } from "@shopify/polaris";
import { Detail } from "./Detail";
import type { PayoutView } from "./payout-view";
import { useShopTimeZone } from "~/components/ShopTimeZone";
import { formatShopDate } from "~/domain/calendar";

/** The payout's details: creator, currency, who created it, the balance after it, how it was paid. */
export function PayoutDetailsCard({ payout, money }: { payout: PayoutView; money: (amountMinor: number) => string }) {
  const timezone = useShopTimeZone();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Details
        </Text>
        <dl style={{ margin: 0 }}>
          <Detail label="Creator" value={payout.creatorName} />
          <Detail label="Currency" value={payout.currency} />
          <Detail label="Created" value={`${formatShopDate(payout.createdAt, timezone)} by ${payout.createdBy}`} />
          <Detail label="Balance after this payout" value={payout.balanceAfterMinor === null ? null : money(payout.balanceAfterMinor)} />
          <Detail label="Comment" value={payout.comment} />
          {payout.status === "paid" && (
            <>
              <Detail
                label="Paid"
                value={`${payout.paidOn ?? ""} · ${payout.channel === "offline" ? payout.offlineMethod : payout.channel === "store_credit" ? "Store credit" : payout.channel === "paypal" ? "PayPal" : payout.channel === "gift_card" ? "Gift card" : "Stripe"}`}
              />
              <Detail label="Reference" value={payout.offlineReference} />
              <Detail label="Processed by" value={payout.processedBy} />
            </>
          )}
          {payout.statusReason && <Detail label="Reason" value={payout.statusReason} />}
        </dl>
      </BlockStack>
    </Card>
  );
}
