import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, Banner, BlockStack, Card, EmptyState, IndexTable, InlineStack, Link, Page, ProgressBar, Text } from "@shopify/polaris";
import { requireStaff } from "~/auth/require-staff.server";
import { AccessibleDataTable } from "~/components/AccessibleDataTable";
import { ConfirmActionButton } from "~/components/ConfirmActionButton";
import { useActionToast } from "~/components/Feedback";
import { countOf } from "~/domain/plural";
import { PAYOUT_STATUS_LABEL, PAYOUT_STATUS_TONE } from "~/components/payout-status";
import { IndexRowCells, useCondensedTable } from "~/components/IndexRowCells";
import { formatMoney } from "~/domain/money";
import { unknownIntent } from "~/forms/intent-registry";
import { actionResponse, attempt, failureFrom, refusalResponse } from "~/lib/action-result.server";
import { cancelPayoutRun } from "~/payout-runs/cancel-payout-run.server";
import { PAYOUT_RUN_STATUS_LABEL, PAYOUT_RUN_STATUS_TONE } from "~/payout-runs/payout-run-labels";
import { getPayoutRun } from "~/payout-runs/read-payout-runs.server";
import { BODY_LIMITS, readFormData } from "~/http/bounded-body.server";
import { useRefreshWhile } from "~/components/useRefreshWhile";
import { db } from "~/db.server";
import { countPayoutHolds, PAYOUT_HOLD_REASONS, type PayoutHold } from "~/domain/payout-holds";
import { readPayoutHolds } from "~/payouts/payout-holds.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  const run = await attempt(() => getPayoutRun(shop.id, params.runId!));
  if ("ok" in run) throw refusalResponse(run);
  // The run's payouts that a rule holds now (left ready, "by hand" ones included), and which rule.
  const open = run.payouts.filter((p) => ["draft", "pending_review", "ready", "failed"].includes(p.status)).map((p) => p.payoutId);
  const holds = open.length ? await readPayoutHolds(db(), shop.id, { payoutIds: open }) : new Map<string, PayoutHold[]>();
  return { run, holds: Object.fromEntries(holds) };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, actor } = await requireStaff(request);
  const form = await readFormData(request, BODY_LIMITS.adminForm);
  if (form.get("intent") !== "cancel") return actionResponse(failureFrom(unknownIntent(String(form.get("intent") ?? ""))));
  const result = await attempt(() => cancelPayoutRun(shop.id, params.runId!, actor));
  if ("ok" in result) return actionResponse(result);
  const kept = result.keptPayouts.length;
  const message =
    `Run canceled: ${result.canceledPayouts} ${result.canceledPayouts === 1 ? "payout" : "payouts"} canceled, their items are payable again.` +
    (kept > 0 ? ` ${kept} already being paid or paid ${kept === 1 ? "stays" : "stay"} as ${kept === 1 ? "it is" : "they are"}.` : "");
  return { ok: true as const, message };
};

