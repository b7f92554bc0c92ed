import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
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
  Select,
  Text,
  TextField,
  useIndexResourceState,
} from "@shopify/polaris";
import { useState } from "react";
import { IndexRowCells, useCondensedTable } from "~/components/IndexRowCells";
import { STATUS_TONE, label } from "~/components/deal-page/status-labels";
import { requireStaff } from "~/auth/require-staff.server";
import { ConfirmModal } from "~/components/ConfirmActionButton";
import { countOf } from "~/domain/plural";
import { changeCreatorStatuses } from "~/creators/change-creator-status.server";
import { inviteCreator } from "~/creators/invite-creator.server";
import { creatorListQuerySchema, listCreators } from "~/creators/list-creators.server";
import { isDomainError } from "~/domain/errors";
import { formatMoney } from "~/domain/money";
import { BODY_LIMITS, readFormData } from "~/http/bounded-body.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = creatorListQuerySchema.safeParse(params);
  if (!parsed.success) {
    return {
      page: { rows: [], nextCursor: null, previousCursor: null },
      errors: parsed.error.issues.map((issue) => issue.message),
      filtered: true,
    };
  }
  const filtered = !!(parsed.data.query || parsed.data.status || parsed.data.details);
  return { page: await listCreators(shop.id, parsed.data), errors: [] as string[], filtered };
};

