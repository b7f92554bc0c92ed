// Reconciliation (issue 15, item 5): per rail, what the rail says was paid beside what the ledger
// says, for a range of days in the shop's time zone; mismatches named, one action each (Settle,
// Investigate), and a CSV export. Query: from, to (YYYY-MM-DD). The matching is
// app/domain/reconcile-rail-payments.ts; the reading app/reconciliation/*.server.ts.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, EmptyState, IndexTable, InlineStack, Page, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { requireStaff } from "~/auth/require-staff.server";
import { DownloadButton } from "~/components/DownloadButton";
import { useActionToast } from "~/components/Feedback";
import { IndexRowCells, useCondensedTable } from "~/components/IndexRowCells";
import { formatShopDateTime, todayInTimeZone } from "~/domain/calendar";
import { formatMoney } from "~/domain/money";
import { isMismatch, RECONCILIATION_KIND_LABELS, type ReconciliationKind } from "~/domain/reconcile-rail-payments";
import { intentField } from "~/forms/form-fields";
import { parseForm } from "~/forms/parse-form";
import { BODY_LIMITS, readFormData } from "~/http/bounded-body.server";
import { actionResponse, attempt } from "~/lib/action-result.server";
import { now } from "~/lib/clock.server";
import { railLabel } from "~/rails/rail-choices.server";
import { loadReconciliation } from "~/reconciliation/load-reconciliation.server";
import { reconciliationActions } from "~/reconciliation/reconciliation-actions.server";
import { reconciliationRange } from "~/reconciliation/reconciliation-range";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  const range = reconciliationRange(new URL(request.url).searchParams, todayInTimeZone(now(), shop.timezone), shop.timezone);
  if (!range.ok) return data({ ok: false as const, message: range.message, rails: [], timezone: shop.timezone }, { status: 400 });
  const rails = await loadReconciliation(shop.id, range.instants);
  return {
    ok: true as const,
    days: range.days,
    timezone: shop.timezone,
    rails: rails.map((r) => ({ ...r, label: railLabel(r.rail) })),
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireStaff(request);
  const form = await readFormData(request, BODY_LIMITS.adminForm);
  const result = await attempt(async () => {
    const { intent } = parseForm(intentField, form);
    const message = await reconciliationActions.run(intent, { shopId: shop.id, actor, form });
    return { ok: true as const, message, fieldErrors: {} as Record<string, string> };
  });
  return actionResponse(result);
};

const KIND_TONE: Record<ReconciliationKind, "success" | "critical" | "warning" | undefined> = {
  matched: "success",
  paid_at_rail_not_in_ledger: "critical",
  paid_in_ledger_not_at_rail: "critical",
  amount_or_currency_differs: "warning",
  not_paid_at_rail: undefined,
};

function RangeForm({ from, to }: { from: string; to: string }) {
  const [fromValue, setFrom] = useState(from);
  const [toValue, setTo] = useState(to);
  return (
    <Form method="get" aria-label="Reconciliation range">
      <InlineStack gap="300" blockAlign="end">
        <TextField label="From" name="from" type="date" value={fromValue} onChange={setFrom} autoComplete="off" />
        <TextField label="To" name="to" type="date" value={toValue} onChange={setTo} autoComplete="off" />
        <Button submit>Show</Button>
      </InlineStack>
    </Form>
  );
}

