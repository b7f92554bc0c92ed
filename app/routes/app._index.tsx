import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Box, Card, EmptyState, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { requireStaff } from "~/auth/require-staff.server";
import { formatMoney, type DisplayMinor } from "~/domain/money";
import { getHomeSummary } from "~/home/get-home-summary.server";
import { RoiSummaryCard } from "~/components/reports/RoiSummaryCard";
import { readThisMonthRoi } from "~/reports/report-summaries.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  const [summary, roi] = await Promise.all([getHomeSummary(shop), readThisMonthRoi(shop)]);
  return { summary, roi, shopCurrency: shop.currency };
};

function Figure({ label, amountMinor, currency, help }: { label: string; amountMinor: DisplayMinor; currency: string; help: string }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="headingLg">
          {formatMoney({ amountMinor, currency })}
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          {help}
        </Text>
      </BlockStack>
    </Card>
  );
}

export default function Home() {
  const { summary, roi, shopCurrency } = useLoaderData<typeof loader>();
  return (
    <Page title="Home">
      <Layout>
        {summary.alerts.length > 0 && (
          <Layout.Section>
            <BlockStack gap="300">
              {summary.alerts.map((alert) => (
                <Banner
                  key={alert.id}
                  tone={alert.tone}
                  title={alert.title}
                  action={alert.links?.[0] ?? { content: "Review", url: alert.url }}
                  secondaryAction={alert.links?.[1]}
                >
                  {alert.body}
                </Banner>
              ))}
            </BlockStack>
          </Layout.Section>
        )}
        {summary.creatorCount === 0 ? (
          <Layout.Section>
            <Card>
              <EmptyState heading="Invite your first creator" action={{ content: "Go to Creators", url: "/app/creators" }} image="">
                <p>Creators earn commissions on the orders they bring and fixed fees for paid collaborations.</p>
              </EmptyState>
            </Card>
          </Layout.Section>
        ) : (
          summary.figures.map((figures) => (
            <Layout.Section key={figures.currency}>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Balances in {figures.currency}
                </Text>
                {/* What is owed and due first; what is on its way after. */}
                <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="300">
                  <Figure
                    label="Owed, payable now"
                    amountMinor={figures.payableMinor}
                    currency={figures.currency}
                    help="Earned and out of the hold period: ready for a payout."
                  />
                  <Figure
                    label="Due now"
                    amountMinor={figures.dueNowMinor}
                    currency={figures.currency}
                    help="Ready payouts waiting to be paid."
                  />
                  <Figure
                    label="Requested"
                    amountMinor={figures.requestedMinor}
                    currency={figures.currency}
                    help="Payout requests waiting for a decision."
                  />
                  <Figure
                    label="Failed"
                    amountMinor={figures.failedMinor}
                    currency={figures.currency}
                    help="Failed payouts to retry, pay another way or cancel."
                  />
                </InlineGrid>
                <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="300">
                  <Figure
                    label="Held"
                    amountMinor={figures.heldMinor}
                    currency={figures.currency}
                    help="Commissions inside the hold period."
                  />
                  <Figure
                    label="Awaiting deliverables"
                    amountMinor={figures.gatedMinor}
                    currency={figures.currency}
                    help="Fixed fees payable once a deliverable is approved."
                  />
                  <Figure
                    label="In payouts"
                    amountMinor={figures.inPayoutMinor}
                    currency={figures.currency}
                    help="Reserved by payouts not yet paid, due now included."
                  />
                  <Figure
                    label="Paid this month"
                    amountMinor={figures.paidThisMonthMinor}
                    currency={figures.currency}
                    help="Paid with Stripe or offline since the 1st."
                  />
                </InlineGrid>
              </BlockStack>
            </Layout.Section>
          ))
        )}
        {summary.creatorCount > 0 && (
          <Layout.Section>
            <RoiSummaryCard
              title={`Return on creators this month (${roi.period.from} to ${roi.period.to})`}
              sums={roi.sums}
              currency={shopCurrency}
              reportUrl="/app/reports?period=this_month"
              emptyText="No attributed orders or creator cost yet this month."
            />
          </Layout.Section>
        )}
        <Layout.Section>
          <Box paddingBlockEnd="800" />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