export default function PayoutRunPage() {
  const { run, holds } = useLoaderData<typeof loader>();
  const heldLists = Object.values(holds).map((list) => list.map((hold) => hold.code));
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  useRefreshWhile(run.status === "running");
  const condensed = useCondensedTable();
  const progress =
    run.totalCreators === 0 ? (run.status === "running" ? 0 : 100) : Math.round((run.doneCreators * 100) / run.totalCreators);
  const stillCancelable = run.payouts.filter((p) => ["draft", "pending_review", "ready"].includes(p.status));
  // Only a run still at work (or one that stopped on an error) is canceled as a whole; a completed
  // run is history, and its payouts are canceled one by one from their own pages.
  const cancelable = run.status === "running" || (run.status === "failed" && stillCancelable.length > 0);
  useActionToast(result);

  return (
    <Page
      title={`Payout run ${run.from} – ${run.to}`}
      titleMetadata={<Badge tone={PAYOUT_RUN_STATUS_TONE[run.status]}>{PAYOUT_RUN_STATUS_LABEL[run.status]}</Badge>}
      subtitle={`${run.creatorId ? "One creator" : "All creators"} · ${run.honourMinimum ? "minimum honored" : "minimum overridden"} · started by ${run.createdBy}`}
      backAction={{ content: "Generate payouts", url: "/app/payouts/runs/new" }}
    >
      <BlockStack gap="400">
        {result && !result.ok && <Banner tone="critical" title={result.message} />}
        {run.status === "failed" && (
          <Banner tone="critical" title="The run stopped with an error">
            {run.error ?? "Unknown error."} Payouts it created are listed below.
          </Banner>
        )}
        {heldLists.length > 0 && (
          <Banner tone="warning" title={`${countOf(heldLists.length, "payout of this run is", "payouts of this run are")} on hold`}>
            {`${countPayoutHolds(heldLists)}. Not paid on any rail, by hand included, until the reason is resolved; each payout's page says why.`}
          </Banner>
        )}
        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">
              Progress
            </Text>
            <ProgressBar progress={progress} tone={run.status === "failed" ? "critical" : "primary"} animated={run.status === "running"} />
            <Text as="p" tone="subdued">
              {`${run.doneCreators} of ${run.totalCreators} creator balances worked through${run.status === "running" ? " — this page refreshes by itself." : "."}`}
            </Text>
            {run.rails.length > 0 && (
              <Text as="p">
                {`Paid on each creator's rail: ${run.rails
                  .map(
                    (line) =>
                      `${line.label} ${line.sent}${line.rail === "offline" ? " (ready to pay by hand)" : ""}${line.errors.length ? ` (${line.errors.length} not sent: ${line.errors.join(" ")})` : ""}`,
                  )
                  .join(" · ")}.`}
              </Text>
            )}
            {cancelable && (
              <InlineStack align="end">
                <ConfirmActionButton
                  destructive
                  loading={navigation.state === "submitting"}
                  fields={{ intent: "cancel" }}
                  title={`Cancel the payout run ${run.from} – ${run.to}?`}
                  body={`It stops creating payouts. ${
                    stillCancelable.length === 0
                      ? "It has created no payout that is not yet being paid."
                      : `${countOf(stillCancelable.length, "payout it created is", "payouts it created are")} canceled, and their items return to payable.`
                  } Payouts already being paid or paid stay as they are.`}
                >
                  Cancel run
                </ConfirmActionButton>
              </InlineStack>
            )}
          </BlockStack>
        </Card>
        <Card padding="0">
          {run.payouts.length === 0 ? (
            <EmptyState heading={run.status === "running" ? "No payouts yet" : "This run created no payouts"} image="">
              <p>{run.status === "running" ? "Payouts appear here as the run creates them." : "See below why each creator was skipped."}</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "payout", plural: "payouts" }}
              itemCount={run.payouts.length}
              selectable={false}
              condensed={condensed}
              headings={[{ title: "Payout" }, { title: "Creator" }, { title: "Status" }, { title: "Amount", alignment: "end" }]}
            >
              {run.payouts.map((p, index) => (
                <IndexTable.Row id={p.payoutId} key={p.payoutId} position={index}>
                  <IndexRowCells
                    condensed={condensed}
                    cells={[
                      {
                        heading: "Payout",
                        content: (
                          <Text as="span" fontWeight="semibold">
                            <Link url={`/app/payouts/${p.payoutId}`} dataPrimaryLink monochrome removeUnderline>
                              {p.invoiceLabel ?? "Draft"}
                            </Link>
                          </Text>
                        ),
                      },
                      { heading: "Creator", content: p.creatorName },
                      {
                        heading: "Status",
                        content: (
                          <InlineStack gap="100">
                            <Badge tone={PAYOUT_STATUS_TONE[p.status]}>{PAYOUT_STATUS_LABEL[p.status]}</Badge>
                            {(holds[p.payoutId] ?? []).map((hold) => (
                              <Badge key={hold.code} tone="warning">{`On hold: ${PAYOUT_HOLD_REASONS[hold.code].label}`}</Badge>
                            ))}
                          </InlineStack>
                        ),
                      },
                      { heading: "Amount", alignment: "end", content: formatMoney({ amountMinor: p.amountMinor, currency: p.currency }) },
                    ]}
                  />
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
        </Card>
        {run.skipped.length > 0 && (
          <Card padding="0">
            <AccessibleDataTable
              label="Creators skipped"
              columnContentTypes={["text", "text", "numeric", "text"]}
              headings={["Skipped", "Currency", "Balance", "Why"]}
              rows={run.skipped.map((s) => [
                s.creatorName,
                s.currency,
                formatMoney({ amountMinor: s.amountMinor, currency: s.currency }),
                s.reason,
              ])}
            />
          </Card>
        )}
      </BlockStack>
    </Page>
  );
}
