// Risk (issue 17 §2): commissions held for review by a risk signal, filtered by rule and creator;
// Approve (released as normal when the hold ends) or Reject with a reason (money back to expense,
// the creator told the reason, not the rule). Query: rule, creator. Reading and deciding live in app/risk/.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, EmptyState, IndexTable, InlineStack, Page, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import { requireStaff } from "~/auth/require-staff.server";
import { InlineForm, IntentButton } from "~/components/deal-page/InlineForm";
import { formatShopDate } from "~/domain/calendar";
import { formatMoney } from "~/domain/money";
import { RISK_RULE_LABELS, RISK_RULES } from "~/domain/risk/risk-signal";
import { intentField } from "~/forms/form-fields";
import { parseForm } from "~/forms/parse-form";
import { BODY_LIMITS, readFormData } from "~/http/bounded-body.server";
import { actionResponse, attempt } from "~/lib/action-result.server";
import { loadRiskQueue, riskQueueFilters } from "~/risk/load-risk-queue.server";
import { riskActions } from "~/risk/risk-actions.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  const filters = riskQueueFilters(new URL(request.url).searchParams);
  const queue = await loadRiskQueue(shop.id, filters);
  return { ...queue, filters, timezone: shop.timezone, reviewScore: shop.riskReviewScore };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireStaff(request);
  const form = await readFormData(request, BODY_LIMITS.adminForm);
  const commissionId = String(form.get("commissionId") ?? "");
  const result = await attempt(async () => {
    const { intent } = parseForm(intentField, form);
    const message = await riskActions.run(intent, { shopId: shop.id, actor, form });
    return { ok: true as const, message, fieldErrors: {} as Record<string, string> };
  });
  return actionResponse({ ...result, commissionId });
};

export default function Risk() {
  const { rows, creators, filters, timezone, reviewScore } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [rule, setRule] = useState(filters.rule ?? "");
  const [creator, setCreator] = useState(filters.creatorId ?? "");
  return (
    <Page title="Risk" subtitle={`Commissions held for review: a signal scored ${reviewScore} or more (Settings)`}>
      <BlockStack gap="400">
        {result && <Banner tone={result.ok ? "success" : "critical"} title={result.message} />}
        <Card>
          <Form method="get">
            <InlineStack gap="300" blockAlign="end">
              <Select
                label="Rule"
                name="rule"
                value={rule}
                onChange={setRule}
                options={[{ label: "All rules", value: "" }, ...RISK_RULES.map((r) => ({ label: RISK_RULE_LABELS[r], value: r }))]}
              />
              <Select
                label="Creator"
                name="creator"
                value={creator}
                onChange={setCreator}
                options={[{ label: "All creators", value: "" }, ...creators.map((c) => ({ label: c.name, value: c.id }))]}
              />
              <Button submit>Filter</Button>
            </InlineStack>
          </Form>
        </Card>
        <Card padding="0">
          {rows.length === 0 ? (
            <EmptyState heading="Nothing to review" image="">
              <p>Commissions a risk signal holds for review appear here; they are not released until you decide.</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "commission", plural: "commissions" }}
              itemCount={rows.length}
              selectable={false}
              headings={[
                { title: "Creator" },
                { title: "Order" },
                { title: "Commission", alignment: "end" },
                { title: "Signals" },
                { title: "Decision" },
              ]}
            >
              {rows.map((row, index) => (
                <IndexTable.Row id={row.commissionId} key={row.commissionId} position={index}>
                  <IndexTable.Cell>
                    <Link to={`/app/creators/${row.creatorId}`}>{row.creatorName}</Link>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <BlockStack gap="050">
                      <Text as="span">{row.orderName}</Text>
                      <Text as="span" variant="bodySm" tone="subdued">
                        {formatShopDate(row.orderedAt, timezone)}
                        {row.holdUntil ? ` · hold ends ${formatShopDate(row.holdUntil, timezone)}` : ""}
                      </Text>
                    </BlockStack>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Text as="span" alignment="end" numeric>
                      {formatMoney({ amountMinor: row.amountMinor, currency: row.currency })}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <BlockStack gap="100">
                      {row.signals.map((signal) => (
                        <InlineStack key={signal.rule} gap="200" wrap={false}>
                          <Badge tone={signal.score >= reviewScore ? "critical" : "attention"}>{`${signal.label} · ${signal.score}`}</Badge>
                          <Text as="span" variant="bodySm">
                            {signal.sentence}
                          </Text>
                        </InlineStack>
                      ))}
                    </BlockStack>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <InlineStack gap="200" blockAlign="end" wrap={false}>
                      <IntentButton intent="approve" hidden={{ commissionId: row.commissionId }} label="Approve" variant="primary" />
                      <InlineForm
                        intent="reject"
                        hidden={{ commissionId: row.commissionId }}
                        submitLabel="Reject"
                        tone="critical"
                        errors={result && !result.ok && result.commissionId === row.commissionId ? result.fieldErrors : {}}
                        fields={[{ name: "reason", label: "Reason (sent to the creator)" }]}
                      />
                    </InlineStack>
                  </IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
        </Card>
      </BlockStack>
    </Page>
  );
}
