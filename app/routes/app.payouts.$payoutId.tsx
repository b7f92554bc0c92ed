import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
    InlineGrid,
  InlineStack,
  Layout,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { requireStaff } from "~/auth/require-staff.server";
import { now } from "~/lib/clock.server";
import { AccessibleDataTable } from "~/components/AccessibleDataTable";
import { DownloadButton } from "~/components/DownloadButton";
import { PAYOUT_STATUS_LABEL, PAYOUT_STATUS_TONE } from "~/components/payout-status";
import { formatMoney } from "~/domain/money";
import { attempt } from "~/lib/action-result.server";
import { acceptPayoutReview } from "~/payouts/accept-payout-review.server";
import { cancelPayout } from "~/payouts/cancel-payout.server";
import { markPayoutPaidOffline } from "~/payouts/mark-payout-paid-offline.server";
import { formatShopDate, todayInTimeZone } from "~/domain/calendar";
import { answerPayoutItemDispute } from "~/portal/actions/review-payout.server";
import { getPayoutOrThrow } from "~/payouts/read-payout.server";
import { removePayoutItem } from "~/payouts/remove-payout-item.server";
import { sendDraftPayout } from "~/payouts/send-draft-payout.server";
import { claimStripePayout } from "~/stripe/claim-stripe-payout.server";
import { readPayoutStripeState } from "~/stripe/read-payout-stripe-state.server";
import { BODY_LIMITS, readFormData } from "~/http/bounded-body.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  const payout = await attempt(() => getPayoutOrThrow(shop.id, params.payoutId!));
  if ("ok" in payout) throw new Response(payout.message, { status: 404 });
  const stripe = await readPayoutStripeState(shop.id, payout.id);
  return { payout, stripe, today: todayInTimeZone(now(), shop.timezone), timezone: shop.timezone };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, actor } = await requireStaff(request);
  const form = await readFormData(request, BODY_LIMITS.adminForm);
  const payoutId = params.payoutId!;
  const intent = String(form.get("intent"));
  const done = (message: string) => ({ ok: true as const, message });
  const result = await attempt(async () => {
    switch (intent) {
      case "send":
        await sendDraftPayout(shop.id, payoutId, actor);
        return done("Payout sent.");
      case "accept_review":
        await acceptPayoutReview(shop.id, payoutId, actor);
        return done("Review accepted: the payout is ready to pay.");
      case "cancel":
        await cancelPayout(shop.id, payoutId, actor, String(form.get("reason") ?? "") || undefined);
        return done("Payout canceled: its items are payable again.");
      case "pay_stripe":
        await claimStripePayout(shop.id, payoutId, actor);
        return done("Being paid: the Stripe transfer is on its way. This page shows the result when Stripe confirms it.");
      case "pay_offline":
        await markPayoutPaidOffline(shop.id, payoutId, actor, {
          method: String(form.get("method") ?? ""),
          reference: String(form.get("reference") ?? ""),
          paidOn: String(form.get("paidOn") ?? ""),
          note: String(form.get("note") ?? ""),
        });
        return done("Payout marked paid.");
      case "remove_item":
        await removePayoutItem(shop.id, String(form.get("payoutItemId")), actor, {
          disposition: form.get("disposition") === "reject" ? "reject" : "return_to_payable",
          reason: String(form.get("reason") ?? "") || undefined,
        });
        return done("Item removed from the payout.");
      case "answer_dispute":
        await answerPayoutItemDispute(shop.id, payoutId, String(form.get("payoutItemId")), String(form.get("answer") ?? ""), actor);
        return done("Answer sent: the creator was emailed that it is in their portal.");
      default:
        return { ok: false as const, message: "Unknown action.", fieldErrors: {} };
    }
  });
  return result;
};

function RemoveItemButton({ payoutItemId, disposition, busy }: { payoutItemId: string; disposition: "return_to_payable" | "reject"; busy: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="remove_item" />
      <input type="hidden" name="payoutItemId" value={payoutItemId} />
      <input type="hidden" name="disposition" value={disposition} />
      <Button submit size="micro" tone={disposition === "reject" ? "critical" : undefined} disabled={busy}>
        {disposition === "reject" ? "Reject" : "Remove (keep payable)"}
      </Button>
    </Form>
  );
}

/**
 * The creator's dispute note, the shop's answer, and a form to answer (or change the answer).
 * A refused answer (empty, too long) is shown in the page's banner.
 */
