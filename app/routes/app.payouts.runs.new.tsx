import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  EmptyState,
  IndexTable,
  InlineStack,
  Link,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { requireStaff } from "~/auth/require-staff.server";
import { AccessibleDataTable } from "~/components/AccessibleDataTable";
import { IndexRowCells, useCondensedTable } from "~/components/IndexRowCells";
import { formatMoney } from "~/domain/money";
import { actionResponse, attempt } from "~/lib/action-result.server";
import { now } from "~/lib/clock.server";
import { PAYOUT_RUN_STATUS_LABEL, PAYOUT_RUN_STATUS_TONE } from "~/payout-runs/payout-run-labels";
import { previewPayoutRun } from "~/payout-runs/preview-payout-run.server";
import { listPayoutRuns, listRunCreatorOptions } from "~/payout-runs/read-payout-runs.server";
import { lastMonthRange } from "~/payout-runs/run-periods";
import { startPayoutRun } from "~/payout-runs/start-payout-run.server";
import { formatShopDateTime, todayInTimeZone } from "~/domain/calendar";
import { BODY_LIMITS, readFormData } from "~/http/bounded-body.server";
import { railLabel } from "~/rails/rail-labels";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  const [creators, recentRuns] = await Promise.all([listRunCreatorOptions(shop.id), listPayoutRuns(shop.id, { limit: 10 })]);
  return { defaults: lastMonthRange(todayInTimeZone(now(), shop.timezone)), timezone: shop.timezone, creators, recentRuns };
};

