import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  EmptyState,
  IndexTable,
  InlineGrid,
  Link,
  Page,
  ProgressBar,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { requireStaff } from "~/auth/require-staff.server";
import { IndexRowCells, useCondensedTable } from "~/components/IndexRowCells";
import { createCampaign, listCampaigns } from "~/campaigns/campaigns.server";
import { formatMoney, type DisplayMinor } from "~/domain/money";
import { BODY_LIMITS, readFormData } from "~/http/bounded-body.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  return { campaigns: await listCampaigns(shop), currency: shop.currency };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireStaff(request);
  const result = await createCampaign(
    shop.id,
    shop.currency,
    Object.fromEntries(await readFormData(request, BODY_LIMITS.adminForm)),
    actor,
  );
  return result.ok
    ? { ok: true as const, fieldErrors: {} as Record<string, string> }
    : { ok: false as const, fieldErrors: result.fieldErrors };
};

export default function Campaigns() {
  const { campaigns, currency } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const condensed = useCondensedTable();
  const [values, setValues] = useState({ name: "", startsOn: "", endsOn: "", budget: "" });
  const errors = result?.fieldErrors ?? {};
  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const money = (amountMinor: DisplayMinor) => formatMoney({ amountMinor, currency });

  return (
    <Page title="Campaigns" subtitle="Deals and fees grouped by effort; ROI figures come with Reports.">
      <BlockStack gap="400">
        {result?.ok && <Banner tone="success" title="Campaign created" />}
        <Card padding="0">
          {campaigns.length === 0 ? (
            <EmptyState heading="No campaigns yet" image="">
              <p>Group deals and fixed fees by campaign to track budget and cost.</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "campaign", plural: "campaigns" }}
              itemCount={campaigns.length}
              selectable={false}
              condensed={condensed}
              headings={[
                { title: "Campaign" },
                { title: "Dates" },
                { title: "Deals", alignment: "end" },
                { title: "Creator cost", alignment: "end" },
                { title: "Budget used" },
              ]}
            >
              {campaigns.map((c, index) => (
                <IndexTable.Row id={c.id} key={c.id} position={index}>
                  <IndexRowCells
                    condensed={condensed}
                    cells={[
                      {
                        heading: "Campaign",
                        content: (
                          <Text as="span" fontWeight="semibold">
                            <Link url={`/app/campaigns/${c.id}`} dataPrimaryLink monochrome removeUnderline>
                              {c.name}
                            </Link>
                          </Text>
                        ),
                      },
                      { heading: "Dates", content: `${c.startsOn ?? "—"} → ${c.endsOn ?? "—"}` },
                      { heading: "Deals", alignment: "end", content: c.dealCount },
                      { heading: "Creator cost", alignment: "end", content: money(c.costMinor) },
                      {
                        heading: "Budget used",
                        content: c.budgetMinor ? (
                          <BlockStack gap="100">
                            <Text as="span" variant="bodySm">
                              {`${money(c.costMinor)} of ${money(c.budgetMinor)}`}
                            </Text>
                            <ProgressBar
                              progress={Math.min(100, Math.round((Number(c.costMinor) * 100) / c.budgetMinor))}
                              size="small"
                              tone={c.costMinor > c.budgetMinor ? "critical" : "primary"}
                            />
                          </BlockStack>
                        ) : (
                          "No budget"
                        ),
                      },
                    ]}
                  />
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
        </Card>
        <Card>
          <Form method="post" aria-label="New campaign">
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                New campaign
              </Text>
              <InlineGrid columns={{ xs: 1, md: 4 }} gap="300">
                <TextField label="Name" name="name" value={values.name} onChange={set("name")} error={errors.name} autoComplete="off" />
                <TextField
                  label="Starts"
                  name="startsOn"
                  type="date"
                  value={values.startsOn}
                  onChange={set("startsOn")}
                  error={errors.startsOn}
                  autoComplete="off"
                />
                <TextField
                  label="Ends"
                  name="endsOn"
                  type="date"
                  value={values.endsOn}
                  onChange={set("endsOn")}
                  error={errors.endsOn}
                  autoComplete="off"
                />
                <TextField
                  label="Budget"
                  name="budget"
                  suffix={currency}
                  value={values.budget}
                  onChange={set("budget")}
                  error={errors.budget}
                  autoComplete="off"
                />
              </InlineGrid>
              <div>
                <Button submit variant="primary" loading={navigation.state === "submitting"}>
                  Create campaign
                </Button>
              </div>
            </BlockStack>
          </Form>
        </Card>
      </BlockStack>
    </Page>
  );
}
