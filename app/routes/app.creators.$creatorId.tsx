// The creator's deal page (DOMAIN.md §6): profile, balances, deals with fees and deliverables,
// adjustments, payout requests, commissions, orders and the transaction history. The cards live
// in app/components/deal-page/; the forms' handlers in app/creators/creator-page-actions.server.ts.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Layout, Page } from "@shopify/polaris";
import { requireStaff } from "~/auth/require-staff.server";
import { AdjustmentCard } from "~/components/deal-page/AdjustmentCard";
import { ApplicationCard } from "~/components/deal-page/ApplicationCard";
import { AttributedOrdersCard } from "~/components/deal-page/AttributedOrdersCard";
import { BalancesCard } from "~/components/deal-page/BalancesCard";
import { CommissionsCard } from "~/components/deal-page/CommissionsCard";
import { CreatePayoutCard } from "~/components/deal-page/CreatePayoutCard";
import { DealCard } from "~/components/deal-page/DealCard";
import { NewDealCard } from "~/components/deal-page/NewDealCard";
import { PayoutRequestCard } from "~/components/deal-page/PayoutRequestCard";
import { PayoutRequestsCard } from "~/components/deal-page/PayoutRequestsCard";
import { ProfileCard } from "~/components/deal-page/ProfileCard";
import { StripeCard } from "~/components/deal-page/StripeCard";
import { STATUS_TONE, label } from "~/components/deal-page/status-labels";
import { TransactionHistoryCard } from "~/components/deal-page/TransactionHistoryCard";
import { RoiSummaryCard } from "~/components/reports/RoiSummaryCard";
import { creatorPageActions } from "~/creators/creator-page-actions.server";
import { getDealPage } from "~/deal-page/get-deal-page.server";
import { parseForm } from "~/forms/parse-form";
import { intentField } from "~/forms/form-fields";
import { BODY_LIMITS, readFormData } from "~/http/bounded-body.server";
import { actionResponse, attempt, refusalResponse } from "~/lib/action-result.server";
import { readCreatorLifetimeRoi } from "~/reports/report-summaries.server";
import { readCreatorStripeState } from "~/stripe/read-creator-stripe-state.server";
import { ShopTimeZoneProvider } from "~/components/ShopTimeZone";
import { ShopifyDiscountsCard } from "~/components/deal-page/ShopifyDiscountsCard";
import { ShareLinksCard } from "~/components/deal-page/ShareLinksCard";
import { discountDefaultsOf } from "~/discounts/discount-defaults";
import { useActionToast } from "~/components/Feedback";
import { TaxFormCard } from "~/components/deal-page/TaxFormCard";
import { PayoutHoldsCard } from "~/components/deal-page/PayoutHoldsCard";
import { readCreatorPayoutHolds } from "~/payouts/read-creator-payout-holds.server";
import { RiskSignalsCard } from "~/components/deal-page/RiskSignalsCard";
import { loadCreatorRiskSignals } from "~/risk/load-risk-queue.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  const historyCursor = new URL(request.url).searchParams.get("history");
  // The page's one statement (with the plan and campaign choices, plan in effect, codes and tax form) and the
  // other cards' reads (each scoped by shop, on other connections) run at the same time: the page
  // waits for the slowest, not for their sum. A creator not in the shop is refused, and what the
  // others read is dropped.
  const others = Promise.all([
    readCreatorStripeState(shop.id, params.creatorId!),
    readCreatorLifetimeRoi(shop, params.creatorId!),
    loadCreatorRiskSignals(shop.id, params.creatorId!),
    // The shop row requireStaff checked current this request: the holds need not read it again.
    readCreatorPayoutHolds(shop, params.creatorId!),
  ]);
  others.catch(() => {}); // a refused page never reads them; their own errors surface below
  const page = await attempt(() => getDealPage(shop.id, params.creatorId!, { historyCursor, historyPageSize: 25 }));
  if ("ok" in page) throw refusalResponse(page);
  const [stripe, lifetime, riskSignals, heldPayouts] = await others;
  return {
    page,
    shopCurrency: shop.currency,
    // Links are built on the shop's myshopify domain (it forwards to the primary domain).
    shopDomain: shop.domain,
    timezone: shop.timezone,
    creatorReviewEnabled: shop.creatorReviewEnabled,
    stripe,
    lifetime,
    riskSignals,
    heldPayouts,
    discountDefaults: discountDefaultsOf(shop),
    // Set by the new-creator form when the creator was saved but Shopify did not create the code.
    codeFailed: new URL(request.url).searchParams.get("done") === "creator_saved_without_code",
  };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, actor } = await requireStaff(request);
  const form = await readFormData(request, BODY_LIMITS.adminForm);
  const { intent } = parseForm(intentField, form);
  const result = await attempt(async () => {
    const message = await creatorPageActions.run(intent, { shop, actor, creatorId: params.creatorId!, form });
    return { ok: true as const, message, fieldErrors: {} as Record<string, string> };
  });
  return actionResponse({ ...result, intent });
};

