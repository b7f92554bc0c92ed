// One payout: its items (remove, answer disputes), paying it with Stripe or offline, its details
// and actions. The cards live in app/components/payout-page/; the forms' handlers in
// app/payouts/payout-page-actions.server.ts.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Layout, Page } from "@shopify/polaris";
import { requireStaff } from "~/auth/require-staff.server";
import { db } from "~/db.server";
import { readPayoutHolds } from "~/payouts/payout-holds.server";
import { useActionToast } from "~/components/Feedback";
import { FailedPayoutCard } from "~/components/payout-page/FailedPayoutCard";
import { payoutPhrase } from "~/components/payout-page/payout-wording";
import { MarkPaidOfflineCard } from "~/components/payout-page/MarkPaidOfflineCard";
import { PaymentDetailsCard } from "~/components/payout-page/PaymentDetailsCard";
import { PayoutActionsCard } from "~/components/payout-page/PayoutActionsCard";
import { PayoutDetailsCard } from "~/components/payout-page/PayoutDetailsCard";
import { PayoutItemsCard } from "~/components/payout-page/PayoutItemsCard";
import { PayPalPaymentCard } from "~/components/payout-page/PayPalPaymentCard";
import { StoreCreditPaymentCard } from "~/components/payout-page/StoreCreditPaymentCard";
import { GiftCardPaymentCard } from "~/components/payout-page/GiftCardPaymentCard";
import { StripePaymentCard } from "~/components/payout-page/StripePaymentCard";
import { PayOnRailCard } from "~/components/payout-page/PayOnRailCard";
import { readPayoutRail } from "~/rails/read-payout-rail.server";
import { PAYOUT_STATUS_LABEL, PAYOUT_STATUS_TONE } from "~/components/payout-status";
import { offlineMethodDefault } from "~/domain/creator/payment-destination";
import { formatMoney } from "~/domain/money";
import { readPaymentDestination } from "~/creators/read-payment-destination.server";
import { intentField } from "~/forms/form-fields";
import { parseForm } from "~/forms/parse-form";
import { BODY_LIMITS, readFormData } from "~/http/bounded-body.server";
import { actionResponse, attempt, refusalResponse } from "~/lib/action-result.server";
import { todayInTimeZone } from "~/domain/calendar";
import { now } from "~/lib/clock.server";
import { payoutPageActions } from "~/payouts/payout-page-actions.server";
import { getPayoutOrThrow, parseItemsPage } from "~/payouts/read-payout.server";
import { readPayoutPayPalState } from "~/rails/paypal/read-payout-paypal-state.server";
import { readPayoutStoreCreditState } from "~/rails/store-credit/read-payout-store-credit-state.server";
import { readPayoutGiftCardState } from "~/rails/gift-card/read-payout-gift-card-state.server";
import { readPayoutStripeState } from "~/stripe/read-payout-stripe-state.server";
import { ShopTimeZoneProvider } from "~/components/ShopTimeZone";

const UNPAID_HOLDABLE: string[] = ["draft", "pending_review", "ready", "failed"];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  // The items a page at a time (?items=2): a payout may hold thousands.
  const itemsPage = new URL(request.url).searchParams.get("items");
  const payout = await attempt(() => getPayoutOrThrow(shop.id, params.payoutId!, { itemsPage: parseItemsPage(itemsPage) }));
  if ("ok" in payout) throw refusalResponse(payout);
  // Independent reads, overlapped: the page waits for the slowest, not for their sum.
  const [stripe, storeCreditState, paypal, giftCard, destination, rails, holdsByPayout] = await Promise.all([
    readPayoutStripeState(shop.id, payout.id),
    readPayoutStoreCreditState(shop.id, shop.domain, payout.id),
    readPayoutPayPalState(shop.id, payout.id),
    readPayoutGiftCardState(shop.id, shop.domain, payout.id),
    readPaymentDestination(shop.id, payout.creatorId),
    readPayoutRail(shop, payout.creatorId),
    // Why the payout-hold door would refuse paying it now (a missing W-9…), shown before anyone tries.
    UNPAID_HOLDABLE.includes(payout.status) ? readPayoutHolds(db(), shop.id, { payoutIds: [payout.id] }) : null,
  ]);
  // The card pays only on a rail the shop enabled in Settings (the action refuses it otherwise too).
  const storeCredit = { ...storeCreditState, available: storeCreditState.available && shop.enabledRails.includes("store_credit") };
  const holds = holdsByPayout?.get(payout.id) ?? [];
  return {
    payout,
    stripe,
    storeCredit,
    paypal,
    giftCard,
    destination,
    rails,
    holds,
    today: todayInTimeZone(now(), shop.timezone),
    timezone: shop.timezone,
  };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, actor } = await requireStaff(request);
  const form = await readFormData(request, BODY_LIMITS.adminForm);
  const { intent } = parseForm(intentField, form);
  const result = await attempt(async () => {
    const message = await payoutPageActions.run(intent, { shopId: shop.id, actor, payoutId: params.payoutId!, form });
    return { ok: true as const, message, fieldErrors: {} as Record<string, string> };
  });
  return actionResponse(result);
};

