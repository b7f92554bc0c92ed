import { BlockStack, Card, Checkbox, ChoiceList, FormLayout, Text, TextField } from "@shopify/polaris";
import type { PlanFormValues } from "./plan-form-values";

type Change = <K extends keyof PlanFormValues>(name: K, value: PlanFormValues[K]) => void;

/** Name, percentage or flat amount per order, and new-customer-only. */
export function PlanTermsCard({
  values,
  change,
  errors,
  currency,
}: {
  values: PlanFormValues;
  change: Change;
  errors: Record<string, string>;
  currency: string;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Terms
        </Text>
        <FormLayout>
          <TextField
            label="Name"
            name="name"
            value={values.name}
            onChange={(v) => change("name", v)}
            error={errors.name}
            autoComplete="off"
            requiredIndicator
          />
          <input type="hidden" name="kind" value={values.kind} />
          <ChoiceList
            title="Commission"
            choices={[
              { label: "A percentage of the eligible amount", value: "percentage" },
              { label: "A flat amount per order", value: "flat" },
            ]}
            selected={[values.kind]}
            onChange={([kind]) => change("kind", kind === "flat" ? "flat" : "percentage")}
            error={errors.kind}
          />
          {values.kind === "percentage" ? (
            <TextField
              label="Rate"
              name="rate"
              suffix="%"
              value={values.rate}
              onChange={(v) => change("rate", v)}
              error={errors.rate}
              helpText="0 to 100, with at most two decimals, e.g. 12.5."
              autoComplete="off"
              inputMode="decimal"
            />
          ) : (
            <TextField
              label="Amount per order"
              name="flatAmount"
              suffix={currency}
              value={values.flatAmount}
              onChange={(v) => change("flatAmount", v)}
              error={errors.flatAmount}
              helpText="Paid once per order with anything eligible."
              autoComplete="off"
              inputMode="decimal"
            />
          )}
          <input type="hidden" name="newCustomersOnly" value={String(values.newCustomersOnly)} />
          <Checkbox
            label="New customers only"
            helpText="Only a customer's first order earns a commission."
            checked={values.newCustomersOnly}
            onChange={(v) => change("newCustomersOnly", v)}
          />
        </FormLayout>
      </BlockStack>
    </Card>
  );
}

const EXCLUSIONS = [
  { name: "excludeShipping", label: "Shipping" },
  { name: "excludeTips", label: "Tips" },
  { name: "excludeGiftCards", label: "Gift cards" },
  { name: "excludeTaxes", label: "Taxes" },
] as const;

/** What the eligible amount leaves out (DOMAIN.md §4): each exclusion on or off. */
export function PlanExclusionsCard({ values, change }: { values: PlanFormValues; change: Change }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Excluded from the eligible amount
        </Text>
        <Text as="p" tone="subdued">
          The eligible amount is the order&apos;s line items after discounts; checked items are left out of it.
        </Text>
        {EXCLUSIONS.map((exclusion) => (
          <div key={exclusion.name}>
            <input type="hidden" name={exclusion.name} value={String(values[exclusion.name])} />
            <Checkbox label={exclusion.label} checked={values[exclusion.name]} onChange={(v) => change(exclusion.name, v)} />
          </div>
        ))}
      </BlockStack>
    </Card>
  );
}
