// The creator's deal page (DOMAIN.md §6): profile, balances, deals with fees and deliverables,
// adjustments, payout requests, commissions, orders and the transaction history.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Card,
    EmptyState,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Pagination,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { requireStaff } from "~/auth/require-staff.server";
import { AccessibleDataTable } from "~/components/AccessibleDataTable";
import { InlineForm, IntentButton } from "~/components/deal-page/InlineForm";
import { changeCreatorStatus } from "~/creators/change-creator-status.server";
import { decideApplication } from "~/creators/decide-application.server";
import { readCreatorApplication } from "~/creators/read-application.server";
import { inviteCreator } from "~/creators/invite-creator.server";
import { addDealComment } from "~/deals/add-deal-comment.server";
import { addFixedFee } from "~/deals/add-fixed-fee.server";
import { cancelFixedFee } from "~/deals/cancel-fixed-fee.server";
import { createDeal } from "~/deals/create-deal.server";
import { createDeliverable } from "~/deals/create-deliverable.server";
import { approveDeliverable, rejectDeliverable } from "~/deals/decide-deliverable.server";
import { approvePayoutRequest, rejectPayoutRequest } from "~/deals/decide-payout-request.server";
import { getDealPage } from "~/deals/get-deal-page.server";
import { postAdjustment } from "~/deals/post-adjustment.server";
import { requestPayout } from "~/deals/request-payout.server";
import { submitDeliverable } from "~/deals/submit-deliverable.server";
import { formatMoney, type DisplayMinor } from "~/domain/money";
import { attempt } from "~/lib/action-result.server";
import { issueOnboardingLink, revokeOnboardingLink } from "~/stripe/creator-onboarding-link.server";
import { readCreatorStripeState } from "~/stripe/read-creator-stripe-state.server";
import { RoiSummaryCard } from "~/components/reports/RoiSummaryCard";
import { readCreatorLifetimeRoi } from "~/reports/report-summaries.server";
import { BODY_LIMITS, readFormData } from "~/http/bounded-body.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  const historyCursor = new URL(request.url).searchParams.get("history");
  const page = await attempt(() => getDealPage(shop.id, params.creatorId!, { historyCursor, historyPageSize: 25 }));
  if ("ok" in page) throw new Response(page.message, { status: 404 });
  const [application, stripe, lifetime] = await Promise.all([
    readCreatorApplication(shop.id, params.creatorId!),
    readCreatorStripeState(shop.id, params.creatorId!),
    readCreatorLifetimeRoi(shop, params.creatorId!),
  ]);
  return { page, shopCurrency: shop.currency, application, stripe, lifetime };
};

