import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Card, EmptyState, IndexTable, InlineStack, Page, Text } from "@shopify/polaris";
import { requireStaff } from "~/auth/require-staff.server";
import { InlineForm, IntentButton } from "~/components/deal-page/InlineForm";
import { approvePayoutRequest, rejectPayoutRequest } from "~/payout-requests/decide-payout-request.server";
import { listPayoutRequests } from "~/payout-requests/list-payout-requests.server";
import { formatShopDate } from "~/domain/calendar";
import { formatMoney } from "~/domain/money";
import { actionResponse, attempt } from "~/lib/action-result.server";
import { BODY_LIMITS, readFormData } from "~/http/bounded-body.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  return { requests: await listPayoutRequests(shop.id), timezone: shop.timezone };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireStaff(request);
  const form = await readFormData(request, BODY_LIMITS.adminForm);
  const requestId = String(form.get("requestId") ?? "");
  const intent = String(form.get("intent"));
  const result = await attempt(async () => {
    if (intent === "approve_request") {
      const approved = await approvePayoutRequest(shop.id, requestId, actor);
      return { ok: true as const, message: "Request approved: the payout was created.", payoutId: approved.payoutId, fieldErrors: {} };
    }
    await rejectPayoutRequest(shop.id, requestId, actor, String(form.get("note") ?? ""));
    return { ok: true as const, message: "Request rejected: the creator sees your note.", payoutId: null, fieldErrors: {} };
  });
  return actionResponse({ ...result, requestId });
};

export default function PayoutRequests() {
  const { requests, timezone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <Page
      title="Payout requests"
      backAction={{ content: "Payouts", url: "/app/payouts" }}
      subtitle="Creator withdrawals and payouts requested from deal pages"
    >
      <BlockStack gap="400">
        {result && (
          <Banner tone={result.ok ? "success" : "critical"} title={result.message}>
            {result.ok && result.payoutId && <Link to={`/app/payouts/${result.payoutId}`}>Open the payout</Link>}
          </Banner>
        )}
        <Card padding="0">
          {requests.length === 0 ? (
            <EmptyState heading="No requests waiting" image="">
              <p>Creators ask for withdrawals in their portal; you can request a payout from a creator's page.</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "request", plural: "requests" }}
              itemCount={requests.length}
              selectable={false}
              headings={[
                { title: "Creator" },
                { title: "From" },
                { title: "Amount", alignment: "end" },
                { title: "Details" },
                { title: "Decision" },
              ]}
            >
              {requests.map((r, index) => (
                <IndexTable.Row id={r.id} key={r.id} position={index}>
                  <IndexTable.Cell>
                    <Link to={`/app/creators/${r.creatorId}`}>{r.creatorName}</Link>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Badge>{r.origin === "creator" ? "Creator" : "Merchant"}</Badge>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Text as="span" alignment="end" numeric>
                      {formatMoney({ amountMinor: r.amountMinor, currency: r.currency })}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <BlockStack gap="050">
                      <Text as="span" variant="bodySm">
                        {r.comment ?? "—"}
                      </Text>
                      <Text as="span" variant="bodySm" tone="subdued">
                        {formatShopDate(r.createdAt, timezone)} · payout details {r.payoutDetailsStatus}
                        {r.requestedMethod ? ` · asks for ${r.requestedMethod.replace("_", " ")}` : ""}
                      </Text>
                    </BlockStack>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <InlineStack gap="200" blockAlign="end" wrap={false}>
                      <IntentButton intent="approve_request" hidden={{ requestId: r.id }} label="Approve" variant="primary" />
                      <InlineForm
                        intent="reject_request"
                        hidden={{ requestId: r.id }}
                        submitLabel="Reject"
                        tone="critical"
                        errors={result && !result.ok && result.requestId === r.id ? result.fieldErrors : {}}
                        fields={[{ name: "note", label: "Note to the creator" }]}
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
