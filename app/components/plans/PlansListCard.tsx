import { Link } from "@remix-run/react";
import { Badge, Card, EmptyState, IndexTable, Text } from "@shopify/polaris";
import { describePlanTerms } from "~/plans/describe-plan";
import type { PlanSummary } from "~/plans/plans.server";

const uses = (plan: PlanSummary) =>
  plan.isShopDefault
    ? "Every creator and deal without a plan of its own"
    : plan.creatorCount + plan.dealCount === 0
      ? "Not assigned yet"
      : [
          plan.creatorCount ? `${plan.creatorCount} creator${plan.creatorCount === 1 ? "" : "s"}` : null,
          plan.dealCount ? `${plan.dealCount} deal${plan.dealCount === 1 ? "" : "s"}` : null,
        ]
          .filter(Boolean)
          .join(", ");

/** The shop's commission plans: terms, overrides and where each is used; each name links to its editor. */
export function PlansListCard({ plans }: { plans: PlanSummary[] }) {
  if (plans.length === 0) {
    return (
      <Card>
        <EmptyState heading="No commission plans yet" image="" action={{ content: "Create plan", url: "/app/plans/new" }}>
          <p>Plans set what a creator earns per order: a percentage or a flat amount, with product and collection overrides.</p>
        </EmptyState>
      </Card>
    );
  }
  return (
    <Card padding="0">
      <IndexTable
        resourceName={{ singular: "plan", plural: "plans" }}
        itemCount={plans.length}
        selectable={false}
        headings={[{ title: "Plan" }, { title: "Terms" }, { title: "Overrides" }, { title: "Used by" }]}
      >
        {plans.map((plan, index) => (
          <IndexTable.Row id={plan.id} key={plan.id} position={index}>
            <IndexTable.Cell>
              <Text as="span" fontWeight="semibold">
                <Link to={plan.isShopDefault ? "/app/settings" : `/app/plans/${plan.id}`}>{plan.name}</Link>
              </Text>{" "}
              {plan.isShopDefault && <Badge tone="info">Shop default</Badge>}
            </IndexTable.Cell>
            <IndexTable.Cell>
              {describePlanTerms(plan)}
              {plan.newCustomersOnly ? ", new customers only" : ""}
            </IndexTable.Cell>
            <IndexTable.Cell>{plan.overrideCount === 0 ? "None" : String(plan.overrideCount)}</IndexTable.Cell>
            <IndexTable.Cell>{uses(plan)}</IndexTable.Cell>
          </IndexTable.Row>
        ))}
      </IndexTable>
    </Card>
  );
}