const text = (form: FormData, name: string) => String(form.get(name) ?? "");
const optional = (form: FormData, name: string) => text(form, name).trim() || undefined;

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, actor } = await requireStaff(request);
  const form = await readFormData(request, BODY_LIMITS.adminForm);
  const creatorId = params.creatorId!;
  const intent = text(form, "intent");
  const done = (message: string) => ({ ok: true as const, intent, message, fieldErrors: {} as Record<string, string> });
  const result = await attempt(async () => {
    switch (intent) {
      case "create_deal":
        await createDeal(shop.id, { creatorId, title: text(form, "title") }, actor);
        return done("Deal created.");
      case "add_fee": {
        const fee = await addFixedFee(shop.id, { dealId: text(form, "dealId"), amount: text(form, "amount"), comment: text(form, "comment"), deliverableId: optional(form, "deliverableId") }, actor);
        return done(fee.status === "approved" ? "Fixed fee added: payable now." : "Fixed fee added: payable once the deliverable is approved.");
      }
      case "cancel_fee":
        await cancelFixedFee(shop.id, text(form, "feeId"), actor);
        return done("Fixed fee canceled.");
      case "create_deliverable":
        await createDeliverable(shop.id, text(form, "dealId"), { title: text(form, "title"), dueOn: optional(form, "dueOn") }, actor);
        return done("Deliverable added.");
      case "submit_deliverable":
        await submitDeliverable(shop.id, text(form, "deliverableId"), { contentUrl: text(form, "contentUrl") }, actor);
        return done("Submission recorded.");
      case "approve_deliverable":
        await approveDeliverable(shop.id, text(form, "deliverableId"), { note: optional(form, "note") }, actor);
        return done("Deliverable approved: its fees are payable.");
      case "reject_deliverable":
        await rejectDeliverable(shop.id, text(form, "deliverableId"), { note: text(form, "note") }, actor);
        return done("Deliverable rejected: the creator can resubmit.");
      case "post_adjustment":
        await postAdjustment(shop.id, { creatorId, amount: text(form, "amount"), reason: text(form, "reason") }, actor);
        return done("Adjustment posted.");
      case "request_payout":
        await requestPayout(shop.id, { creatorId, amount: text(form, "amount"), currency: text(form, "currency") || shop.currency, comment: optional(form, "comment") }, "merchant", actor);
        return done("Payout requested: approve it below or from Payouts.");
      case "approve_request": {
        const approved = await approvePayoutRequest(shop.id, text(form, "requestId"), actor);
        return done(`Request approved: payout ${approved.invoiceNumber ? `#${approved.invoiceNumber} ` : ""}created (${approved.payoutStatus.replace("_", " ")}).`);
      }
      case "reject_request":
        await rejectPayoutRequest(shop.id, text(form, "requestId"), actor, text(form, "note"));
        return done("Request rejected.");
      case "add_comment":
        await addDealComment(shop.id, text(form, "dealId"), { body: text(form, "body") }, actor);
        return done("Comment added.");
      case "approve_application":
      case "decline_application": {
        const decision = intent === "approve_application" ? "approve" : "decline";
        await decideApplication(shop.id, creatorId, decision, actor, optional(form, "note"));
        return done(decision === "approve" ? "Application approved: the creator is active and was emailed." : "Application declined: the applicant was emailed.");
      }
      case "invite":
        await inviteCreator(shop.id, creatorId, actor);
        return done("Invitation sent.");
      case "issue_onboarding_link":
        await issueOnboardingLink(shop.id, creatorId, actor);
        return done("New onboarding link created: the previous link no longer works.");
      case "revoke_onboarding_link":
        await revokeOnboardingLink(shop.id, creatorId, actor);
        return done("Onboarding link revoked: it no longer works.");
      case "pause":
      case "resume":
      case "archive":
        await changeCreatorStatus(shop.id, creatorId, intent, actor, optional(form, "reason"));
        return done(`Creator ${intent === "pause" ? "paused" : intent === "resume" ? "resumed" : "archived"}.`);
      default:
        return { ok: false as const, message: "Unknown action.", fieldErrors: {} };
    }
  });
  return { ...result, intent };
};

const STATUS_TONE: Record<string, "success" | "attention" | "info" | "warning" | "critical" | undefined> = {
  active: "success", invited: "info", applied: "attention", paused: "warning",
  approved: "success", awaiting_deliverable: "attention", paid: "success", canceled: undefined,
  open: "info", submitted: "attention", rejected: "critical", requested: "attention", held: "info", reversed: undefined,
};

const label = (status: string) => status.replace(/_/g, " ");

/** Which deliverable, if any, a new fee waits for. */
function GateSelect({ deliverables }: { deliverables: { id: string; title: string }[] }) {
  const [value, setValue] = useState("");
  return (
    <Select
      label="Payable when"
      name="deliverableId"
      value={value}
      onChange={setValue}
      options={[{ label: "Now (no deliverable)", value: "" }, ...deliverables.map((d) => ({ label: `"${d.title}" is approved`, value: d.id }))]}
    />
  );
}