export default function Reconciliation() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const condensed = useCondensedTable();
  const busy = navigation.state !== "idle";
  useActionToast(result);

  if (!loaded.ok) {
    return (
      <Page title="Reconciliation" backAction={{ content: "Payouts", url: "/app/payouts" }}>
        <BlockStack gap="400">
          <Banner tone="critical" title="This range cannot be shown">
            <p>{loaded.message}</p>
          </Banner>
          <Card>
            <RangeForm from="" to="" />
          </Card>
        </BlockStack>
      </Page>
    );
  }

  const { days, timezone } = loaded;
  const exportUrl = `/app/exports/reconciliation.csv?from=${days.from}&to=${days.to}`;
  const nothing = loaded.rails.length === 0;
  return (
    <Page
      title="Reconciliation"
      subtitle={`What each rail paid beside what the ledger says, ${days.from} to ${days.to} (shop time zone)`}
      backAction={{ content: "Payouts", url: "/app/payouts" }}
    >
      <BlockStack gap="400">
        <Card>
          <InlineStack gap="300" align="space-between" blockAlign="end">
            <RangeForm key={`${days.from}-${days.to}`} from={days.from} to={days.to} />
            <DownloadButton fullWidth={false} url={exportUrl} filename={`reconciliation-${days.from}-to-${days.to}.csv`}>
              Export CSV
            </DownloadButton>
          </InlineStack>
        </Card>
        {result && !result.ok && (
          <Banner tone="critical" title="That did not work">
            <p>{result.message}</p>
          </Banner>
        )}
        {nothing && (
          <Card>
            <EmptyState heading="No rails to reconcile" image="">
              <p>Enable Stripe, store credit or PayPal in Settings and pay a payout on it: its payments show here beside the ledger.</p>
            </EmptyState>
          </Card>
        )}
        {loaded.rails.map((rail) => {
          const mismatches = rail.rows.filter(isMismatch).length;
          // Mismatches first: they are what the merchant came for.
          const rows = [...rail.rows].sort((a, b) => Number(isMismatch(b)) - Number(isMismatch(a)));
          return (
            <Card key={rail.rail} padding="0">
              <BlockStack gap="200">
                <div style={{ padding: "var(--p-space-400) var(--p-space-400) 0" }}>
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="h2" variant="headingMd">
                      {rail.label}
                    </Text>
                    {rail.error === null && (
                      <Badge tone={mismatches > 0 ? "critical" : "success"}>
                        {mismatches > 0 ? `${mismatches} ${mismatches === 1 ? "mismatch" : "mismatches"}` : "All matched"}
                      </Badge>
                    )}
                  </InlineStack>
                </div>
                {rail.error !== null ? (
                  <div style={{ padding: "0 var(--p-space-400) var(--p-space-400)" }}>
                    <Banner tone="warning" title={`${rail.label} cannot be shown`}>
                      <p>{rail.error}</p>
                    </Banner>
                  </div>
                ) : (
                  <IndexTable
                    resourceName={{ singular: "payment", plural: "payments" }}
                    itemCount={rows.length}
                    selectable={false}
                    loading={busy}
                    condensed={condensed}
                    emptyState={
                      <EmptyState heading={`No ${rail.label} payments in this range`} image="">
                        <p>
                          Neither {rail.label} nor the ledger has a payment between {days.from} and {days.to}.
                        </p>
                      </EmptyState>
                    }
                    headings={[
                      { title: "Result" },
                      { title: "At the rail" },
                      { title: "In the ledger" },
                      { title: "Note" },
                      { title: "Action" },
                    ]}
                  >
                    {rows.map((row, index) => {
                      const payoutId = row.payout?.payoutId ?? row.record?.payoutId ?? null;
                      const key = `${row.record?.reference ?? "none"}-${row.payout?.payoutId ?? "none"}`;
                      return (
                        <IndexTable.Row id={key} key={key} position={index}>
                          <IndexRowCells
                            condensed={condensed}
                            cells={[
                              {
                                heading: "Result",
                                content: <Badge tone={KIND_TONE[row.kind]}>{RECONCILIATION_KIND_LABELS[row.kind]}</Badge>,
                              },
                              {
                                heading: "At the rail",
                                content: row.record
                                  ? `${formatMoney({ amountMinor: row.record.amountMinor, currency: row.record.currency })} · ${row.record.state} · ${row.record.reference} · ${formatShopDateTime(row.record.at, timezone)}`
                                  : "Nothing found",
                              },
                              {
                                heading: "In the ledger",
                                content: row.payout
                                  ? row.payout.paidAt
                                    ? `${row.payout.creatorName} · ${formatMoney({ amountMinor: row.payout.amountMinor, currency: row.payout.currency })} paid ${formatShopDateTime(row.payout.paidAt, timezone)}`
                                    : `${row.payout.creatorName} · ${row.payout.status}, not paid`
                                  : "Not in the ledger",
                              },
                              { heading: "Note", content: row.sentence },
                              {
                                heading: "Action",
                                content: <MismatchAction kind={row.kind} payoutId={payoutId} note={row.sentence} busy={busy} />,
                              },
                            ]}
                          />
                        </IndexTable.Row>
                      );
                    })}
                  </IndexTable>
                )}
              </BlockStack>
            </Card>
          );
        })}
      </BlockStack>
    </Page>
  );
}

/** Settle a payment the rail made that the ledger lacks; investigate the rest. */
function MismatchAction({
  kind,
  payoutId,
  note,
  busy,
}: {
  kind: ReconciliationKind;
  payoutId: string | null;
  note: string;
  busy: boolean;
}) {
  if (kind === "matched" || kind === "not_paid_at_rail") return null;
  if (!payoutId) return <Text as="span">Check at the rail: no payout of the app is named.</Text>;
  const settle = kind === "paid_at_rail_not_in_ledger";
  return (
    <Form method="post" aria-label={settle ? "Settle" : "Investigate"}>
      <input type="hidden" name="intent" value={settle ? "settle" : "investigate"} />
      <input type="hidden" name="payoutId" value={payoutId} />
      <input type="hidden" name="note" value={note} />
      <InlineStack gap="200">
        <Button submit size="slim" disabled={busy}>
          {settle ? "Settle" : "Investigate"}
        </Button>
        <Button url={`/app/payouts/${payoutId}`} size="slim" variant="plain">
          Open payout
        </Button>
      </InlineStack>
    </Form>
  );
}
