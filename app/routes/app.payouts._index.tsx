import { randomUUID } from "node:crypto";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigate, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  EmptyState,
  IndexTable,
  InlineStack,
  Link,
  Page,
  Pagination,
  Tabs,
  Text,
  TextField,
  useIndexResourceState,
} from "@shopify/polaris";
import { useState } from "react";
import { IndexRowCells, useCondensedTable } from "~/components/IndexRowCells";
import { requireStaff } from "~/auth/require-staff.server";
import { now } from "~/lib/clock.server";
import { ConfirmActionButton } from "~/components/ConfirmActionButton";
import { DownloadButton } from "~/components/DownloadButton";
import { countOf } from "~/domain/plural";
import { PAYOUT_STATUS_LABEL, PAYOUT_STATUS_TONE, PAYOUT_TABS } from "~/components/payout-status";
import { formatMoney } from "~/domain/money";
import type { PayoutStatus } from "~/domain/status/payout-status";
import { actionResponse, attempt } from "~/lib/action-result.server";
import { markPayoutsPaidOffline } from "~/payouts/mark-payouts-paid-offline.server";
import { claimStripePayouts } from "~/rails/stripe/claim-stripe-payouts.server";
import { formatShopDate, todayInTimeZone } from "~/domain/calendar";
import { listPayouts } from "~/payouts/read-payout.server";
import { BODY_LIMITS, readFormData } from "~/http/bounded-body.server";
import { OfflinePaymentFields } from "~/components/OfflinePaymentFields";
import { PayAllDueCard } from "~/components/payouts/PayAllDueCard";
import { payAllDue, readDueTotals } from "~/payout-runs/pay-all-due.server";
import { db } from "~/db.server";
import { countPayoutHolds, isPayoutHoldCode, PAYOUT_HOLD_REASONS, type PayoutHold } from "~/domain/payout-holds";
import { readPayoutHolds } from "~/payouts/payout-holds.server";

// Statuses a payout can still be paid from: the rows the payout-hold door is asked about.
const PAYABLE_STATUSES: readonly string[] = ["draft", "pending_review", "ready", "failed"];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  const url = new URL(request.url);
  const requested = url.searchParams.get("status") ?? "all";
  const status = (PAYOUT_TABS as readonly string[]).includes(requested) ? (requested as PayoutStatus | "all") : "all";
  // ?hold=<reason>: only the open payouts that reason holds (Home's "needs review" links here).
  const holdParam = url.searchParams.get("hold");
  const hold = isPayoutHoldCode(holdParam) ? holdParam : null;
  const heldIds = hold
    ? [...(await readPayoutHolds(db(), shop.id, { open: true })).entries()]
        .filter(([, holds]) => holds.some((h) => h.code === hold))
        .map(([id]) => id)
    : undefined;
  const [page, due] = await Promise.all([
    listPayouts(shop.id, { status, after: url.searchParams.get("after") ?? undefined, pageSize: 50, payoutIds: heldIds }),
    readDueTotals(shop.id),
  ]);
  // Which rule holds each payout on this page, so the list says so before anyone tries to pay.
  const holdable = page.payouts.filter((payout) => PAYABLE_STATUSES.includes(payout.status)).map((payout) => payout.id);
  const holdsById = holdable.length ? await readPayoutHolds(db(), shop.id, { payoutIds: holdable }) : new Map<string, PayoutHold[]>();
  return {
    page,
    holds: Object.fromEntries(holdsById),
    hold,
    due,
    // "Pay all due" sends it back: a second submit of the same page starts nothing new.
    payAllKey: randomUUID().replaceAll("-", ""),
    status,
    today: todayInTimeZone(now(), shop.timezone),
    timezone: shop.timezone,
    unknownStatus: requested !== status ? requested : null,
  };
};

/** Bulk "Mark paid offline" or "Pay with Stripe" for the selected payouts, or "Pay all due". */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireStaff(request);
  const form = await readFormData(request, BODY_LIMITS.adminForm);
  if (form.get("intent") === "pay_all_due") {
    const started = await attempt(() => payAllDue(shop.id, String(form.get("requestKey") ?? ""), actor));
    if ("ok" in started) return actionResponse({ ...started, payAllDue: true as const });
    return redirect(`/app/payouts/runs/${started.runId}`);
  }
  const payoutIds = form.getAll("payoutId").map(String);
  if (payoutIds.length === 0)
    return { ok: false as const, message: "Select the payouts you paid.", fieldErrors: {} as Record<string, string> };
  if (form.get("intent") === "pay_stripe") {
    const claimed = await attempt(() => claimStripePayouts(shop.id, payoutIds, actor));
    if ("ok" in claimed) return actionResponse(claimed);
    return { ok: true as const, via: "stripe" as const, outcomes: claimed };
  }
  const result = await attempt(() =>
    markPayoutsPaidOffline(shop.id, payoutIds, actor, {
      method: String(form.get("method") ?? ""),
      reference: String(form.get("reference") ?? ""),
      paidOn: String(form.get("paidOn") ?? ""),
      note: String(form.get("note") ?? ""),
    }),
  );
  if ("ok" in result) return actionResponse(result);
  return { ok: true as const, via: "offline" as const, outcomes: result };
};