export default function DealPageRoute() {
  const { page, application, stripe, lifetime, shopCurrency } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { creator } = page;
  const errorsFor = (intent: string) => (result && !result.ok && result.intent === intent ? result.fieldErrors : {});
  const money = (amountMinor: DisplayMinor, currency: string) => formatMoney({ amountMinor, currency });
  const openRequests = page.payoutRequests.filter((r) => r.status === "requested");

  return (
    <Page
      title={creator.name}
      titleMetadata={<Badge tone={STATUS_TONE[creator.status]}>{label(creator.status)}</Badge>}
      subtitle={`${creator.email}${creator.socialHandle ? ` · ${creator.socialHandle}` : ""} · ref ${creator.referralCode}`}
      backAction={{ content: "Creators", url: "/app/creators" }}
      secondaryActions={[{ content: "Edit", url: `/app/creators/${creator.id}/edit` }]}
    >
      <Layout>
        {result && (
          <Layout.Section>
            <Banner tone={result.ok ? "success" : "critical"} title={result.message} />
          </Layout.Section>
        )}
        {application && (
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">Application</Text>
                <Text as="p">Applied on {application.appliedAt.slice(0, 10)} through the creator portal.</Text>
                <Text as="p">{application.message ? application.message : "No message."}</Text>
                {creator.status === "applied" && (
                  <InlineStack gap="200">
                    <IntentButton intent="approve_application" label="Approve" variant="primary" />
                    <InlineForm intent="decline_application" submitLabel="Decline" tone="critical" errors={errorsFor("decline_application")} fields={[{ name: "note", label: "Note to the applicant" }]} />
                  </InlineStack>
                )}
              </BlockStack>
            </Card>
          </Layout.Section>
        )}
        {creator.status === "paused" && creator.statusReason && (
          <Layout.Section>
            <Banner tone="warning" title="Paused: earns nothing new">{creator.statusReason}</Banner>
          </Layout.Section>
        )}
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">Balances</Text>
                {page.balances.length === 0 ? (
                  <Text as="p" tone="subdued">Nothing earned yet.</Text>
                ) : (
                  page.balances.map((b) => (
                    <InlineGrid key={b.currency} columns={{ xs: 2, md: 6 }} gap="300">
                      {([
                        ["Payable", b.payableMinor],
                        ["Held", b.heldMinor],
                        ["Awaiting deliverables", b.gatedMinor],
                        ["In payouts", b.inPayoutMinor],
                        ["Paid", b.paidMinor],
                        ["Lifetime earnings", b.lifetimeEarningsMinor],
                      ] as [string, DisplayMinor][]).map(([name, amount]) => (
                        <BlockStack key={`${b.currency}-${name}`} gap="050">
                          <Text as="span" tone="subdued" variant="bodySm">{name} ({b.currency})</Text>
                          <Text as="span" variant="headingMd">{money(amount, b.currency)}</Text>
                        </BlockStack>
                      ))}
                    </InlineGrid>
                  ))
                )}
              </BlockStack>
            </Card>

            <RoiSummaryCard
              title="Lifetime value"
              sums={lifetime.sums}
              currency={shopCurrency}
              reportUrl="/app/reports?period=this_year&groupBy=creator"
              emptyText="No attributed orders or creator cost yet."
              revenueLabel="Lifetime value"
              figures={["revenue", "orders", "cost", "roi", "averageOrderValue"]}
            />

            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">Payout</Text>
                <Text as="p" tone="subdued">Request a payout up to the payable balance; approving it creates the payout.</Text>
                <InlineForm
                  intent="request_payout"
                  submitLabel="Request payout"
                  errors={errorsFor("request_payout")}
                  fields={[{ name: "amount", label: "Amount", placeholder: "e.g. 150.00" }, { name: "comment", label: "Comment" }]}
                  hidden={{ currency: page.balances[0]?.currency ?? "" }}
                />
                {openRequests.map((r) => (
                  <InlineStack key={r.id} gap="200" blockAlign="center" align="space-between">
                    <Text as="span">
                      {r.origin === "creator" ? "Creator" : "Merchant"} request: {money(r.amountMinor, r.currency)}
                      {r.comment ? ` — ${r.comment}` : ""}
                    </Text>
                    <InlineStack gap="200">
                      <IntentButton intent="approve_request" hidden={{ requestId: r.id }} label="Approve" variant="primary" />
                      <InlineForm intent="reject_request" hidden={{ requestId: r.id }} submitLabel="Reject" tone="critical" errors={errorsFor("reject_request")} fields={[{ name: "note", label: "Note to the creator" }]} />
                    </InlineStack>
                  </InlineStack>
                ))}
              </BlockStack>
            </Card>

            {page.deals.length === 0 ? (
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">Deals</Text>
                  <Text as="p" tone="subdued">A deal holds fixed fees and deliverables for a collaboration.</Text>
                  <InlineForm intent="create_deal" submitLabel="Create deal" errors={errorsFor("create_deal")} fields={[{ name: "title", label: "Deal title", placeholder: "Spring launch collaboration" }]} />
                </BlockStack>
              </Card>
            ) : (
              page.deals.map((deal) => {
                const fees = page.fixedFees.filter((f) => f.dealId === deal.id);
                const deliverables = page.deliverables.filter((d) => d.dealId === deal.id);
                return (
                  <Card key={deal.id}>
                    <BlockStack gap="400">
                      <InlineStack align="space-between">
                        <Text as="h2" variant="headingMd">{deal.title}</Text>
                        <Text as="span" tone="subdued">{deal.campaign?.name ?? "No campaign"} · {deal.commissionPlan?.name ?? "Default plan"}</Text>
                      </InlineStack>

                      <BlockStack gap="200">
                        <Text as="h3" variant="headingSm">Fixed fees</Text>
                        {fees.length === 0 && <Text as="p" tone="subdued">No fixed fees yet.</Text>}
                        {fees.map((fee) => (
                          <InlineStack key={fee.id} align="space-between" blockAlign="center">
                            <Text as="span">
                              {money(fee.amountMinor, fee.currency)} — {fee.comment ?? "Fixed fee"}{" "}
                              <Badge tone={STATUS_TONE[fee.status]}>{label(fee.status)}</Badge>
                            </Text>
                            {(fee.status === "approved" || fee.status === "awaiting_deliverable") && (
                              <IntentButton intent="cancel_fee" hidden={{ feeId: fee.id }} label="Cancel fee" tone="critical" />
                            )}
                          </InlineStack>
                        ))}
                        <InlineForm
                          intent="add_fee"
                          submitLabel="Add fixed fee"
                          errors={errorsFor("add_fee")}
                          hidden={{ dealId: deal.id }}
                          fields={[
                            { name: "amount", label: "Amount", placeholder: "500.00" },
                            { name: "comment", label: "Comment", placeholder: "TikTok post" },
                          ]}
                        >
                          <GateSelect deliverables={deliverables.filter((d) => d.status !== "approved")} />
                        </InlineForm>
                      </BlockStack>

                      <BlockStack gap="200">
                        <Text as="h3" variant="headingSm">Deliverables</Text>
                        {deliverables.length === 0 && <Text as="p" tone="subdued">No deliverables yet.</Text>}
                        {deliverables.map((d) => (
                          <BlockStack key={d.id} gap="150">
                            <InlineStack align="space-between" blockAlign="center">
                              <Text as="span" fontWeight="semibold">
                                {d.title} {d.dueOn ? `(due ${d.dueOn})` : ""} <Badge tone={STATUS_TONE[d.status]}>{label(d.status)}</Badge>
                              </Text>
                            </InlineStack>
                            {d.submissions.map((s) => (
                              <Text key={s.id} as="p" variant="bodySm">
                                Submitted {s.submittedAt.slice(0, 10)}: <a href={s.contentUrl} target="_blank" rel="noreferrer">{s.contentUrl}</a>
                              </Text>
                            ))}
                            {d.decisions.map((decision) => (
                              <Text key={decision.id} as="p" variant="bodySm" tone="subdued">
                                {label(decision.decision)} by {decision.decidedBy} on {decision.decidedAt.slice(0, 10)}{decision.note ? `: ${decision.note}` : ""}
                              </Text>
                            ))}
                            {(d.status === "open" || d.status === "rejected") && (
                              <InlineForm intent="submit_deliverable" hidden={{ deliverableId: d.id }} submitLabel="Record submission" errors={errorsFor("submit_deliverable")} fields={[{ name: "contentUrl", label: "Content link", type: "url", placeholder: "https://" }]} />
                            )}
                            {d.status === "submitted" && (
                              <InlineStack gap="200" blockAlign="end">
                                <InlineForm intent="approve_deliverable" hidden={{ deliverableId: d.id }} submitLabel="Approve" errors={errorsFor("approve_deliverable")} fields={[{ name: "note", label: "Note (optional)" }]} />
                                <InlineForm intent="reject_deliverable" hidden={{ deliverableId: d.id }} submitLabel="Reject" tone="critical" errors={errorsFor("reject_deliverable")} fields={[{ name: "note", label: "What to change" }]} />
                              </InlineStack>
                            )}
                          </BlockStack>
                        ))}
                        <InlineForm intent="create_deliverable" hidden={{ dealId: deal.id }} submitLabel="Add deliverable" errors={errorsFor("create_deliverable")} fields={[{ name: "title", label: "Title", placeholder: "Instagram reel" }, { name: "dueOn", label: "Due", type: "date" }]} />
                      </BlockStack>

                      <BlockStack gap="200">
                        <Text as="h3" variant="headingSm">Comments</Text>
                        {deal.comments.map((c) => (
                          <Text key={c.id} as="p" variant="bodySm">
                            <strong>{c.author}</strong> ({c.createdAt.slice(0, 10)}): {c.body}
                          </Text>
                        ))}
                        <InlineForm intent="add_comment" hidden={{ dealId: deal.id }} submitLabel="Comment" errors={errorsFor("add_comment")} fields={[{ name: "body", label: "Add a comment" }]} />
                      </BlockStack>
                    </BlockStack>
                  </Card>
                );
              })
            )}

            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">Transaction history</Text>
                {page.history.rows.length === 0 ? (
                  <EmptyState heading="No money has moved yet" image="">
                    <p>Commissions, fees, adjustments and payouts appear here with the balance after each.</p>
                  </EmptyState>
                ) : (
                  <AccessibleDataTable
                label="Transaction history"
                    columnContentTypes={["text", "text", "text", "numeric", "numeric"]}
                    headings={["When", "How", "Who", "Amount", "Payable after"]}
                    rows={page.history.rows.map((row) => [
                      row.postedAt.slice(0, 16).replace("T", " "),
                      row.description,
                      row.who.label,
                      money(row.amountMinor !== 0 ? row.amountMinor : (row.movedMinor ?? 0), row.currency),
                      money(row.payableAfterMinor, row.currency),
                    ])}
                  />
                )}
                <InlineStack align="center">
                  <Pagination hasNext={!!page.history.nextCursor} nextURL={page.history.nextCursor ? `?history=${page.history.nextCursor}` : undefined} hasPrevious={false} accessibilityLabels={{ next: "Older transactions", previous: "Newer transactions" }} />
                </InlineStack>
              </BlockStack>
            </Card>

            <Card padding="0">
              <BlockStack gap="0">
                <div style={{ padding: "var(--p-space-400)" }}>
                  <Text as="h2" variant="headingMd">Attributed orders</Text>
                </div>
                {page.orders.length === 0 ? (
                  <div style={{ padding: "var(--p-space-400)" }}>
                    <Text as="p" tone="subdued">No orders credited to this creator yet.</Text>
                  </div>
                ) : (
                  <AccessibleDataTable
                label="Attributed orders"
                    columnContentTypes={["text", "text", "text", "numeric", "text"]}
                    headings={["Order", "Date", "How", "Commission", "Status"]}
                    rows={page.orders.map((o) => [
                      o.orderName,
                      o.orderedAt.slice(0, 10),
                      o.attributionSource ? label(o.attributionSource) : "—",
                      o.commission ? money(o.commission.amountMinor, o.currency) : "—",
                      o.commission ? label(o.commission.status) : (o.notEarningReason ?? "—"),
                    ])}
                  />
                )}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>

        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">Profile</Text>
                <Text as="p">Invitation: {creator.invitationAccepted ? "accepted" : creator.status === "invited" ? "not accepted yet" : "—"}</Text>
                <Text as="p">Payout details: {label(creator.payoutDetailsStatus)}{creator.payoutMethod ? ` (${label(creator.payoutMethod)})` : ""}</Text>
                <Text as="p">Discount codes: {creator.discountCodes.join(", ") || "none"}</Text>
                <Text as="p">Tax: {creator.taxCountry ?? "country not given"}{creator.taxFormOnFile ? ", form on file" : ""}</Text>
                {creator.tags.length > 0 && <Text as="p">Tags: {creator.tags.join(", ")}</Text>}
                {creator.notes && <Text as="p" tone="subdued">{creator.notes}</Text>}
                <InlineStack gap="200">
                  {creator.status === "invited" && <IntentButton intent="invite" label="Send invitation" />}
                  {creator.status === "paused" && <IntentButton intent="resume" label="Resume" />}
                  {creator.status !== "archived" && <IntentButton intent="archive" label="Archive" tone="critical" />}
                </InlineStack>
                {creator.status === "active" && (
                  <InlineForm intent="pause" submitLabel="Pause" errors={errorsFor("pause")} fields={[{ name: "reason", label: "Reason for pausing" }]} />
                )}
              </BlockStack>
            </Card>
            {stripe.connected && (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">Stripe</Text>
                  <Text as="p">
                    {stripe.transfersActive
                      ? "Ready to be paid with Stripe."
                      : stripe.accountId
                        ? "Onboarding not finished: Stripe cannot transfer to this creator yet."
                        : "Not onboarded with Stripe yet."}
                  </Text>
                  {stripe.requirementsDue.length > 0 && <Text as="p" tone="caution">Stripe still needs: {stripe.requirementsDue.join(", ")}</Text>}
                  {stripe.onboardingUrl ? (
                    <>
                      <TextField
                        label="Copy Stripe onboarding link"
                        value={stripe.onboardingUrl}
                        readOnly
                        autoComplete="off"
                        onChange={() => {}}
                        helpText={`Send it to the creator: it opens Stripe's onboarding in their browser. It works until ${new Date(stripe.onboardingLinkExpiresAt!).toLocaleDateString("en", { dateStyle: "medium", timeZone: "UTC" })}, or until you replace or revoke it.`}
                      />
                      {creator.status !== "archived" && creator.status !== "declined" && (
                        <InlineStack gap="200">
                          <IntentButton intent="issue_onboarding_link" label="Replace with a new link" />
                          <IntentButton intent="revoke_onboarding_link" label="Revoke link" tone="critical" />
                        </InlineStack>
                      )}
                    </>
                  ) : (
                    creator.status !== "archived" &&
                    creator.status !== "declined" && (
                      <>
                        <Text as="p" tone="subdued">No onboarding link is active. A new link stops any earlier one from working; the creator's portal also offers one.</Text>
                        <InlineStack gap="200">
                          <IntentButton intent="issue_onboarding_link" label="Create onboarding link" />
                        </InlineStack>
                      </>
                    )
                  )}
                  {stripe.bankPayouts.length > 0 && (
                    <AccessibleDataTable
                      label="Payouts to the creator's bank"
                      columnContentTypes={["text", "text", "numeric"]}
                      headings={["Arrival", "Status", "Amount"]}
                      rows={stripe.bankPayouts.map((p) => [p.arrivalDate ?? "—", p.failureMessage ? `${p.status}: ${p.failureMessage}` : p.status, formatMoney({ amountMinor: p.amountMinor, currency: p.currency })])}
                    />
                  )}
                </BlockStack>
              </Card>
            )}
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">Commissions</Text>
                {page.commissions.length === 0 ? (
                  <Text as="p" tone="subdued">No commissions yet.</Text>
                ) : (
                  page.commissions.map((c) => (
                    <InlineStack key={`${c.status}-${c.currency}`} align="space-between">
                      <Text as="span">{label(c.status)} ({c.count})</Text>
                      <Text as="span" numeric>{money(c.amountMinor, c.currency)}</Text>
                    </InlineStack>
                  ))
                )}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">Adjustment</Text>
                <Text as="p" tone="subdued">A bonus or a correction, payable at once. Use a minus sign to deduct.</Text>
                <InlineForm intent="post_adjustment" submitLabel="Post adjustment" errors={errorsFor("post_adjustment")} fields={[{ name: "amount", label: "Amount", placeholder: "25.00 or -12.50" }, { name: "reason", label: "Reason" }]} />
                {page.adjustments.map((a) => (
                  <Text key={a.id} as="p" variant="bodySm">
                    {money(a.amountMinor, a.currency)} — {a.reason} ({a.createdAt.slice(0, 10)})
                  </Text>
                ))}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">Payout requests</Text>
                {page.payoutRequests.length === 0 && <Text as="p" tone="subdued">None.</Text>}
                {page.payoutRequests.map((r) => (
                  <Text key={r.id} as="p" variant="bodySm">
                    {money(r.amountMinor, r.currency)} · {label(r.status)}
                    {r.payoutId ? (
                      <>
                        {" "}· <Link to={`/app/payouts/${r.payoutId}`}>payout</Link>
                      </>
                    ) : null}
                    {r.decisionNote ? ` · ${r.decisionNote}` : ""}
                  </Text>
                ))}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