export default function DealPageRoute() {
  const {
    page,
    stripe,
    lifetime,
    shopCurrency,
    timezone,
    creatorReviewEnabled,
    riskSignals,
    heldPayouts,
    discountDefaults,
    codeFailed,
    shopDomain,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // A self-signup's application is read with the page's creator; the plan and campaign choices,
  // plan in effect, codes and tax form in the page's statement.
  const { creator, planChoices, campaignChoices, planInEffect, discounts, tax } = page;
  const { application } = creator;
  useActionToast(result);
  const errorsFor = (intent: string) => (result && !result.ok && result.intent === intent ? result.fieldErrors : {});

  return (
    <ShopTimeZoneProvider value={timezone}>
      <Page
        title={creator.name}
        titleMetadata={<Badge tone={STATUS_TONE[creator.status]}>{label(creator.status)}</Badge>}
        subtitle={`${creator.email}${creator.socialHandle ? ` · ${creator.socialHandle}` : ""} · ref ${creator.referralCode}`}
        backAction={{ content: "Creators", url: "/app/creators" }}
        secondaryActions={[{ content: "Edit", url: `/app/creators/${creator.id}/edit` }]}
      >
        <Layout>
          {result && !result.ok && (
            <Layout.Section>
              <Banner tone="critical" title={result.message} />
            </Layout.Section>
          )}
          {application && (
            <Layout.Section>
              <ApplicationCard application={application} creator={creator} errorsFor={errorsFor} />
            </Layout.Section>
          )}
          {creator.status === "paused" && creator.statusReason && (
            <Layout.Section>
              <Banner tone="warning" title="Paused: earns nothing new">
                {creator.statusReason}
              </Banner>
            </Layout.Section>
          )}
          <Layout.Section>
            <BlockStack gap="400">
              <PayoutHoldsCard heldPayouts={heldPayouts} />

              <BalancesCard balances={page.balances} />

              <RoiSummaryCard
                title="Lifetime value"
                sums={lifetime.sums}
                currency={shopCurrency}
                reportUrl="/app/reports?period=this_year&groupBy=creator"
                emptyText="No attributed orders or creator cost yet."
                revenueLabel="Lifetime value"
                figures={["revenue", "orders", "cost", "roi", "averageOrderValue"]}
              />

              <CreatePayoutCard balances={page.balances} creatorReviewEnabled={creatorReviewEnabled} errorsFor={errorsFor} />

              <PayoutRequestCard payoutRequests={page.payoutRequests} errorsFor={errorsFor} />

              {page.deals.map((deal) => (
                <DealCard
                  key={deal.id}
                  deal={deal}
                  fees={page.fixedFees.filter((f) => f.dealId === deal.id)}
                  deliverables={page.deliverables.filter((d) => d.dealId === deal.id)}
                  errorsFor={errorsFor}
                  plans={planChoices}
                  planInEffect={planInEffect}
                />
              ))}
              <NewDealCard errorsFor={errorsFor} campaigns={campaignChoices} plans={planChoices} first={page.deals.length === 0} />

              <TransactionHistoryCard history={page.history} />

              <AttributedOrdersCard orders={page.orders} />
            </BlockStack>
          </Layout.Section>

          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              <ProfileCard creator={creator} errorsFor={errorsFor} />
              <TaxFormCard creatorId={creator.id} tax={tax} errorsFor={errorsFor} />
              <RiskSignalsCard creatorId={creator.id} signals={riskSignals} />
              <ShopifyDiscountsCard
                codes={discounts}
                currency={shopCurrency}
                errorsFor={errorsFor}
                codeFailed={codeFailed}
                defaults={discountDefaults}
              />
              <ShareLinksCard shopDomain={shopDomain} referralCode={creator.referralCode} codes={discounts} />
              {stripe.connected && <StripeCard stripe={stripe} creator={creator} />}
              <CommissionsCard commissions={page.commissions} />
              <AdjustmentCard adjustments={page.adjustments} errorsFor={errorsFor} />
              <PayoutRequestsCard payoutRequests={page.payoutRequests} />
            </BlockStack>
          </Layout.Section>
        </Layout>
      </Page>
    </ShopTimeZoneProvider>
  );
}
