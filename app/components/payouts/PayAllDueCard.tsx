import { useNavigation, useSubmit } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, List, Modal, Text } from "@shopify/polaris";
import { useState } from "react";
import { formatMoney } from "~/domain/money";
import type { DueTotal } from "~/payout-runs/pay-all-due.server";

const payouts = (count: number) => `${count} ${count === 1 ? "payout" : "payouts"}`;

/** The dueTotal line the card and its confirmation share, e.g. "USD: 3 payouts, $312.50". */
export const dueLine = (total: DueTotal) =>
  `${total.currency}: ${payouts(total.dueCount)}, ${formatMoney({ amountMinor: total.dueMinor, currency: total.currency })}`;

/**
 * "Pay all due": the total payable per currency, what is due of it (at or above the minimum, to
 * creators a run may pay), and one action, confirmed in a modal naming count and total, that
 * creates every due payout. Stripe creators are then paid with Stripe; offline payouts wait in
 * Ready for the exports and "Mark paid offline".
 */
export function PayAllDueCard({ due, requestKey }: { due: DueTotal[]; requestKey: string }) {
  const [confirming, setConfirming] = useState(false);
  const submit = useSubmit();
  const navigation = useNavigation();
  const dueTotals = due.filter((total) => total.dueCount > 0);
  const dueCount = dueTotals.reduce((sum, total) => sum + total.dueCount, 0);
  if (due.length === 0) return null;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Payable now
        </Text>
        <List>
          {due.map((total) => (
            <List.Item key={total.currency}>
              {`${total.currency}: ${formatMoney({ amountMinor: total.payableMinor, currency: total.currency })} payable` +
                (total.dueCount > 0
                  ? ` · ${formatMoney({ amountMinor: total.dueMinor, currency: total.currency })} due in ${payouts(total.dueCount)}`
                  : " · nothing due yet (below the minimum, or payout details missing)")}
            </List.Item>
          ))}
        </List>
        <InlineStack>
          <Button
            variant="primary"
            disabled={dueCount === 0}
            loading={navigation.state === "submitting" && navigation.formData?.get("intent") === "pay_all_due"}
            onClick={() => setConfirming(true)}
          >
            Pay all due
          </Button>
        </InlineStack>
      </BlockStack>
      <Modal
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Create ${payouts(dueCount)}?`}
        primaryAction={{
          content: `Create ${payouts(dueCount)}`,
          onAction: () => {
            setConfirming(false);
            submit({ intent: "pay_all_due", requestKey }, { method: "post" });
          },
        }}
        secondaryActions={[{ content: "Cancel", onAction: () => setConfirming(false) }]}
      >
        <Modal.Section>
          <BlockStack gap="200">
            <List>
              {dueTotals.map((total) => (
                <List.Item key={total.currency}>{dueLine(total)}</List.Item>
              ))}
            </List>
            <Text as="p">
              One payout per creator and currency, for everything payable. Creators paid through Stripe are paid with Stripe; the others
              wait in Ready for the PayPal and SEPA exports and Mark paid offline. Open payout requests they cover are approved.
            </Text>
          </BlockStack>
        </Modal.Section>
      </Modal>
    </Card>
  );
}
