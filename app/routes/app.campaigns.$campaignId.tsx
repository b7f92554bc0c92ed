import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Card, EmptyState, InlineGrid, Layout, Page, ProgressBar, Text } from "@shopify/polaris";
import { requireStaff } from "~/auth/require-staff.server";
import { getCampaign } from "~/campaigns/campaigns.server";
import { formatMoney, type DisplayMinor } from "~/domain/money";
import { RoiSummaryCard } from "~/components/reports/RoiSummaryCard";
import { readCampaignLifetimeRoi, reportShopOf } from "~/reports/report-summaries.server";
import { readPeriodCostPaid } from "~/reports/read-cost-paid.server";
import { costSettlement } from "~/reports/report-definitions";
import { label } from "~/components/deal-page/status-labels";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  const campaign = await getCampaign(shop, params.campaignId!);
  if (!campaign) throw new Response("That campaign does not exist in this shop.", { status: 404 });
  const roi = await readCampaignLifetimeRoi(shop, campaign.id);
  const paid = await readPeriodCostPaid(reportShopOf(shop), { period: roi.period, campaignId: campaign.id });
  return { campaign, currency: shop.currency, roi, paidMinor: costSettlement(campaign.costMinor, paid, shop.currency).paidMinor };
};

export default function CampaignPage() {
  const { campaign, currency, roi, paidMinor } = useLoaderData<typeof loader>();
  const money = (amountMinor: DisplayMinor, code = currency) => formatMoney({ amountMinor, currency: code });
  const used = campaign.budgetMinor ? Math.round((Number(campaign.costMinor) * 100) / campaign.budgetMinor) : null;
  return (
    <Page
      title={campaign.name}
      subtitle={`${campaign.startsOn ?? "no start"} → ${campaign.endsOn ?? "no end"}`}
      backAction={{ content: "Campaigns", url: "/app/campaigns" }}
    >
      <Layout>
        <Layout.Section>
          <Card>
            <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
              <BlockStack gap="100">
                <Text as="span" tone="subdued">
                  Creator cost (earned)
                </Text>
                <Text as="span" variant="headingLg">
                  {money(campaign.costMinor)}
                </Text>
                <Text as="span" tone="subdued" variant="bodySm">
                  Commissions, fees and adjustments of its deals: the cost in the ROI below.
                </Text>
              </BlockStack>
              <BlockStack gap="100">
                <Text as="span" tone="subdued">
                  Paid so far
                </Text>
                <Text as="span" variant="headingLg">
                  {money(paidMinor)}
                </Text>
                <Text as="span" tone="subdued" variant="bodySm">
                  The part of that cost in paid payouts.
                </Text>
              </BlockStack>
              <BlockStack gap="100">
                <Text as="span" tone="subdued">
                  Budget
                </Text>
                <Text as="span" variant="headingLg">
                  {campaign.budgetMinor ? money(campaign.budgetMinor) : "None"}
                </Text>
              </BlockStack>
              <BlockStack gap="100">
                <Text as="span" tone="subdued">
                  Budget used
                </Text>
                {used === null ? (
                  <Text as="span">—</Text>
                ) : (
                  <ProgressBar progress={Math.min(100, used)} tone={used > 100 ? "critical" : "primary"} />
                )}
                {used !== null && <Text as="span" variant="bodySm">{`${used} %`}</Text>}
              </BlockStack>
            </InlineGrid>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <RoiSummaryCard
            title="Return on this campaign"
            sums={roi.sums}
            currency={currency}
            reportUrl={`/app/reports?period=this_year&groupBy=creator&campaignId=${campaign.id}`}
            emptyText="No attributed orders or creator cost in this campaign yet."
          />
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Deals
              </Text>
              {campaign.deals.length === 0 ? (
                <EmptyState heading="No deals in this campaign yet" image="">
                  <p>Create a deal on a creator's page and choose this campaign.</p>
                </EmptyState>
              ) : (
                campaign.deals.map((deal) => (
                  <BlockStack key={deal.id} gap="100">
                    <Text as="p" fontWeight="semibold">
                      <Link to={`/app/creators/${deal.creator.id}`}>{deal.creator.name}</Link> — {deal.title}
                    </Text>
                    {deal.fees.length === 0 ? (
                      <Text as="p" tone="subdued" variant="bodySm">
                        No fixed fees.
                      </Text>
                    ) : (
                      deal.fees.map((fee) => (
                        <Text key={fee.id} as="p" variant="bodySm">
                          {money(fee.amountMinor, fee.currency)} · {fee.comment ?? "Fixed fee"} <Badge>{label(fee.status)}</Badge>
                        </Text>
                      ))
                    )}
                  </BlockStack>
                ))
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
