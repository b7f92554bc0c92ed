// Settings → "Payout rails": the rails the shop enables; a rail that cannot be enabled yet says why.
import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, InlineStack, Layout } from "@shopify/polaris";
import { useState } from "react";

export interface RailChoiceView {
  name: string;
  label: string;
  enabled: boolean;
  unavailable: string | null;
}

export type RailsActionResult = { rails: true; ok: boolean; message: string; fieldErrors: Record<string, string> };

export function PayoutRailsSection({ choices, result }: { choices: RailChoiceView[]; result: RailsActionResult | null }) {
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
                checked={checked[choice.name] ?? false}
                // Not disabled (Polaris greys a disabled box's help text below contrast): saving it is refused with this reason.
                helpText={choice.unavailable ? `Cannot be enabled yet: ${choice.unavailable}` : undefined}
                error={errors[`rail_${choice.name}`]}
                onChange={(value) => setChecked((current) => ({ ...current, [choice.name]: value }))}
              />
            ))}
            <InlineStack align="end">
              <Button submit>Save payout rails</Button>
            </InlineStack>
          </BlockStack>
        </Form>
      </Card>
    </Layout.AnnotatedSection>
  );
}