export default function PayoutsIndex() {
  const { page, holds, hold, due, payAllKey, status, today, timezone, unknownStatus } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const condensed = useCondensedTable();
  const navigation = useNavigation();
  const submit = useSubmit();
  const rows = page.payouts;
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(rows);
  const [paying, setPaying] = useState(false);
  const [debtorName, setDebtorName] = useState("");
  const [debtorIban, setDebtorIban] = useState("");
  const selectedForm =
    (extra: Record<string, string> = {}) =>
    () => {
      const form = new URLSearchParams(extra);
      for (const id of selectedResources) form.append("payoutId", id);
      return form;
    };
  const fieldErrors = result && !result.ok ? result.fieldErrors : {};
  const tabIndex = Math.max(0, PAYOUT_TABS.indexOf(status));
  const paid = result?.ok ? result.outcomes.filter((o) => o.outcome === "paid").length : 0;
  const failures = result?.ok ? result.outcomes.filter((o) => o.outcome === "error") : [];
  // Payouts the payout-hold door holds are counted apart, per reason: they wait, nothing failed.
  const held = failures.flatMap((f) => (f.outcome === "error" && f.code === "payout_held" ? [f.holds ?? []] : []));
  const labelOf = (payoutId: string) => rows.find((row) => row.id === payoutId)?.invoiceLabel ?? null;

  return (
    <Page
      title="Payouts"
      primaryAction={{ content: "Generate payouts", url: "/app/payouts/runs/new" }}
      secondaryActions={[{ content: "Payout requests", url: "/app/payouts/requests" }]}
    >
      <BlockStack gap="400">
        {unknownStatus && <Banner tone="warning" title={`There is no "${unknownStatus}" tab; showing all payouts.`} />}
        {hold && (
          <Banner tone="info" title={`Showing payouts on hold: ${PAYOUT_HOLD_REASONS[hold].label.toLowerCase()}`}>
            <Link url="/app/payouts">Show all payouts</Link>
          </Banner>
        )}
        <PayAllDueCard due={due} requestKey={payAllKey} />
        {result && !result.ok && (
          <Banner tone="critical" title={"payAllDue" in result ? "No payouts were created" : "Nothing was marked paid"}>
            {result.message}
          </Banner>
        )}
        {paid > 0 && (
          <Banner
            tone="success"
            title={
              result?.ok && result.via === "stripe"
                ? `${paid} ${paid === 1 ? "payout is" : "payouts are"} being paid with Stripe`
                : `${paid} ${paid === 1 ? "payout" : "payouts"} marked paid`
            }
          />
        )}
        {failures.length > 0 && (
          <Banner
            tone="warning"
            title={result?.ok && result.via === "stripe" ? "Some payouts were not sent to Stripe" : "Some payouts were not marked paid"}
          >
            <p>
              {`${failures.length} ${failures.length === 1 ? "payout" : "payouts"} skipped${
                held.length > 0 ? `, ${held.length} on hold (${countPayoutHolds(held)})` : ""
              }:`}
            </p>
            <ul>
              {failures.map((f) => (
                <li
                  key={f.payoutId}
                >{`${labelOf(f.payoutId) ? `${labelOf(f.payoutId)}: ` : ""}${f.outcome === "error" ? f.message : ""}`}</li>
              ))}
            </ul>
          </Banner>
        )}
        <Card padding="0">
          <Tabs
            tabs={PAYOUT_TABS.map((tab) => ({
              id: tab,
              content: tab === "all" ? "All" : PAYOUT_STATUS_LABEL[tab],
              url: tab === "all" ? "?" : `?status=${tab}`,
            }))}
            selected={tabIndex}
            onSelect={(index) => navigate(PAYOUT_TABS[index] === "all" ? "/app/payouts" : `/app/payouts?status=${PAYOUT_TABS[index]}`)}
          />
          {rows.length === 0 ? (
            <EmptyState
              heading={
                hold
                  ? "No payouts on hold for this reason"
                  : status === "all"
                    ? "No payouts yet"
                    : `No ${PAYOUT_STATUS_LABEL[status]?.toLowerCase()} payouts`
              }
              image=""
            >
              <p>Generate payouts for everything payable, or pay one creator from their page.</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "payout", plural: "payouts" }}
              itemCount={rows.length}
              selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
              onSelectionChange={handleSelectionChange}
              promotedBulkActions={[
                { content: "Mark paid offline", onAction: () => setPaying(true) },
                {
                  content: "Pay with Stripe",
                  onAction: () => {
                    submit(selectedForm({ intent: "pay_stripe" })(), { method: "post" });
                    clearSelection();
                  },
                },
              ]}
              loading={navigation.state === "loading"}
              condensed={condensed}
              headings={[
                { title: "Invoice" },
                { title: "Creator" },
                { title: "Status" },
                { title: "Amount", alignment: "end" },
                { title: "Created" },
              ]}
            >
              {rows.map((payout, index) => (
                <IndexTable.Row id={payout.id} key={payout.id} position={index} selected={selectedResources.includes(payout.id)}>
                  <IndexRowCells
                    condensed={condensed}
                    cells={[
                      {
                        heading: "Invoice",
                        content: (
                          <Text as="span" fontWeight="semibold">
                            <Link url={`/app/payouts/${payout.id}`} dataPrimaryLink monochrome removeUnderline>
                              {payout.invoiceLabel ?? "Draft"}
                            </Link>
                          </Text>
                        ),
                      },
                      { heading: "Creator", content: payout.creatorName },
                      {
                        heading: "Status",
                        content: (
                          <InlineStack gap="100">
                            <Badge tone={PAYOUT_STATUS_TONE[payout.status]}>{PAYOUT_STATUS_LABEL[payout.status]}</Badge>
                            {/* Which rule holds it (the payout's page gives the sentence). */}
                            {(holds[payout.id] ?? []).map((h) => (
                              <Badge key={h.code} tone="warning">{`On hold: ${PAYOUT_HOLD_REASONS[h.code].label}`}</Badge>
                            ))}
                          </InlineStack>
                        ),
                      },
                      {
                        heading: "Amount",
                        alignment: "end",
                        content: formatMoney({ amountMinor: payout.amountMinor, currency: payout.currency }),
                      },
                      { heading: "Created", content: formatShopDate(payout.createdAt, timezone) },
                    ]}
                  />
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
        </Card>
        {paying && selectedResources.length > 0 && (
          <Card>
            <Form
              method="post"
              aria-label="Mark selected payouts paid offline"
              onSubmit={() => {
                setPaying(false);
                clearSelection();
              }}
            >
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Mark {selectedResources.length} {selectedResources.length === 1 ? "payout" : "payouts"} paid offline
                </Text>
                {selectedResources.map((id) => (
                  <input key={id} type="hidden" name="payoutId" value={id} />
                ))}
                <InlineStack gap="300" wrap>
                  <OfflinePaymentFields today={today} fieldErrors={fieldErrors} />
                </InlineStack>
                <InlineStack gap="200">
                  <ConfirmActionButton
                    variant="primary"
                    title={`Mark ${countOf(selectedResources.length, "payout", "payouts")} as paid?`}
                    body="Only if you have sent the money yourself: each payout becomes paid with this method, reference and date, and its creator is told. This cannot be undone."
                  >
                    Mark paid
                  </ConfirmActionButton>
                  <Button onClick={() => setPaying(false)}>Cancel</Button>
                </InlineStack>
              </BlockStack>
            </Form>
          </Card>
        )}
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              Exports
            </Text>
            <Text as="p" tone="subdued">
              Accounting files for this tab, and bank files for ready offline payouts (
              {selectedResources.length > 0 ? `${selectedResources.length} selected` : "all ready payouts"}).
            </Text>
            <InlineStack gap="300" wrap>
              <DownloadButton fullWidth={false} url={`/app/exports/payouts.csv?status=${status}`} filename="payouts.csv">
                Payouts CSV
              </DownloadButton>
              <DownloadButton fullWidth={false} url="/app/exports/audit-log.csv" filename="audit-log.csv">
                Audit log CSV
              </DownloadButton>
              <DownloadButton fullWidth={false} url="/app/exports/paypal-payouts.csv" filename="paypal-payouts.csv" form={selectedForm()}>
                PayPal Payouts CSV
              </DownloadButton>
              {/* US shops: the year's Form 1099-NEC data for an e-filing service (README "Tax forms"). */}
              <DownloadButton
                fullWidth={false}
                url={`/app/exports/1099-nec.csv?year=${today.slice(0, 4)}`}
                filename={`1099-nec-${today.slice(0, 4)}.csv`}
              >
                {`1099-NEC CSV (${today.slice(0, 4)})`}
              </DownloadButton>
            </InlineStack>
            <InlineStack gap="300" blockAlign="end" wrap>
              <TextField label="Your account holder name (SEPA)" value={debtorName} onChange={setDebtorName} autoComplete="off" />
              <TextField label="Your IBAN (SEPA)" value={debtorIban} onChange={setDebtorIban} autoComplete="off" />
              <DownloadButton
                fullWidth={false}
                url="/app/exports/sepa.xml"
                filename="sepa-credit-transfer.xml"
                form={selectedForm({ debtorName, debtorIban })}
              >
                SEPA credit transfer (EUR)
              </DownloadButton>
            </InlineStack>
          </BlockStack>
        </Card>
        <InlineStack align="center">
          <Pagination
            hasNext={!!page.nextCursor}
            nextURL={
              page.nextCursor ? `?${new URLSearchParams({ ...Object.fromEntries(searchParams), after: page.nextCursor })}` : undefined
            }
            hasPrevious={searchParams.has("after")}
            previousURL={searchParams.has("after") ? (status === "all" ? "?" : `?status=${status}`) : undefined}
            accessibilityLabels={{ previous: "First payouts", next: "Next payouts" }}
          />
        </InlineStack>
      </BlockStack>
    </Page>
  );
}