export default function PayoutDetailPage() {
  const { payout, stripe, storeCredit, paypal, giftCard, destination, rails, holds, today, timezone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const fieldErrors: Record<string, string> = result && !result.ok ? result.fieldErrors : {};
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: payout.currency });
  const editable = ["draft", "pending_review", "ready"].includes(payout.status);
  const cancelable = ["draft", "pending_review", "ready", "failed"].includes(payout.status);
  const unpaid = ["draft", "pending_review", "ready", "processing", "failed"].includes(payout.status);
  const phrase = payoutPhrase(payout, money(payout.amountMinor));
  useActionToast(result);

  return (
    <ShopTimeZoneProvider value={timezone}>
      <Page
        title={payout.invoiceLabel ?? "Draft payout"}
        subtitle={`${payout.creatorName} · ${money(payout.amountMinor)}`}
        titleMetadata={<Badge tone={PAYOUT_STATUS_TONE[payout.status]}>{PAYOUT_STATUS_LABEL[payout.status]}</Badge>}
        backAction={{ content: "Payouts", url: "/app/payouts" }}
        secondaryActions={[{ content: "View creator", url: `/app/creators/${payout.creatorId}` }]}
      >
        <Layout>
          {result && !result.ok && (
            <Layout.Section>
              <Banner tone="critical" title={result.message} />
            </Layout.Section>
          )}
          {holds.length > 0 && (
            <Layout.Section>
              <Banner tone="warning" title="On hold: not paid on any rail until this is resolved">
                <BlockStack gap="200">
                  <p>{holds.map((hold) => hold.sentence).join(" ")}</p>
                  {/* Two-person approval: an approver other than who created or requested it (the action checks). */}
                  {holds.some((hold) => hold.code === "awaits_second_approval") && (
                    <Form method="post" aria-label="Approve payout">
                      <input type="hidden" name="intent" value="approve" />
                      <Button submit loading={busy}>
                        Approve payout
                      </Button>
                    </Form>
                  )}
                </BlockStack>
              </Banner>
            </Layout.Section>
          )}
          <Layout.Section>
            <BlockStack gap="400">
              {payout.status === "failed" && (
                <FailedPayoutCard
                  payout={payout}
                  stripe={stripe}
                  today={today}
                  fieldErrors={fieldErrors}
                  busy={busy}
                  payoutPhrase={phrase}
                  defaultMethod={offlineMethodDefault(destination)}
                />
              )}
              <PayoutItemsCard payout={payout} editable={editable} busy={busy} money={money} />
              {payout.status === "ready" && <PayOnRailCard rails={rails} busy={busy} payoutPhrase={phrase} />}
              {stripe.connected && (payout.status === "ready" || stripe.attempts.length > 0) && (
                <StripePaymentCard payout={payout} stripe={stripe} busy={busy} payoutPhrase={phrase} />
              )}
              {/* Offered once the shop granted the store credit scope and enabled the rail; its attempts stay visible. */}
              {((storeCredit.available && (payout.status === "ready" || payout.status === "failed")) ||
                storeCredit.attempts.length > 0) && (
                <StoreCreditPaymentCard payout={payout} storeCredit={storeCredit} busy={busy} payoutPhrase={phrase} />
              )}
              {/* Offered once the shop granted write_gift_cards; its attempts (and "Disable") stay visible. */}
              {((giftCard.available && (payout.status === "ready" || payout.status === "failed")) || giftCard.attempts.length > 0) && (
                <GiftCardPaymentCard payout={payout} giftCard={giftCard} busy={busy} payoutPhrase={phrase} />
              )}
              {/* Offered once the shop connected PayPal Payouts in Settings; its attempts stay visible. */}
              {((paypal.connected && (payout.status === "ready" || payout.status === "failed")) || paypal.attempts.length > 0) && (
                <PayPalPaymentCard payout={payout} paypal={paypal} busy={busy} payoutPhrase={phrase} />
              )}
              {unpaid && <PaymentDetailsCard destination={destination} />}
              {payout.status === "ready" && (
                <MarkPaidOfflineCard
                  today={today}
                  fieldErrors={fieldErrors}
                  busy={busy}
                  defaultMethod={offlineMethodDefault(destination)}
                  payoutPhrase={phrase}
                />
              )}
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              <PayoutDetailsCard payout={payout} money={money} />
              <PayoutActionsCard payout={payout} cancelable={cancelable} busy={busy} payoutPhrase={phrase} />
            </BlockStack>
          </Layout.Section>
        </Layout>
      </Page>
    </ShopTimeZoneProvider>
  );
}
