import { BlockStack, Checkbox, InlineStack, Select, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { DiscountDefaults } from "~/discounts/discount-defaults";

/**
 * The terms of a creator's code in Shopify: the code (blank: generated from the name plus digits),
 * percentage or fixed amount off, minimum subtotal, once per customer and combinations.
 */
export function DiscountTermsFields({
  errors,
  currency,
  defaults,
  withCode = true,
}: {
  errors: Record<string, string>;
  currency: string;
  /** The shop's defaults (Settings); this form may override each. */
  defaults: DiscountDefaults;
  withCode?: boolean;
}) {
  const [code, setCode] = useState("");
  const [valueKind, setValueKind] = useState<string>(defaults.valueKind);
  const [value, setValue] = useState(defaults.value);
  const [minimumSubtotal, setMinimumSubtotal] = useState(defaults.minimumSubtotal);
  const [flags, setFlags] = useState({
    oncePerCustomer: defaults.oncePerCustomer,
    combinesWithOrderDiscounts: defaults.combinesWithOrderDiscounts,
    combinesWithProductDiscounts: defaults.combinesWithProductDiscounts,
    combinesWithShippingDiscounts: defaults.combinesWithShippingDiscounts,
  });
  const flag = (name: keyof typeof flags, label: string) => (
    <>
      <input type="hidden" name={name} value={flags[name] ? "true" : "false"} />
      <Checkbox label={label} checked={flags[name]} onChange={(checked) => setFlags({ ...flags, [name]: checked })} />
    </>
  );
  return (
    <BlockStack gap="200">
      {withCode && (
        <TextField
          label="Code"
          name="code"
          value={code}
          onChange={setCode}
          autoComplete="off"
          helpText="Leave blank to generate one from the creator's name plus digits."
          error={errors.code}
        />
      )}
      <InlineStack gap="200">
        <Select
          label="Discount"
          name="valueKind"
          options={[
            { label: "Percentage off", value: "percentage" },
            { label: `Fixed amount off (${currency})`, value: "fixed_amount" },
          ]}
          value={valueKind}
          onChange={setValueKind}
          error={errors.valueKind}
        />
        <TextField
          label={valueKind === "percentage" ? "Percent" : `Amount (${currency})`}
          name="value"
          value={value}
          onChange={setValue}
          autoComplete="off"
          error={errors.value}
        />
      </InlineStack>
      <TextField
        label={`Minimum subtotal (${currency})`}
        name="minimumSubtotal"
        value={minimumSubtotal}
        onChange={setMinimumSubtotal}
        autoComplete="off"
        helpText="Blank: no minimum."
        error={errors.minimumSubtotal}
      />
      {flag("oncePerCustomer", "Once per customer")}
      {flag("combinesWithOrderDiscounts", "Combines with order discounts")}
      {flag("combinesWithProductDiscounts", "Combines with product discounts")}
      {flag("combinesWithShippingDiscounts", "Combines with shipping discounts")}
      {errors.form && <p role="alert">{errors.form}</p>}
    </BlockStack>
  );
}