/** "preview" answers with the dry run; "start" starts the run and opens its page. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireStaff(request);
  const form = Object.fromEntries(await readFormData(request, BODY_LIMITS.adminForm)) as Record<string, string>;
  const runRequest = { from: form.from, to: form.to, creatorId: form.creatorId, honourMinimum: form.honourMinimum };
  if (form.intent === "start") {
    const started = await attempt(() => startPayoutRun(shop.id, runRequest, actor));
    if ("ok" in started) return actionResponse(started);
    throw redirect(`/app/payouts/runs/${started.runId}`);
  }
  const preview = await attempt(() => previewPayoutRun(shop.id, runRequest));
  if ("ok" in preview) return actionResponse(preview);
  return { ok: true as const, preview };
};

type RunFields = { from: string; to: string; creatorId: string; honourMinimum: boolean };
const fieldsKey = (fields: { from: string; to: string; creatorId: string | null; honourMinimum: boolean }) =>
  JSON.stringify([fields.from, fields.to, fields.creatorId || "", fields.honourMinimum]);

export default function NewPayoutRunPage() {
  const { defaults, timezone, creators, recentRuns } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const condensed = useCondensedTable();
  const busyIntent = navigation.state === "submitting" ? String(navigation.formData?.get("intent")) : null;
  const [fields, setFields] = useState<RunFields>({ ...defaults, creatorId: "", honourMinimum: true });
  const set =
    <K extends keyof RunFields>(key: K) =>
    (value: RunFields[K]) =>
      setFields((current) => ({ ...current, [key]: value }));
  const send = (intent: "preview" | "start") =>
    submit({ ...fields, honourMinimum: fields.honourMinimum ? "on" : "", intent }, { method: "post" });
  const fieldErrors: Record<string, string> = result && !result.ok ? result.fieldErrors : {};
  const preview = result?.ok ? result.preview : null;
  // Generating needs a preview of exactly what is in the form.
  const previewIsCurrent = preview !== null && fieldsKey(preview) === fieldsKey(fields);
  const money = (amountMinor: number, currency: string) => formatMoney({ amountMinor, currency });

  return (
    <Page title="Generate payouts" backAction={{ content: "Payouts", url: "/app/payouts" }}>
      <BlockStack gap="400">
        {result && !result.ok && (
          <Banner tone="critical" title="Check the run settings">
            {result.message}
          </Banner>
        )}
        <Card>
          <BlockStack gap="300">
            <Text as="p" tone="subdued">
              Pays what became payable in the range (dates in {timezone}), plus anything left over from before it. Clawbacks are always
              netted.
            </Text>
            <InlineStack gap="300" wrap>
              <TextField
                label="From"
                name="from"
                type="date"
                value={fields.from}
                onChange={set("from")}
                autoComplete="off"
                error={fieldErrors.from}
              />
              <TextField
                label="To"
                name="to"
                type="date"
                value={fields.to}
                onChange={set("to")}
                autoComplete="off"
                error={fieldErrors.to}
              />
              <Select
                label="Creators"
                name="creatorId"
                options={[
                  { label: "All creators", value: "" },
                  ...creators.map((c) => ({ label: c.status === "active" ? c.name : `${c.name} (${c.status})`, value: c.id })),
                ]}
                value={fields.creatorId}
                onChange={set("creatorId")}
                error={fieldErrors.creatorId}
              />
            </InlineStack>
            <Checkbox
              label="Honor the minimum payout"
              helpText="Untick to pay balances below the minimum, and currencies without one."
              checked={fields.honourMinimum}
              onChange={set("honourMinimum")}
            />
            <InlineStack align="end">
              <Button onClick={() => send("preview")} loading={busyIntent === "preview"}>
                Preview
              </Button>
            </InlineStack>
          </BlockStack>
        </Card>
        {preview && <PreviewCard preview={preview} money={money} />}
        {preview && (
          <InlineStack align="end" gap="200">
            {!previewIsCurrent && (
              <Text as="span" tone="caution">
                The settings changed since this preview: preview again.
              </Text>
            )}
            <Button
              variant="primary"
              onClick={() => send("start")}
              loading={busyIntent === "start"}
              disabled={!previewIsCurrent || preview.totals.every((t) => t.payoutCount === 0)}
            >
              Generate payouts
            </Button>
          </InlineStack>
        )}
        {recentRuns.length > 0 && (
          <Card padding="0">
            <IndexTable
              resourceName={{ singular: "payout run", plural: "payout runs" }}
              itemCount={recentRuns.length}
              selectable={false}
              condensed={condensed}
              headings={[{ title: "Recent runs" }, { title: "Status" }, { title: "Progress" }, { title: "Started" }]}
            >
              {recentRuns.map((run, index) => (
                <IndexTable.Row id={run.id} key={run.id} position={index}>
                  <IndexRowCells
                    condensed={condensed}
                    cells={[
                      {
                        heading: "Run",
                        content: (
                          <Text as="span" fontWeight="semibold">
                            <Link url={`/app/payouts/runs/${run.id}`} dataPrimaryLink monochrome removeUnderline>
                              {`${run.from} – ${run.to}`}
                            </Link>
                          </Text>
                        ),
                      },
                      {
                        heading: "Status",
                        content: <Badge tone={PAYOUT_RUN_STATUS_TONE[run.status]}>{PAYOUT_RUN_STATUS_LABEL[run.status]}</Badge>,
                      },
                      { heading: "Progress", content: `${run.doneCreators} of ${run.totalCreators}` },
                      { heading: "Started", content: `${formatShopDateTime(run.createdAt, timezone)} by ${run.createdBy}` },
                    ]}
                  />
                </IndexTable.Row>
              ))}
            </IndexTable>
          </Card>
        )}
      </BlockStack>
    </Page>
  );
}

type Preview = Awaited<ReturnType<typeof previewPayoutRun>>;

function PreviewCard({ preview, money }: { preview: Preview; money: (amountMinor: number, currency: string) => string }) {
  if (preview.rows.length === 0) {
    return (
      <Card>
        <EmptyState heading="Nothing to pay in this range" image="">
          <p>{`Nothing became payable between ${preview.from} and ${preview.to}${preview.creatorId ? " for this creator" : ""}. Try a wider range.`}</p>
        </EmptyState>
      </Card>
    );
  }
  return (
    <Card padding="0">
      <BlockStack gap="200">
        <AccessibleDataTable
          label="Recent runs"
          columnContentTypes={["text", "text", "numeric", "numeric", "text"]}
          headings={["Creator", "Currency", "Amount", "Items", "In this run"]}
          rows={preview.rows.map((row) => [
            row.creatorName,
            row.currency,
            money(row.amountMinor, row.currency),
            row.earlierItemCount > 0 ? `${row.itemCount} (${row.earlierItemCount} from earlier)` : String(row.itemCount),
            row.excluded ? (
              <Text as="span" tone="subdued" key="why">{`Excluded: ${row.excluded.reason}`}</Text>
            ) : (
              <InlineStack gap="200" blockAlign="center" key="yes">
                <Badge tone="success">Included</Badge>
                <Text as="span">{`on ${railLabel(row.rail)}`}</Text>
                {row.note && (
                  <Text as="span" tone="caution">
                    {row.note}
                  </Text>
                )}
                {row.holds?.map((hold) => (
                  <Text as="span" tone="caution" key={hold.code}>
                    {`Would wait: ${hold.sentence}`}
                  </Text>
                ))}
                {row.satisfiesRequests.length > 0 && (
                  <Text as="span">
                    {`Approves ${row.satisfiesRequests.length === 1 ? "the request" : `${row.satisfiesRequests.length} requests`} for ` +
                      row.satisfiesRequests.map((request) => money(request.amountMinor, row.currency)).join(", ")}
                  </Text>
                )}
              </InlineStack>
            ),
          ])}
        />
        <div style={{ padding: "0 16px 16px" }}>
          <BlockStack gap="100">
            <Text as="h2" variant="headingSm">
              Totals
            </Text>
            {preview.totals.map((total) => (
              <Text as="p" key={total.currency}>
                {`${total.currency}: ${total.payoutCount} ${total.payoutCount === 1 ? "payout" : "payouts"}, ${money(total.amountMinor, total.currency)}` +
                  (total.excludedCount > 0 ? ` · ${total.excludedCount} excluded` : "") +
                  (total.heldCount ? ` · ${total.heldCount} would be created but wait on a hold (not paid until resolved)` : "")}
              </Text>
            ))}
          </BlockStack>
        </div>
      </BlockStack>
    </Card>
  );
}