function DisputeAnswer({ payoutItemId, note, answer, busy }: { payoutItemId: string; note: string; answer: string | null; busy: boolean }) {
  const [text, setText] = useState("");
  return (
    <BlockStack gap="100">
      <Text as="span" tone="caution">Disputed: {note}</Text>
      {answer && <Text as="span" tone="subdued">Your answer: {answer}</Text>}
      <Form method="post" aria-label="Answer the creator's dispute">
        <input type="hidden" name="intent" value="answer_dispute" />
        <input type="hidden" name="payoutItemId" value={payoutItemId} />
        <InlineStack gap="200" blockAlign="end">
          <TextField label={answer ? "Change your answer" : "Answer the creator"} name="answer" value={text} onChange={setText} autoComplete="off" />
          <Button submit size="slim" disabled={busy || !text.trim()}>Send answer</Button>
        </InlineStack>
      </Form>
    </BlockStack>
  );
}

function Detail({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div style={{ marginBottom: "var(--p-space-200)" }}>
      <dt>
        <Text as="span" tone="subdued" variant="bodySm">{label}</Text>
      </dt>
      <dd style={{ margin: 0 }}>
        <Text as="span">{value || "—"}</Text>
      </dd>
    </div>
  );
}

export default function PayoutDetailPage() {
  const { payout, stripe, today, timezone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [method, setMethod] = useState("Bank transfer");
  const [reference, setReference] = useState("");
  const [paidOn, setPaidOn] = useState(today);
  const [note, setNote] = useState("");
  const fieldErrors: Record<string, string> = result && !result.ok ? result.fieldErrors : {};
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: payout.currency });
  const editable = ["draft", "pending_review", "ready"].includes(payout.status);
  const cancelable = ["draft", "pending_review", "ready", "failed"].includes(payout.status);

  return (
    <Page
      title={payout.invoiceLabel ?? "Draft payout"}
      subtitle={`${payout.creatorName} · ${money(payout.amountMinor)}`}
      titleMetadata={<Badge tone={PAYOUT_STATUS_TONE[payout.status]}>{PAYOUT_STATUS_LABEL[payout.status]}</Badge>}
      backAction={{ content: "Payouts", url: "/app/payouts" }}
      secondaryActions={[{ content: "Creator", url: `/app/creators/${payout.creatorId}` }]}
    >
      <Layout>
        {result && (
          <Layout.Section>
            <Banner tone={result.ok ? "success" : "critical"} title={result.message} />
          </Layout.Section>
        )}
        <Layout.Section>
          <BlockStack gap="400">
            <Card padding="0">
              <AccessibleDataTable
                label="Payout items"
                columnContentTypes={["text", "text", "numeric"]}
                headings={["Item", "State", "Amount"]}
                rows={payout.items.map((item) => [
                  <BlockStack gap="100" key={item.payoutItemId}>
                    <Text as="span">{item.label}</Text>
                    {item.disputeNote && (
                      <DisputeAnswer
                        payoutItemId={item.payoutItemId}
                        note={item.disputeNote}
                        answer={item.disputeAnswer}
                        busy={busy}
                      />
                    )}
                    {editable && item.state === "active" && (
                      <InlineStack gap="200">
                        <RemoveItemButton payoutItemId={item.payoutItemId} disposition="return_to_payable" busy={busy} />
                        {(item.kind === "commission" || item.kind === "fixed_fee") && (
                          <RemoveItemButton payoutItemId={item.payoutItemId} disposition="reject" busy={busy} />
                        )}
                      </InlineStack>
                    )}
                  </BlockStack>,
                  item.state,
                  money(item.amountMinor),
                ])}
                totals={["", "", money(payout.amountMinor)]}
                showTotalsInFooter
              />
            </Card>
            {stripe.connected && (payout.status === "ready" || payout.status === "failed" || stripe.attempts.length > 0) && (
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">Stripe</Text>
                  {payout.status === "processing" && <Banner tone="info" title="Being paid: waiting for Stripe to confirm the transfer." />}
                  {(payout.status === "ready" || payout.status === "failed") &&
                    (stripe.creatorCanReceive ? (
                      <Form method="post" aria-label="Pay with Stripe">
                        <input type="hidden" name="intent" value="pay_stripe" />
                        <Button submit variant="primary" loading={busy}>
                          {payout.status === "failed" ? "Retry with Stripe" : "Pay with Stripe"}
                        </Button>
                      </Form>
                    ) : (
                      <Banner tone="warning" title="Payout details missing">
                        The creator has not finished Stripe onboarding, so Stripe cannot transfer to them yet. Send them their Stripe onboarding link from their page, or pay offline.
                      </Banner>
                    ))}
                  {stripe.attempts.length > 0 && (
                    <AccessibleDataTable
                      label="Stripe attempts"
                      columnContentTypes={["numeric", "text", "text"]}
                      headings={["Attempt", "Status", "Result"]}
                      rows={stripe.attempts.map((a) => [String(a.attempt), a.status, a.transferId ?? a.errorMessage ?? "—"])}
                    />
                  )}
                </BlockStack>
              </Card>
            )}
            {payout.status === "ready" && (
              <Card>
                <Form method="post" aria-label="Mark paid offline">
                  <input type="hidden" name="intent" value="pay_offline" />
                  <BlockStack gap="300">
                    <Text as="h2" variant="headingMd">Mark paid offline</Text>
                    <InlineGrid columns={{ xs: 1, sm: 3 }} gap="300">
                      <TextField label="Method" name="method" value={method} onChange={setMethod} autoComplete="off" error={fieldErrors.method} />
                      <TextField label="Reference or receipt number" name="reference" value={reference} onChange={setReference} autoComplete="off" error={fieldErrors.reference} />
                      <TextField label="Payment date" name="paidOn" type="date" value={paidOn} onChange={setPaidOn} autoComplete="off" error={fieldErrors.paidOn} />
                    </InlineGrid>
                    <TextField label="Note to the creator" name="note" value={note} onChange={setNote} autoComplete="off" multiline={2} error={fieldErrors.note} />
                    <InlineStack align="end">
                      <Button submit variant="primary" loading={busy}>Mark paid</Button>
                    </InlineStack>
                  </BlockStack>
                </Form>
              </Card>
            )}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">Details</Text>
                <dl style={{ margin: 0 }}>
                    <Detail label="Creator" value={payout.creatorName} />
                    <Detail label="Currency" value={payout.currency} />
                    <Detail label="Created" value={`${formatShopDate(payout.createdAt, timezone)} by ${payout.createdBy}`} />
                    <Detail label="Balance after this payout" value={payout.balanceAfterMinor === null ? null : money(payout.balanceAfterMinor)} />
                    <Detail label="Comment" value={payout.comment} />
                    {payout.status === "paid" && (
                      <>
                        <Detail label="Paid" value={`${payout.paidOn ?? ""} · ${payout.channel === "offline" ? payout.offlineMethod : "Stripe"}`} />
                        <Detail label="Reference" value={payout.offlineReference} />
                        <Detail label="Processed by" value={payout.processedBy} />
                      </>
                    )}
                    {payout.statusReason && <Detail label="Reason" value={payout.statusReason} />}
                </dl>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">Actions</Text>
                {payout.invoiceLabel && (
                  <DownloadButton url={`/app/payouts/${payout.id}/invoice.pdf`} filename={`${payout.invoiceLabel}.pdf`}>
                    Download invoice
                  </DownloadButton>
                )}
                {payout.hasCreatorInvoice && (
                  <DownloadButton url={`/app/payouts/${payout.id}/creator-invoice`} filename={`creator-invoice-${payout.invoiceLabel ?? payout.id}`}>
                    Download the creator's invoice
                  </DownloadButton>
                )}
                {payout.status === "draft" && (
                  <Form method="post">
                    <input type="hidden" name="intent" value="send" />
                    <Button submit variant="primary" fullWidth loading={busy}>Send payout</Button>
                  </Form>
                )}
                {payout.status === "pending_review" && (
                  <Form method="post">
                    <input type="hidden" name="intent" value="accept_review" />
                    <Button submit fullWidth loading={busy}>Approve without the creator's review</Button>
                  </Form>
                )}
                {cancelable && (
                  <Form method="post">
                    <input type="hidden" name="intent" value="cancel" />
                    <Button submit tone="critical" fullWidth loading={busy}>Cancel payout</Button>
                  </Form>
                )}
                {!cancelable && payout.status !== "draft" && (
                  <Text as="p" tone="subdued">No actions: this payout is {PAYOUT_STATUS_LABEL[payout.status].toLowerCase()}.</Text>
                )}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
