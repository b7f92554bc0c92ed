import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { requireStaff } from "~/auth/require-staff.server";
import { getShopSettings } from "~/settings/get-shop-settings.server";
import { updateShopSettings } from "~/settings/update-shop-settings.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  return { settings: await getShopSettings(shop) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, staffId } = await requireStaff(request);
  const form = Object.fromEntries(await request.formData());
  const result = await updateShopSettings(shop, form, { type: "staff", id: staffId });
  return result.ok ? { ok: true as const, fieldErrors: {} as Record<string, string> } : { ok: false as const, fieldErrors: result.fieldErrors };
};

/** A checkbox that always submits a value, so "off" is sent too. */
function Toggle({ name, label, helpText, initial }: { name: string; label: string; helpText?: string; initial: boolean }) {
  const [checked, setChecked] = useState(initial);
  return (
    <>
      <input type="hidden" name={name} value={checked ? "true" : "false"} />
      <Checkbox label={label} helpText={helpText} checked={checked} onChange={setChecked} />
    </>
  );
}

function Field({ name, label, initial, error, helpText, suffix, type = "text" }: { name: string; label: string; initial: string; error?: string; helpText?: string; suffix?: string; type?: "text" | "email" }) {
  const [value, setValue] = useState(initial);
  return <TextField name={name} label={label} value={value} onChange={setValue} error={error} helpText={helpText} suffix={suffix} type={type} autoComplete="off" />;
}

export default function Settings() {
  const { settings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = result?.fieldErrors ?? {};
  const [schedule, setSchedule] = useState<string>(settings.payoutSchedule);
  const saving = navigation.state === "submitting";

  return (
    <Page title="Settings" narrowWidth>
      <Form method="post" aria-label="Shop settings">
        <BlockStack gap="400">
          {result?.ok && <Banner tone="success" title="Settings saved" />}
          {result && !result.ok && (
            <Banner tone="critical" title="Some settings need fixing">
              <p>Nothing was saved. Correct the fields marked below.</p>
            </Banner>
          )}
          <Layout>
            <Layout.AnnotatedSection title="Commissions" description="The default plan applies unless a creator or a deal has its own.">
              <Card>
                <FormLayout>
                  <Field name="defaultRatePercent" label="Default commission rate" suffix="%" initial={settings.defaultRatePercent} error={errors.defaultRatePercent} helpText="Of the eligible amount: line items after discounts, without shipping, tips, gift cards and taxes." />
                  <Toggle name="newCustomersOnly" label="Only new customers earn a commission" initial={settings.newCustomersOnly} />
                  <Field name="holdPeriodDays" label="Hold period" suffix="days" initial={settings.holdPeriodDays} error={errors.holdPeriodDays} helpText="Commissions become payable this many days after the order is paid, so refunds can come in first." />
                  <Field name="attributionWindowDays" label="Referral link attribution window" suffix="days" initial={settings.attributionWindowDays} error={errors.attributionWindowDays} />
                  <Toggle name="countPaidOrdersOnly" label="Only paid orders earn" initial={settings.countPaidOrdersOnly} />
                  <Toggle name="ignoreTestOrders" label="Ignore test orders" initial={settings.ignoreTestOrders} />
                </FormLayout>
              </Card>
            </Layout.AnnotatedSection>
            <Layout.AnnotatedSection title="Payouts" description={`Amounts in ${settings.currency}, the shop currency.`}>
              <Card>
                <FormLayout>
                  <Field name="minimumPayout" label="Minimum payout" suffix={settings.currency} initial={settings.minimumPayout} error={errors.minimumPayout} />
                  {settings.otherMinimums.map((m) => (
                    <Field
                      key={m.currency}
                      name={`minimum_${m.currency}`}
                      label={`Minimum payout in ${m.currency}`}
                      suffix={m.currency}
                      initial={m.amount}
                      error={errors[`minimum_${m.currency}`]}
                      helpText={m.amount ? undefined : `Creators earn in ${m.currency} too: without a minimum, runs skip these balances unless you override the minimum.`}
                    />
                  ))}
                  <Select
                    label="Payout schedule"
                    name="payoutSchedule"
                    value={schedule}
                    onChange={setSchedule}
                    options={[
                      { label: "Manual: I generate payouts myself", value: "manual" },
                      { label: "Weekly (Mondays)", value: "weekly" },
                      { label: "Monthly (on the 1st)", value: "monthly" },
                    ]}
                    error={errors.payoutSchedule}
                  />
                  <Toggle name="creatorReviewEnabled" label="Creators review payouts before they are scheduled" initial={settings.creatorReviewEnabled} />
                  <Toggle name="invoiceRequired" label="Creators must upload an invoice when reviewing" initial={settings.invoiceRequired} />
                  <Field name="invoicePrefix" label="Invoice number prefix" initial={settings.invoicePrefix} error={errors.invoicePrefix} helpText={`The next payout gets number ${settings.nextInvoiceNumber}.`} />
                </FormLayout>
              </Card>
            </Layout.AnnotatedSection>
            <Layout.AnnotatedSection title="Creators" description="How creators join and hear from you.">
              <Card>
                <FormLayout>
                  <Toggle name="selfSignupEnabled" label="Let customers apply to become creators" initial={settings.selfSignupEnabled} />
                  <Field name="emailSenderName" label="Sender name for creator emails" initial={settings.emailSenderName} error={errors.emailSenderName} />
                  <Field name="emailReplyTo" label="Reply-to address" type="email" initial={settings.emailReplyTo} error={errors.emailReplyTo} />
                </FormLayout>
              </Card>
            </Layout.AnnotatedSection>
          </Layout>
          <InlineStack align="end">
            <Button submit variant="primary" loading={saving}>
              Save settings
            </Button>
          </InlineStack>
          <Box paddingBlockEnd="800">
            <Text as="p" tone="subdued" variant="bodySm">
              Every change is recorded in the audit log with its previous value.
            </Text>
          </Box>
        </BlockStack>
      </Form>
    </Page>
  );
}
