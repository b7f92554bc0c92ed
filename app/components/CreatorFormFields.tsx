import { Checkbox, FormLayout, Select, TextField } from "@shopify/polaris";
import { PlanSelect, type PlanChoice } from "~/components/plans/PlanSelect";
import { useState } from "react";

export interface CreatorFormValues {
  name: string;
  email: string;
  socialHandle: string;
  referralCode: string;
  discountCodes: string;
  tags: string;
  notes: string;
  /** "" is the shop default plan. */
  commissionPlanId: string;
  /** "" (not set: English until the creator uses the portal), "en" or "fr". */
  locale: string;
  postalAddress: string;
  /** ISO 3166-1 alpha-2, or "". */
  taxCountry: string;
  /** Always "" when the form opens: a tax id on file is sealed and never sent back, only `taxIdOnFile` (masked). */
  taxId: string;
}

export interface CountryChoice {
  code: string;
  name: string;
}

const LANGUAGE_OPTIONS = [
  { label: "Not set (English until the creator uses the portal)", value: "" },
  { label: "English", value: "en" },
  { label: "Français", value: "fr" },
];

export const EMPTY_CREATOR_FORM: CreatorFormValues = {
  name: "",
  email: "",
  socialHandle: "",
  referralCode: "",
  discountCodes: "",
  tags: "",
  notes: "",
  commissionPlanId: "",
  locale: "",
  postalAddress: "",
  taxCountry: "",
  taxId: "",
};

/** The fields of the creator form, named as creatorFormSchema expects them. */
export function CreatorFormFields({
  initial,
  errors,
  plans,
  countries,
  taxIdOnFile = null,
}: {
  initial: CreatorFormValues;
  errors: Record<string, string>;
  plans: PlanChoice[];
  countries: readonly CountryChoice[];
  /** The tax id on file, masked ("•••• 6789"), when editing. */
  taxIdOnFile?: string | null;
}) {
  const [values, setValues] = useState(initial);
  const [removeTaxId, setRemoveTaxId] = useState(false);
  const field = (name: keyof CreatorFormValues) => ({
    name,
    value: values[name],
    onChange: (value: string) => setValues((current) => ({ ...current, [name]: value })),
    error: errors[name],
    autoComplete: "off",
  });
  return (
    <FormLayout>
      <FormLayout.Group>
        <TextField label="Name" {...field("name")} requiredIndicator />
        <TextField
          label="Email"
          type="email"
          {...field("email")}
          requiredIndicator
          helpText="The invitation goes here; the creator logs in to your store with it."
        />
      </FormLayout.Group>
      <FormLayout.Group>
        <TextField label="Social handle" {...field("socialHandle")} placeholder="@handle" />
        <TextField label="Referral code" {...field("referralCode")} requiredIndicator helpText="Used in the creator's link: ?ref=CODE" />
      </FormLayout.Group>
      <TextField
        label="Discount codes"
        {...field("discountCodes")}
        helpText="Shopify discount codes credited to this creator, separated by commas."
      />
      <PlanSelect
        plans={plans}
        value={values.commissionPlanId}
        onChange={(commissionPlanId) => setValues((current) => ({ ...current, commissionPlanId }))}
        error={errors.commissionPlanId}
        helpText="Orders with this creator's codes earn by it, unless a deal has a plan of its own."
      />
      <TextField label="Tags" {...field("tags")} helpText="Separated by commas." />
      <TextField label="Notes" {...field("notes")} multiline={3} />
      <Select
        label="Email language"
        name="locale"
        options={LANGUAGE_OPTIONS}
        value={values.locale}
        onChange={(locale) => setValues((current) => ({ ...current, locale }))}
        error={errors.locale}
        helpText="The language of the creator's emails. The portal updates it when the creator switches language there."
      />
      <TextField
        label="Postal address"
        {...field("postalAddress")}
        multiline={4}
        maxLength={1000}
        helpText="Printed on the creator's self-billing invoices, line by line."
      />
      <FormLayout.Group>
        <Select
          label="Tax country"
          name="taxCountry"
          options={[{ label: "Not given", value: "" }, ...countries.map((country) => ({ label: country.name, value: country.code }))]}
          value={values.taxCountry}
          onChange={(taxCountry) => setValues((current) => ({ ...current, taxCountry }))}
          error={errors.taxCountry}
        />
        <TextField
          label="Tax id"
          {...field("taxId")}
          maxLength={40}
          disabled={removeTaxId}
          helpText={taxIdOnFile ? `On file: ${taxIdOnFile}. Leave blank to keep it.` : "VAT or tax number, as printed on invoices."}
        />
      </FormLayout.Group>
      {taxIdOnFile && (
        <Checkbox label="Remove the tax id on file" name="removeTaxId" checked={removeTaxId} onChange={setRemoveTaxId} value="on" />
      )}
    </FormLayout>
  );
}
