// Settings → "Payout rails": the rails the shop enables; a rail that cannot be enabled yet says why.
import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, InlineStack, Layout, TextField } from "@shopify/polaris";
import { useState } from "react";

export interface RailChoiceView {
  name: string;
  label: string;
  enabled: boolean;
  unavailable: string | null;
}

export type RailsActionResult = { rails: true; ok: boolean; message: string; fieldErrors: Record<string, string> };

export function PayoutRailsSection({
  choices,
  result,
  storeCreditBonusPercent,
}: {
  choices: RailChoiceView[];
  result: RailsActionResult | null;
  storeCreditBonusPercent: number;
}) {
  const [bonus, setBonus] = useState(String(storeCreditBonusPercent));
  const [checked, setChecked] = useState<Record<string, boolean>>(() => Object.fromEntries(choices.map((c) => [c.name, c.enabled])));
  const errors = result && !result.ok ? result.fieldErrors : {};
  return (
    <Layout.AnnotatedSection
      title="Payout rails"
      description="The rails creators may choose in their portal and payouts may be paid on. Each creator is paid on their chosen rail unless you pick another on the payout page."
    >
      <Card>
        <Form method="post" aria-label="Payout rails">
          <input type="hidden" name="intent" value="payout_rails" />
          <BlockStack gap="300">
            {result && !result.ok && errors.rails && <Banner tone="critical" title={errors.rails} />}
            {choices.map((choice) => (
              <Checkbox
                key={choice.name}
                label={choice.label}
                name={`rail_${choice.name}`}
                // Polaris passes `value` through even when undefined, and React then submits "": say "on".
                value="on"
                checked={checked[choice.name] ?? false}
                // Not disabled (Polaris greys a disabled box's help text below contrast): saving it is refused with this reason.
                helpText={choice.unavailable ? `Cannot be enabled yet: ${choice.unavailable}` : undefined}
                error={errors[`rail_${choice.name}`]}
                onChange={(value) => setChecked((current) => ({ ...current, [choice.name]: value }))}
              />
            ))}
            <TextField
              label="Store credit bonus (%)"
              name="storeCreditBonusPercent"
              type="number"
              min={100}
              max={150}
              autoComplete="off"
              value={bonus}
              onChange={setBonus}
              error={errors.storeCreditBonusPercent}
              helpText="Creators paid in store credit receive this percent of their payout: 110 gives them 110%. 100 is no bonus; at most 150. The extra is your cost, kept apart from what creators earned."
            />
            <InlineStack align="end">
              <Button submit>Save payout rails</Button>
            </InlineStack>
          </BlockStack>
        </Form>
      </Card>
    </Layout.AnnotatedSection>
  );
}
