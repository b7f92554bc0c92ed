import { Banner, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import { useState } from "react";
import { ConfirmActionButton } from "~/components/ConfirmActionButton";
import { useShopTimeZone } from "~/components/ShopTimeZone";
import { formatShopDateTime } from "~/domain/calendar";
import { retryCanWork, stripeFailureReason, type StripeFailureReason } from "~/stripe/stripe-failure-reason";
import { MarkPaidOfflineCard } from "./MarkPaidOfflineCard";
import type { PayoutStripeView, PayoutView } from "./payout-view";

/** Why the payout failed, read from its last failed attempt (or, without one, the reason stored on the payout). */
export function failedPayoutReason(payout: PayoutView, stripe: PayoutStripeView): StripeFailureReason {
  const attempt = stripe.attempts.find((a) => a.status === "failed");
  if (attempt?.errorCode) return stripeFailureReason(attempt.errorCode, { currency: payout.currency });
  return {
    sentence: payout.statusReason ?? "Stripe did not make the transfer.",
    whoActs: "merchant",
    fix: "unknown",
    unexplainedCode: null,
  };
}

/**
 * A failed Stripe payout, finished one of three ways: retry with Stripe (when the cause can be
 * fixed by now), pay offline instead (failed → ready → paid offline), or cancel (items back to
 * payable). Its items stay reserved until then.
 */
export function FailedPayoutCard({
  payout,
  stripe,
  today,
  fieldErrors,
  busy,
  payoutPhrase,
  defaultMethod,
}: {
  payout: PayoutView;
  stripe: PayoutStripeView;
  today: string;
  fieldErrors: Record<string, string>;
  busy: boolean;
  payoutPhrase: string;
  /** The creator's own offline method, to start the "Pay offline instead" form with. */
  defaultMethod?: string;
}) {
  const timezone = useShopTimeZone();
  const reason = failedPayoutReason(payout, stripe);
  const lastAttempt = stripe.attempts.find((a) => a.status === "failed");
  const [payingOffline, setPayingOffline] = useState(Object.keys(fieldErrors).length > 0);
  const canRetry = stripe.connected && retryCanWork(reason, stripe.creatorCanReceive);
  const retryBlocked = !stripe.connected
    ? "Stripe is not connected to this shop any more: reconnect it in Settings to retry."
    : !stripe.creatorCanReceive
      ? "Retry is possible once the creator's Stripe account can receive transfers again."
      : reason.fix === "amount"
        ? "Stripe cannot send this amount: pay it offline instead, or cancel it."
        : null;

  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            This payout failed
          </Text>
          <Banner tone="critical" title={reason.sentence}>
            <BlockStack gap="100">
              {lastAttempt && (
                <Text as="p" variant="bodySm" tone="subdued">
                  Stripe attempt {lastAttempt.attempt}, {formatShopDateTime(lastAttempt.createdAt, timezone)}.
                </Text>
              )}
              {reason.unexplainedCode && (
                <Text as="p" variant="bodySm" tone="subdued">
                  Stripe error code: {reason.unexplainedCode}
                </Text>
              )}
            </BlockStack>
          </Banner>
          <Text as="p" tone="subdued">
            Its items stay reserved for this payout until you retry it, pay it offline or cancel it.
          </Text>
          {retryBlocked && (
            <Text as="p" tone="caution">
              {retryBlocked}
            </Text>
          )}
          <InlineStack gap="200" wrap>
            <ConfirmActionButton
              variant="primary"
              disabled={!canRetry || busy}
              loading={busy}
              fields={{ intent: "pay_stripe" }}
              title={`Retry ${payoutPhrase} with Stripe?`}
              body="A new Stripe transfer attempt is sent now. The failed attempts stay in the payout's history."
            >
              Retry with Stripe
            </ConfirmActionButton>
            <Button
              onClick={() => setPayingOffline(true)}
              disabled={payingOffline}
              ariaControls={payingOffline ? "pay-offline" : undefined}
            >
              Pay offline instead
            </Button>
            <ConfirmActionButton
              destructive
              disabled={busy}
              fields={{ intent: "cancel" }}
              title={`Cancel ${payoutPhrase}?`}
              body="Its items return to payable, to be paid in a later payout. The creator sees it as canceled."
            >
              Cancel payout
            </ConfirmActionButton>
          </InlineStack>
        </BlockStack>
      </Card>
      {payingOffline && (
        <MarkPaidOfflineCard
          today={today}
          fieldErrors={fieldErrors}
          busy={busy}
          payoutPhrase={payoutPhrase}
          defaultMethod={defaultMethod}
          heading="Pay offline instead"
        />
      )}
    </BlockStack>
  );
}