/** Bulk actions on the selected creators; each creator succeeds or fails on its own. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireStaff(request);
  const form = await readFormData(request, BODY_LIMITS.adminForm);
  const ids = form.getAll("creatorId").map(String).slice(0, 250);
  const bulk = String(form.get("bulk"));
  if (bulk === "invite") {
    const outcomes = [];
    for (const id of ids) {
      try {
        await inviteCreator(shop.id, id, actor);
        outcomes.push({ creatorId: id, ok: true, message: "Invitation sent." });
      } catch (error) {
        if (!isDomainError(error)) throw error;
        outcomes.push({ creatorId: id, ok: false, message: error.message });
      }
    }
    return { outcomes };
  }
  if (bulk === "archive" || bulk === "resume") {
    return { outcomes: await changeCreatorStatuses(shop, ids, bulk, actor) };
  }
  return { outcomes: [{ creatorId: "", ok: false, message: "Choose an action for the selected creators." }] };
};

const STATUS_OPTIONS = [
  { label: "All statuses", value: "" },
  { label: "Active", value: "active" },
  { label: "Invited", value: "invited" },
  { label: "Applied", value: "applied" },
  { label: "Paused", value: "paused" },
  { label: "Declined", value: "declined" },
  { label: "Archived", value: "archived" },
];

function pageUrl(params: URLSearchParams, cursor: { after?: string; before?: string }) {
  const next = new URLSearchParams(params);
  next.delete("after");
  next.delete("before");
  if (cursor.after) next.set("after", cursor.after);
  if (cursor.before) next.set("before", cursor.before);
  return `?${next.toString()}`;
}

export default function CreatorsIndex() {
  const { page, errors, filtered } = useLoaderData<typeof loader>();
  const bulkResult = useActionData<typeof action>();
  const submit = useSubmit();
  const condensed = useCondensedTable();
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(page.rows);
  const runBulk = (bulk: string) => {
    const form = new FormData();
    form.set("bulk", bulk);
    for (const id of selectedResources) form.append("creatorId", id);
    submit(form, { method: "post" });
    clearSelection();
  };
  const [archiving, setArchiving] = useState(false);
  const selectedCount = allResourcesSelected ? page.rows.length : selectedResources.length;
  const failed = bulkResult?.outcomes.filter((o) => !o.ok) ?? [];
  const succeeded = bulkResult?.outcomes.filter((o) => o.ok) ?? [];
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [query, setQuery] = useState(searchParams.get("query") ?? "");
  const [status, setStatus] = useState(searchParams.get("status") ?? "");
  const [sort, setSort] = useState(searchParams.get("sort") ?? "name");
  const [details, setDetails] = useState(searchParams.get("details") ?? "");
  const loading = navigation.state === "loading" && navigation.location?.pathname === "/app/creators";

  return (
    <Page
      title="Creators"
      subtitle="Affiliates and paid collaborators of your store"
      primaryAction={{ content: "Add creator", url: "/app/creators/new" }}
      secondaryActions={[{ content: "Import", url: "/app/creators/import" }]}
    >
      <ConfirmModal
        open={archiving}
        onClose={() => setArchiving(false)}
        title={`Archive ${countOf(selectedCount, "creator", "creators")}?`}
        body="They earn nothing new from now on. What they are already owed stays payable."
        confirmLabel="Archive"
        destructive
        onConfirm={() => {
          setArchiving(false);
          runBulk("archive");
        }}
      />
      <BlockStack gap="400">
        {succeeded.length > 0 && (
          <Banner tone="success" title={`${succeeded.length} ${succeeded.length === 1 ? "creator" : "creators"} updated`} />
        )}
        {failed.length > 0 && (
          <Banner tone="warning" title="Some creators were not changed">
            <ul>
              {failed.map((o) => (
                <li key={o.creatorId}>{o.message}</li>
              ))}
            </ul>
          </Banner>
        )}
        {errors.length > 0 && (
          <Banner tone="critical" title="Some filters could not be applied">
            <ul>
              {errors.map((error) => (
                <li key={error}>{error}</li>
              ))}
            </ul>
          </Banner>
        )}
        <Card>
          <Form method="get" role="search" aria-label="Filter creators">
            <InlineStack gap="300" blockAlign="end" wrap>
              <div style={{ flex: "1 1 16rem" }}>
                <TextField
                  label="Search"
                  name="query"
                  value={query}
                  onChange={setQuery}
                  placeholder="Name, email, referral code or handle"
                  autoComplete="off"
                  clearButton
                  onClearButtonClick={() => setQuery("")}
                />
              </div>
              <Select label="Status" name="status" options={STATUS_OPTIONS} value={status} onChange={setStatus} />
              <Select
                label="Payout details"
                name="details"
                options={[
                  { label: "Any", value: "" },
                  { label: "Missing or incomplete", value: "missing" },
                  { label: "Complete", value: "complete" },
                ]}
                value={details}
                onChange={setDetails}
              />
              <Select
                label="Sort"
                name="sort"
                options={[
                  { label: "Name A–Z", value: "name" },
                  { label: "Newest first", value: "newest" },
                ]}
                value={sort}
                onChange={setSort}
              />
              <Button submit loading={loading}>
                Apply
              </Button>
            </InlineStack>
          </Form>
        </Card>
        <Card padding="0">
          {page.rows.length === 0 ? (
            <EmptyState heading={filtered ? "No creators match these filters" : "No creators yet"} image="">
              <p>{filtered ? "Try another search or status." : "Invite creators to start tracking their commissions and fees."}</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "creator", plural: "creators" }}
              itemCount={page.rows.length}
              selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
              onSelectionChange={handleSelectionChange}
              promotedBulkActions={[
                { content: "Send invitations", onAction: () => runBulk("invite") },
                { content: "Resume", onAction: () => runBulk("resume") },
              ]}
              bulkActions={[{ content: "Archive", onAction: () => setArchiving(true) }]}
              loading={loading}
              condensed={condensed}
              headings={[
                { title: "Creator" },
                { title: "Status" },
                { title: "Referral code" },
                { title: "Payable", alignment: "end" },
                { title: "Held", alignment: "end" },
                { title: "Payout details" },
              ]}
            >
              {page.rows.map((creator, index) => (
                <IndexTable.Row id={creator.id} key={creator.id} position={index} selected={selectedResources.includes(creator.id)}>
                  <IndexRowCells
                    condensed={condensed}
                    cells={[
                      {
                        heading: "Creator",
                        content: (
                          <BlockStack gap="050">
                            <Text as="span" variant="bodyMd" fontWeight="semibold">
                              <Link url={`/app/creators/${creator.id}`} dataPrimaryLink monochrome removeUnderline>
                                {creator.name}
                              </Link>
                            </Text>
                            <Text as="span" variant="bodySm" tone="subdued" breakWord>
                              {creator.email}
                              {creator.socialHandle ? ` · ${creator.socialHandle}` : ""}
                            </Text>
                          </BlockStack>
                        ),
                      },
                      { heading: "Status", content: <Badge tone={STATUS_TONE[creator.status]}>{label(creator.status)}</Badge> },
                      { heading: "Referral code", content: creator.referralCode },
                      {
                        heading: "Payable",
                        alignment: "end",
                        content:
                          creator.balances.length === 0
                            ? "—"
                            : creator.balances.map((b) => formatMoney({ amountMinor: b.payable, currency: b.currency })).join(" · "),
                      },
                      {
                        heading: "Held",
                        alignment: "end",
                        content:
                          creator.balances.length === 0
                            ? "—"
                            : creator.balances.map((b) => formatMoney({ amountMinor: b.held, currency: b.currency })).join(" · "),
                      },
                      {
                        heading: "Payout details",
                        content: (
                          <Badge tone={creator.payoutDetailsStatus === "complete" ? "success" : "warning"}>
                            {label(creator.payoutDetailsStatus)}
                          </Badge>
                        ),
                      },
                    ]}
                  />
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
        </Card>
        <InlineStack align="center">
          <Pagination
            hasPrevious={!!page.previousCursor}
            previousURL={page.previousCursor ? pageUrl(searchParams, { before: page.previousCursor }) : undefined}
            hasNext={!!page.nextCursor}
            nextURL={page.nextCursor ? pageUrl(searchParams, { after: page.nextCursor }) : undefined}
            accessibilityLabels={{ previous: "Previous creators", next: "Next creators" }}
          />
        </InlineStack>
      </BlockStack>
    </Page>
  );
}
