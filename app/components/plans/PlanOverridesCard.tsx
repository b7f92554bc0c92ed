import { useAppBridge } from "@shopify/app-bridge-react";
import { BlockStack, Button, Card, InlineError, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { shopifyNumericId } from "~/plans/plan-form-schema";
import type { OverrideRow, PlanFormValues } from "./plan-form-values";

type Target = OverrideRow["target"];
const TARGET_LABEL: Record<Target, string> = { product: "Product", collection: "Collection" };

/**
 * Shopify's resource picker (App Bridge), embedded in the admin only: it returns products or
 * collections with their GIDs and titles. Rendered only when App Bridge is there, since
 * useAppBridge throws without it.
 */
function ResourcePickerButtons({ onPicked }: { onPicked: (rows: OverrideRow[]) => void }) {
  const shopify = useAppBridge();
  const pick = async (target: Target) => {
    const selection = await shopify.resourcePicker({ type: target, multiple: true, action: "add" });
    if (!selection) return;
    onPicked(selection.map((resource) => ({ target, id: resource.id, title: resource.title ?? "", value: "" })));
  };
  return (
    <InlineStack gap="200">
      <Button onClick={() => void pick("product")}>Add products</Button>
      <Button onClick={() => void pick("collection")}>Add collections</Button>
    </InlineStack>
  );
}

/** Outside Shopify (demo mode, browser tests) there is no picker: a product or collection id typed by hand. */
function ManualOverrideEntry({ onAdd }: { onAdd: (row: OverrideRow) => void }) {
  const [target, setTarget] = useState<Target>("product");
  const [id, setId] = useState("");
  return (
    <InlineStack gap="200" blockAlign="end" wrap>
      <Select
        label="Override for"
        value={target}
        onChange={(v) => setTarget(v === "collection" ? "collection" : "product")}
        options={[
          { label: "A product", value: "product" },
          { label: "A collection", value: "collection" },
        ]}
      />
      <div style={{ flex: "1 1 16rem" }}>
        <TextField
          label={`${TARGET_LABEL[target]} id`}
          value={id}
          onChange={setId}
          placeholder={`gid://shopify/${TARGET_LABEL[target]}/123 or 123`}
          helpText="The resource picker needs the Shopify admin; here, enter the id."
          autoComplete="off"
        />
      </div>
      <Button
        disabled={id.trim() === ""}
        onClick={() => {
          onAdd({ target, id: id.trim(), title: "", value: "" });
          setId("");
        }}
      >
        Add override
      </Button>
    </InlineStack>
  );
}

/** Product and collection overrides: each with its own rate (percentage plans) or amount (flat plans). */
export function PlanOverridesCard({
  values,
  setOverrides,
  errors,
  currency,
  pickerAvailable,
}: {
  values: PlanFormValues;
  setOverrides: (overrides: OverrideRow[]) => void;
  errors: Record<string, string>;
  currency: string;
  pickerAvailable: boolean;
}) {
  const rows = values.overrides;
  const add = (added: OverrideRow[]) =>
    setOverrides([...rows, ...added.filter((a) => !rows.some((r) => r.target === a.target && r.id === a.id))]);
  const percentage = values.kind === "percentage";
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Product and collection overrides
        </Text>
        <Text as="p" tone="subdued">
          {percentage
            ? "A product's own rate wins, then the first matching collection's, then the plan rate."
            : "An order with an overridden product earns that amount instead (the largest, when several match)."}
        </Text>
        {errors.overrides && <InlineError message={errors.overrides} fieldID="plan-overrides" />}
        {rows.length === 0 && (
          <Text as="p" tone="subdued">
            No overrides: every product earns by the plan&apos;s terms.
          </Text>
        )}
        {rows.map((row, index) => {
          const name = row.title || `${TARGET_LABEL[row.target]} ${shopifyNumericId(row.id, row.target) ?? row.id}`;
          return (
            <BlockStack key={`${row.target}:${row.id}`} gap="100">
              <input type="hidden" name="overrideTarget" value={row.target} />
              <input type="hidden" name="overrideId" value={row.id} />
              <input type="hidden" name="overrideTitle" value={row.title} />
              <InlineStack gap="200" blockAlign="end" wrap>
                <div style={{ flex: "1 1 14rem" }}>
                  <TextField
                    label={`${percentage ? "Rate" : "Amount"} for ${row.title ? `${TARGET_LABEL[row.target].toLowerCase()} ${name}` : name}`}
                    name="overrideValue"
                    value={row.value}
                    suffix={percentage ? "%" : currency}
                    onChange={(value) => setOverrides(rows.map((r, i) => (i === index ? { ...r, value } : r)))}
                    error={errors[`overrides.${index}.value`]}
                    autoComplete="off"
                    inputMode="decimal"
                  />
                </div>
                <Button
                  tone="critical"
                  variant="plain"
                  accessibilityLabel={`Remove the override for ${name}`}
                  onClick={() => setOverrides(rows.filter((_, i) => i !== index))}
                >
                  Remove
                </Button>
              </InlineStack>
              {errors[`overrides.${index}.id`] && <InlineError message={errors[`overrides.${index}.id`]} fieldID={`override-${index}`} />}
            </BlockStack>
          );
        })}
        {pickerAvailable ? <ResourcePickerButtons onPicked={add} /> : <ManualOverrideEntry onAdd={(row) => add([row])} />}
      </BlockStack>
    </Card>
  );
}
