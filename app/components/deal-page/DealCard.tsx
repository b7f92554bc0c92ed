import { Badge, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { ConfirmActionButton } from "~/components/ConfirmActionButton";
import { InlineForm } from "./InlineForm";
import { STATUS_TONE, label } from "./status-labels";
import { money } from "./money";
import type { DealPage } from "~/deal-page/get-deal-page.server";
import type { ErrorsFor } from "./errors-for";
import { GateSelect } from "./GateSelect";
import { useShopTimeZone } from "~/components/ShopTimeZone";
import { formatShopDate } from "~/domain/calendar";
import type { PlanChoice } from "~/components/plans/PlanSelect";
import type { PlanInEffect } from "~/plans/plan-in-effect.server";
import { DealPlanField } from "./DealPlanField";

/** One deal: its fixed fees, deliverables with their submissions and decisions, and comments. */
export function DealCard({
  deal,
  fees,
  deliverables,
  errorsFor,
  plans,
  planInEffect,
}: {
  deal: DealPage["deals"][number];
  fees: DealPage["fixedFees"];
  deliverables: DealPage["deliverables"];
  errorsFor: ErrorsFor;
  plans: PlanChoice[];
  planInEffect: PlanInEffect;
}) {
  const timezone = useShopTimeZone();
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between">
          <Text as="h2" variant="headingMd">
            {deal.title}
          </Text>
          <Text as="span" tone="subdued">
            {deal.campaign ? `Campaign: ${deal.campaign.name}` : "No campaign"} · {deal.commissionPlan?.name ?? "No plan of its own"}
          </Text>
        </InlineStack>

        <DealPlanField
          dealId={deal.id}
          currentPlanId={deal.commissionPlan?.id ?? null}
          plans={plans}
          inEffect={planInEffect}
          error={errorsFor("set_deal_plan").commissionPlanId}
        />

        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            Fixed fees
          </Text>
          {fees.length === 0 && (
            <Text as="p" tone="subdued">
              No fixed fees yet.
            </Text>
          )}
          {fees.map((fee) => (
            <InlineStack key={fee.id} align="space-between" blockAlign="center">
              <Text as="span">
                {money(fee.amountMinor, fee.currency)} — {fee.comment ?? "Fixed fee"}{" "}
                <Badge tone={STATUS_TONE[fee.status]}>{label(fee.status)}</Badge>
              </Text>
              {(fee.status === "approved" || fee.status === "awaiting_deliverable") && (
                <ConfirmActionButton
                  destructive
                  size="slim"
                  fields={{ intent: "cancel_fee", feeId: fee.id }}
                  title={`Cancel the fee of ${money(fee.amountMinor, fee.currency)} for “${fee.comment ?? "Fixed fee"}”?`}
                  body="The creator will not be owed it any more. This cannot be undone: add a new fee if it was a mistake."
                >
                  Cancel fee
                </ConfirmActionButton>
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
          <Text as="h3" variant="headingSm">
            Deliverables
          </Text>
          {deliverables.length === 0 && (
            <Text as="p" tone="subdued">
              No deliverables yet.
            </Text>
          )}
          {deliverables.map((d) => (
            <BlockStack key={d.id} gap="150">
              <InlineStack align="space-between" blockAlign="center">
                <Text as="span" fontWeight="semibold">
                  {d.title} {d.dueOn ? `(due ${d.dueOn})` : ""} <Badge tone={STATUS_TONE[d.status]}>{label(d.status)}</Badge>
                </Text>
              </InlineStack>
              {d.submissions.map((s) => (
                <Text key={s.id} as="p" variant="bodySm">
                  Submitted {formatShopDate(s.submittedAt, timezone)}:{" "}
                  <a href={s.contentUrl} target="_blank" rel="noreferrer">
                    {s.contentUrl}
                  </a>
                </Text>
              ))}
              {d.decisions.map((decision) => (
                <Text key={decision.id} as="p" variant="bodySm" tone="subdued">
                  {label(decision.decision)} by {decision.decidedBy} on {formatShopDate(decision.decidedAt, timezone)}
                  {decision.note ? `: ${decision.note}` : ""}
                </Text>
              ))}
              {(d.status === "open" || d.status === "rejected") && (
                <InlineForm
                  intent="submit_deliverable"
                  hidden={{ deliverableId: d.id }}
                  submitLabel="Record submission"
                  errors={errorsFor("submit_deliverable")}
                  fields={[{ name: "contentUrl", label: "Content link", type: "url", placeholder: "https://" }]}
                />
              )}
              {d.status === "submitted" && (
                <InlineStack gap="200" blockAlign="end">
                  <InlineForm
                    intent="approve_deliverable"
                    hidden={{ deliverableId: d.id }}
                    submitLabel="Approve"
                    errors={errorsFor("approve_deliverable")}
                    fields={[{ name: "note", label: "Note (optional)" }]}
                  />
                  <InlineForm
                    intent="reject_deliverable"
                    hidden={{ deliverableId: d.id }}
                    submitLabel="Reject"
                    tone="critical"
                    errors={errorsFor("reject_deliverable")}
                    fields={[{ name: "note", label: "What to change" }]}
                  />
                </InlineStack>
              )}
            </BlockStack>
          ))}
          <InlineForm
            intent="create_deliverable"
            hidden={{ dealId: deal.id }}
            submitLabel="Add deliverable"
            errors={errorsFor("create_deliverable")}
            fields={[
              { name: "title", label: "Title", placeholder: "Instagram reel" },
              { name: "dueOn", label: "Due", type: "date" },
            ]}
          />
        </BlockStack>

        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            Comments
          </Text>
          {deal.comments.map((c) => (
            <Text key={c.id} as="p" variant="bodySm">
              <strong>{c.author}</strong> ({formatShopDate(c.createdAt, timezone)}): {c.body}
            </Text>
          ))}
          <InlineForm
            intent="add_comment"
            hidden={{ dealId: deal.id }}
            submitLabel="Comment"
            errors={errorsFor("add_comment")}
            fields={[{ name: "body", label: "Add a comment" }]}
          />
        </BlockStack>
      </BlockStack>
    </Card>
  );
}
