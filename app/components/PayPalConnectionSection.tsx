// Settings → PayPal Payouts: connect with a REST app's client id and secret (sandbox or live),
// checked with PayPal before saving; the secret is never sent back to the browser.
import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, InlineStack, Layout, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { formatShopDateTime } from "~/domain/calendar";
import type { PayPalConnectionView } from "~/rails/paypal/read-paypal-connection.server";

export type PayPalActionResult = { paypal: true; ok: boolean; message: string; fieldErrors: Record<string, string> };

export function PayPalConnectionSection({
  paypal,
  timezone,
  result,
}: {
  paypal: PayPalConnectionView;
  timezone: string;
  result: PayPalActionResult | null;
}) {
  const errors = result?.fieldErrors ?? {};
  const [environment, setEnvironment] = useState<string>(paypal.environment ?? "sandbox");
  const [clientId, setClientId] = useState("");
  const [clientSecret, setClientSecret] = useState("");
  const [webhookId, setWebhookId] = useState(paypal.webhookId ?? "");
  return (
    <Layout.AnnotatedSection
      title="PayPal Payouts"
      description="Pay creators to their PayPal email from your PayPal business balance, in batches of up to 15,000 payments. Needs a PayPal REST app with Payouts enabled."
    >
      <Card>
        <BlockStack gap="300">
          {result && !result.ok && <Banner tone="critical" title={result.message} />}
          {paypal.connected ? (
            <Text as="p">
              Connected in <b>{paypal.environment === "live" ? "Live" : "Sandbox"}</b> mode with client id {paypal.clientIdHint}
              {paypal.connectedAt ? ` since ${formatShopDateTime(paypal.connectedAt, timezone)}` : ""}.
              {paypal.webhookId ? ` Webhook ${paypal.webhookId}.` : " No webhook id: item outcomes are read by polling."}
            </Text>
          ) : (
            <Text as="p" tone="subdued">
              Not connected.
            </Text>
          )}
          <Form method="post" aria-label="Connect PayPal">
            <input type="hidden" name="intent" value="paypal_connect" />
            <FormLayout>
              <Select
                label="Mode"
                name="environment"
                value={environment}
                onChange={setEnvironment}
                options={[
                  { label: "Sandbox (test payouts, no real money)", value: "sandbox" },
                  { label: "Live (real money)", value: "live" },
                ]}
                error={errors.environment}
              />
              <TextField
                label="Client id"
                name="clientId"
                value={clientId}
                onChange={setClientId}
                error={errors.clientId}
                autoComplete="off"
              />
              <TextField
                label="Secret"
                name="clientSecret"
                type="password"
                value={clientSecret}
                onChange={setClientSecret}
                error={errors.clientSecret}
                helpText="Checked with PayPal, then stored encrypted. It is never shown again."
                autoComplete="off"
              />
              <TextField
                label="Webhook id (optional)"
                name="webhookId"
                value={webhookId}
                onChange={setWebhookId}
                error={errors.webhookId}
                helpText="The id PayPal shows for the webhook you add to this app, so its deliveries can be verified with PayPal."
                autoComplete="off"
              />
              <InlineStack align="end">
                <Button submit>{paypal.connected ? "Replace PayPal credentials" : "Connect PayPal"}</Button>
              </InlineStack>
            </FormLayout>
          </Form>
          {paypal.connected && (
            <Form method="post" aria-label="Disconnect PayPal">
              <input type="hidden" name="intent" value="paypal_disconnect" />
              <Button submit tone="critical">
                Disconnect PayPal
              </Button>
            </Form>
          )}
        </BlockStack>
      </Card>
    </Layout.AnnotatedSection>
  );
}
