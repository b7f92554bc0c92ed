import { Select } from "@shopify/polaris";

export interface PlanChoice {
  id: string;
  name: string;
}

/** The commission plan of a creator or deal: "Shop default" (posted as "") or one of the shop's plans. */
export function PlanSelect({
  plans,
  value,
  onChange,
  error,
  helpText,
  label = "Commission plan",
  name = "commissionPlanId",
}: {
  plans: PlanChoice[];
  value: string;
  onChange: (planId: string) => void;
  error?: string;
  helpText?: string;
  label?: string;
  name?: string;
}) {
  return (
    <Select
      label={label}
      name={name}
      value={value}
      onChange={onChange}
      error={error}
      helpText={helpText}
      options={[{ label: "Shop default", value: "" }, ...plans.map((plan) => ({ label: plan.name, value: plan.id }))]}
    />
  );
}
