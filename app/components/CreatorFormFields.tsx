import { FormLayout, TextField } from "@shopify/polaris";
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
}

export const EMPTY_CREATOR_FORM: CreatorFormValues = {
  name: "",
  email: "",
  socialHandle: "",
  referralCode: "",
  discountCodes: "",
  tags: "",
  notes: "",
  commissionPlanId: "",
};

/** The fields of the creator form, named as creatorFormSchema expects them. */
export function CreatorFormFields({
  initial,
  errors,
  plans,
}: {
  initial: CreatorFormValues;
  errors: Record<string, string>;
  plans: PlanChoice[];
}) {
  const [values, setValues] = useState(initial);
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
    </FormLayout>
  );
}
