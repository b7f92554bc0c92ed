import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
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
import { useEffect, useRef, useState } from "react";
import { requireStaff } from "~/auth/require-staff.server";
import { useShowToast } from "~/components/Feedback";
import { UnsavedChangesBar } from "~/components/UnsavedChangesBar";
import { getShopSettings } from "~/settings/get-shop-settings.server";
import { updateShopSettings } from "~/settings/update-shop-settings.server";
import { formatShopDateTime } from "~/domain/calendar";
import { formatMoney } from "~/domain/money";
import { attempt } from "~/lib/action-result.server";
import { connectStripe, disconnectStripe } from "~/stripe/connect-stripe.server";
import { readStripeConnection } from "~/stripe/read-stripe-connection.server";
import { BODY_LIMITS, readFormData } from "~/http/bounded-body.server";
import { DiscountTermsFields } from "~/components/DiscountTermsFields";
import { discountDefaultsOf } from "~/discounts/discount-defaults";
import { saveDiscountDefaults } from "~/discounts/save-discount-defaults.server";
import { PayPalConnectionSection, type PayPalActionResult } from "~/components/PayPalConnectionSection";
import { connectPayPal, disconnectPayPal } from "~/rails/paypal/connect-paypal.server";
import { readPayPalConnection } from "~/rails/paypal/read-paypal-connection.server";
import { WebPixelStatus } from "~/components/WebPixelStatus";
import { activateWebPixelAgain } from "~/pixel/activate-web-pixel.server";
import { PayoutRailsSection, type RailsActionResult } from "~/components/PayoutRailsSection";
import { readRailChoices } from "~/rails/rail-choices.server";
import { updateEnabledRails } from "~/settings/update-enabled-rails.server";
import { PayoutApprovalSection, type ApprovalActionResult } from "~/components/PayoutApprovalSection";
import { readPayoutApprovalSettings, savePayoutApprovalSettings } from "~/settings/payout-approval-settings.server";
import { updateRiskSettings } from "~/settings/update-risk-settings.server";
import { readPayerStateIds, savePayerStateIds } from "~/settings/payer-state-ids.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  const [settings, stripe, rails] = await Promise.all([getShopSettings(shop), readStripeConnection(shop), readRailChoices(shop)]);
  const pixel = { active: !!shop.webPixelId && !shop.webPixelError, error: shop.webPixelError };
  const [approval, payerStateIds] = await Promise.all([
    readPayoutApprovalSettings(shop, [shop.currency, ...settings.otherMinimums.map((m) => m.currency)]),
    readPayerStateIds(shop.id),
  ]);
  return {
    settings,
    approval,
    stripe,
    rails,
    storeCreditBonusPercent: shop.storeCreditBonusPercent,
    paypal: readPayPalConnection(shop),
    timezone: shop.timezone,
    discountDefaults: discountDefaultsOf(shop),
    pixel,
    risk: { riskReviewScore: shop.riskReviewScore, couponSites: shop.couponSites },
    payerStateIds: payerStateIds.map((id) => `${id.state}: ${id.idNumber}`).join("\n"),
  };
};

type StripeActionResult = { stripe: true; ok: boolean; message: string; fieldErrors: Record<string, string> };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireStaff(request);
  const form = Object.fromEntries(await readFormData(request, BODY_LIMITS.adminForm));
  if (form.intent === "stripe_connect") {
    const result = await attempt(() => connectStripe(shop.id, form, actor));
    if ("ok" in result) return data({ stripe: true, ...result } satisfies StripeActionResult, { status: result.status });
    const mode = result.livemode ? "live" : "test";
    return {
      stripe: true,
      ok: true,
      message: `Stripe connected: ${result.accountName} (${mode} mode).`,
      fieldErrors: {},
    } satisfies StripeActionResult;
  }
  if (form.intent === "paypal_connect") {
    const result = await attempt(() => connectPayPal(shop.id, form, actor));
    if ("ok" in result)
      return data({ paypal: true, stripe: undefined, ...result } satisfies PayPalActionResult & { stripe: undefined }, {
        status: result.status,
      });
    return {
      paypal: true,
      stripe: undefined,
      ok: true,
      message: `PayPal connected (${result.environment === "live" ? "Live" : "Sandbox"} mode, client id ${result.clientIdHint}).`,
      fieldErrors: {} as Record<string, string>,
    } satisfies PayPalActionResult & { stripe: undefined };
  }
  if (form.intent === "paypal_disconnect") {
    await disconnectPayPal(shop.id, actor);
    return {
      paypal: true,
      stripe: undefined,
      ok: true,
      message: "PayPal disconnected: its client id and secret were deleted.",
      fieldErrors: {} as Record<string, string>,
    } satisfies PayPalActionResult & { stripe: undefined };
  }
  if (form.intent === "discount_defaults") {
    const result = await attempt(() => saveDiscountDefaults(shop, form, actor));
    if (result && "ok" in result) return data({ discounts: true as const, stripe: undefined, ...result }, { status: result.status });
    return {
      discounts: true as const,
      stripe: undefined,
      ok: true as const,
      message: "Discount code defaults saved.",
      fieldErrors: {} as Record<string, string>,
    };
  }
  if (form.intent === "risk_settings") {
    const result = await attempt(() => updateRiskSettings(shop, form, actor));
    if (result && "ok" in result)
      return data(
        { risk: true as const, stripe: undefined, ...result, fieldErrors: result.fieldErrors as Record<string, string> },
        { status: result.status },
      );
    return {
      risk: true as const,
      stripe: undefined,
      ok: true as const,
      message: "Risk settings saved.",
      fieldErrors: {} as Record<string, string>,
    };
  }
  if (form.intent === "payer_state_ids") {
    const result = await attempt(() => savePayerStateIds(shop, form, actor));
    if (result && "ok" in result)
      return data(
        { stateIds: true as const, stripe: undefined, ...result, fieldErrors: result.fieldErrors as Record<string, string> },
        { status: result.status },
      );
    return {
      stateIds: true as const,
      stripe: undefined,
      ok: true as const,
      message: "State payer ids saved.",
      fieldErrors: {} as Record<string, string>,
    };
  }
  if (form.intent === "payout_rails") {
    const result = await attempt(() => updateEnabledRails(shop, form, actor));
    if ("ok" in result)
      return data(
        { rails: true as const, stripe: undefined, ...result, fieldErrors: result.fieldErrors as Record<string, string> },
        { status: result.status },
      );
    return { rails: true as const, stripe: undefined, ok: true, message: "Payout rails saved.", fieldErrors: {} as Record<string, string> };
  }
  if (form.intent === "payout_approval") {
    const result = await attempt(() => savePayoutApprovalSettings(shop, form, actor));
    if (result && "ok" in result)
      return data(
        { approval: true as const, stripe: undefined, ...result, fieldErrors: result.fieldErrors as Record<string, string> },
        { status: result.status },
      );
    return {
      approval: true as const,
      stripe: undefined,
      ok: true,
      message: "Two-person approval saved.",
      fieldErrors: {} as Record<string, string>,
    };
  }
  if (form.intent === "activate_pixel") {
    const activation = await activateWebPixelAgain(shop);
    const message = activation.ok ? "The storefront pixel is active." : activation.error;
    return data(
      { pixel: true as const, stripe: undefined, ok: activation.ok, message, fieldErrors: {} as Record<string, string> },
      { status: activation.ok ? 200 : 422 },
    );
  }
  if (form.intent === "stripe_disconnect") {
    await disconnectStripe(shop.id, actor);
    return {
      stripe: true,
      ok: true,
      message: "Stripe disconnected: its key and signing secrets were deleted.",
      fieldErrors: {},
    } satisfies StripeActionResult;
  }
  const result = await attempt(() => updateShopSettings(shop, form, actor));
  if (!result.ok)
    return data(
      { ok: false as const, fieldErrors: result.fieldErrors as Record<string, string>, stripe: undefined },
      { status: result.status },
    );
  return { ok: true as const, message: "Settings saved.", fieldErrors: {} as Record<string, string> };
};

function StripeConnection({ result }: { result: StripeActionResult | null }) {
  const { stripe, timezone } = useLoaderData<typeof loader>();
  const errors = result?.fieldErrors ?? {};
  return (
    <Layout.AnnotatedSection
      title="Stripe Connect"
      description="Pay creators with Stripe: your Stripe account is the platform, each creator onboards as a connected account, each payout is one transfer."
    >
      <Card>
        <BlockStack gap="300">
          {result && !result.ok && <Banner tone="critical" title={result.message} />}
          {stripe.source ? (
            <BlockStack gap="200">
              <Text as="p">
                Connected to <b>{stripe.accountName ?? stripe.accountId}</b>
                {` (${stripe.livemode ? "live" : "test"} mode), key ${stripe.keyHint}.`}
              </Text>
              {stripe.balanceError && <Banner tone="warning" title={stripe.balanceError} />}
              <Text as="p" tone="subdued">
                {stripe.lastEventAt
                  ? `Last Stripe event received ${formatShopDateTime(stripe.lastEventAt, timezone)} (${timezone}).`
                  : "No Stripe event received yet. Once the endpoints below exist in Stripe, a missing event usually means a wrong signing secret."}
              </Text>
              {stripe.balance && (
                <Text as="p">
                  Available balance:{" "}
                  {stripe.balance.length === 0
                    ? "none yet"
                    : stripe.balance.map((line) => formatMoney({ amountMinor: line.availableMinor, currency: line.currency })).join(" · ")}
                  . Payouts can be paid with Stripe only in these currencies.
                </Text>
              )}
            </BlockStack>
          ) : (
            <Text as="p" tone="subdued">
              Not connected. Creators can still be paid offline.
            </Text>
          )}
          <BlockStack gap="100">
            <Text as="p">Create two webhook endpoints in Stripe (Developers → Webhooks) and paste their signing secrets below:</Text>
            <TextField
              label="Platform events endpoint (transfer.created, transfer.reversed)"
              value={stripe.webhookUrls.platform}
              readOnly
              autoComplete="off"
              onChange={() => {}}
            />
            <TextField
              label="Connect events endpoint, “Events on connected accounts” (account.updated, capability.updated, payout.paid, payout.failed)"
              value={stripe.webhookUrls.connect}
              readOnly
              autoComplete="off"
              onChange={() => {}}
            />
          </BlockStack>
          {stripe.source !== "environment" && (
            <Form method="post" aria-label="Connect Stripe">
              <input type="hidden" name="intent" value="stripe_connect" />
              <FormLayout>
                <Field
                  name="secretKey"
                  label="Secret or restricted key"
                  initial=""
                  error={errors.secretKey}
                  helpText="Checked with Stripe, then stored encrypted. It is never shown again."
                />
                <Field
                  name="platformWebhookSecret"
                  label="Platform endpoint signing secret"
                  initial=""
                  error={errors.platformWebhookSecret}
                />
                <Field name="connectWebhookSecret" label="Connect endpoint signing secret" initial="" error={errors.connectWebhookSecret} />
                <InlineStack align="end">
                  <Button submit>{stripe.source ? "Replace Stripe key" : "Connect Stripe"}</Button>
                </InlineStack>
              </FormLayout>
            </Form>
          )}
          {stripe.source === "settings" && (
            <Form method="post" aria-label="Disconnect Stripe">
              <input type="hidden" name="intent" value="stripe_disconnect" />
              <Button submit tone="critical">
                Disconnect Stripe
              </Button>
            </Form>
          )}
          {stripe.source === "environment" && (
            <Text as="p" tone="subdued">
              This connection is configured by the deployment's environment (STRIPE_SECRET_KEY) and cannot be changed here.
            </Text>
          )}
        </BlockStack>
      </Card>
    </Layout.AnnotatedSection>
  );
}

/**
 * Whether the settings form differs from what was last loaded, for the contextual save bar: the
 * form's fields are compared as submitted (hidden inputs of the toggles included) after each
 * change. A newly loaded `saved` (after a save) is the new baseline; discarding remounts the form.
 */
function useUnsavedChanges(saved: unknown) {
  const formRef = useRef<HTMLFormElement>(null);
  const baseline = useRef<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [dirty, setDirty] = useState(false);
  const snapshot = () => (formRef.current ? new URLSearchParams(new FormData(formRef.current) as unknown as string[][]).toString() : "");
  useEffect(() => {
    baseline.current = snapshot();
    setDirty(false);
  }, [saved, formKey]);
  // After the change has re-rendered the field (a toggle's hidden input follows its checkbox).
  const check = () => setTimeout(() => setDirty(baseline.current !== null && snapshot() !== baseline.current));
  return {
    formRef,
    formKey,
    dirty,
    check,
    save: () => formRef.current?.requestSubmit(),
    discard: () => setFormKey((key) => key + 1),
  };
}

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

function Field({
  name,
  label,
  initial,
  error,
  helpText,
  suffix,
  type = "text",
  multiline,
}: {
  name: string;
  label: string;
  initial: string;
  error?: string;
  helpText?: string;
  suffix?: string;
  type?: "text" | "email";
  multiline?: number | boolean;
}) {
  const [value, setValue] = useState(initial);
  return (
    <TextField
      name={name}
      label={label}
      value={value}
      onChange={setValue}
      error={error}
      helpText={helpText}
      suffix={suffix}
      type={type}
      multiline={multiline}
      autoComplete="off"
    />
  );
}

/** The default terms of the creator codes the app creates in Shopify; each creator's form may change them. */
function DiscountDefaults({ errors }: { errors: Record<string, string> }) {
  const { discountDefaults, settings } = useLoaderData<typeof loader>();
  return (
    <Layout.AnnotatedSection
      title="Creator discount codes"
      description="What a code the app creates in Shopify takes off by default. Each creator's form may change it."
    >
      <Card>
        <Form method="post" aria-label="Discount code defaults">
          <input type="hidden" name="intent" value="discount_defaults" />
          <BlockStack gap="300">
            <DiscountTermsFields errors={errors} currency={settings.currency} defaults={discountDefaults} withCode={false} />
            <InlineStack align="end">
              <Button submit>Save discount defaults</Button>
            </InlineStack>
          </BlockStack>
        </Form>
      </Card>
    </Layout.AnnotatedSection>
  );
}

/** Risk signals (issue 17 §2): the score at which a commission waits for review, and the coupon sites. */
function RiskSettings({ errors }: { errors: Record<string, string> }) {
  const { risk } = useLoaderData<typeof loader>();
  return (
    <Layout.AnnotatedSection
      title="Risk signals"
      description="A commission whose strongest signal reaches the review level is not released until you approve it on the Risk page."
    >
      <Card>
        <Form method="post" aria-label="Risk signals">
          <input type="hidden" name="intent" value="risk_settings" />
          <BlockStack gap="300">
            <Field
              name="riskReviewScore"
              label="Review level"
              initial={String(risk.riskReviewScore)}
              error={errors.riskReviewScore}
              helpText="From 1 to 100. Self-referral scores 70–95, shared payout details 80, a coupon site 60, refund rate 45–60, a code used mostly without the referral link 45, velocity 40–55."
            />
            <Field
              name="couponSites"
              label="Coupon sites"
              initial={risk.couponSites.join("\n")}
              error={errors.couponSites}
              multiline
              helpText="One per line: an order that came from one of these (referring site, landing page or utm_source) is a leaked code."
            />
            <InlineStack align="end">
              <Button submit>Save risk settings</Button>
            </InlineStack>
          </BlockStack>
        </Form>
      </Card>
    </Layout.AnnotatedSection>
  );
}

/** Form 1099-NEC box 6: the shop's payer id with each state's revenue department. */
function PayerStateIds({ errors }: { errors: Record<string, string> }) {
  const { payerStateIds } = useLoaderData<typeof loader>();
  return (
    <Layout.AnnotatedSection
      title="1099 state reporting"
      description="US shops: the 1099-NEC export fills box 6 with your payer id for the creator's state (from their W-9) and box 7 with the year's total."
    >
      <Card>
        <Form method="post" aria-label="1099 state reporting">
          <input type="hidden" name="intent" value="payer_state_ids" />
          <BlockStack gap="300">
            <Field
              name="payerStateIds"
              label="State payer ids"
              initial={payerStateIds}
              error={errors.payerStateIds}
              multiline
              helpText='One state per line with the id its revenue department gave you, like "CA: 123-4567-8". A state not listed gets an empty id.'
            />
            <InlineStack align="end">
              <Button submit>Save state payer ids</Button>
            </InlineStack>
          </BlockStack>
        </Form>
      </Card>
    </Layout.AnnotatedSection>
  );
}

export default function Settings() {
  const { settings, paypal, timezone, pixel, rails, storeCreditBonusPercent, approval } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const stripeResult = actionData?.stripe ? (actionData as StripeActionResult) : null;
  const paypalResult = actionData && "paypal" in actionData ? (actionData as PayPalActionResult) : null;
  const discountResult = actionData && "discounts" in actionData ? actionData : null;
  const pixelResult = actionData && "pixel" in actionData ? actionData : null;
  const railsResult = actionData && "rails" in actionData ? (actionData as RailsActionResult) : null;
  const approvalResult = actionData && "approval" in actionData ? (actionData as ApprovalActionResult) : null;
  const riskResult = actionData && "risk" in actionData ? actionData : null;
  const stateIdsResult = actionData && "stateIds" in actionData ? actionData : null;
  const result =
    actionData &&
    !actionData.stripe &&
    !discountResult &&
    !paypalResult &&
    !pixelResult &&
    !railsResult &&
    !approvalResult &&
    !riskResult &&
    !stateIdsResult
      ? actionData
      : undefined;
  const navigation = useNavigation();
  const errors = result?.fieldErrors ?? {};
  const [schedule, setSchedule] = useState<string>(settings.payoutSchedule);
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") == null;
  const showToast = useShowToast();
  useEffect(() => {
    if (actionData?.ok) showToast(actionData.message);
  }, [actionData, showToast]);
  const changes = useUnsavedChanges(settings);

  return (
    <Page title="Settings" narrowWidth>
      <UnsavedChangesBar
        id="settings-save-bar"
        open={changes.dirty}
        saving={saving}
        onSave={changes.save}
        onDiscard={() => {
          setSchedule(settings.payoutSchedule);
          changes.discard();
        }}
      />
      <Form method="post" aria-label="Shop settings" ref={changes.formRef} key={changes.formKey} onChange={changes.check}>
        <BlockStack gap="400">
          {result && !result.ok && (
            <Banner tone="critical" title="Some settings need fixing">
              <p>Nothing was saved. Correct the fields marked below.</p>
            </Banner>
          )}
          <Layout>
            <Layout.AnnotatedSection title="Commissions" description="The default plan applies unless a creator or a deal has its own.">
              <Card>
                <FormLayout>
                  <Field
                    name="defaultRatePercent"
                    label="Default commission rate"
                    suffix="%"
                    initial={settings.defaultRatePercent}
                    error={errors.defaultRatePercent}
                    helpText="Of the eligible amount: line items after discounts, without shipping, tips, gift cards and taxes."
                  />
                  <Toggle name="newCustomersOnly" label="Only new customers earn a commission" initial={settings.newCustomersOnly} />
                  <Field
                    name="holdPeriodDays"
                    label="Hold period"
                    suffix="days"
                    initial={settings.holdPeriodDays}
                    error={errors.holdPeriodDays}
                    helpText="Commissions become payable this many days after the order is paid, so refunds can come in first."
                  />
                  <Field
                    name="attributionWindowDays"
                    label="Referral link attribution window"
                    suffix="days"
                    initial={settings.attributionWindowDays}
                    error={errors.attributionWindowDays}
                  />
                  <Toggle name="countPaidOrdersOnly" label="Only paid orders earn" initial={settings.countPaidOrdersOnly} />
                  <Toggle name="ignoreTestOrders" label="Ignore test orders" initial={settings.ignoreTestOrders} />
                </FormLayout>
              </Card>
            </Layout.AnnotatedSection>
            <Layout.AnnotatedSection title="Payouts" description={`Amounts in ${settings.currency}, the shop currency.`}>
              <Card>
                <FormLayout>
                  <Field
                    name="minimumPayout"
                    label="Minimum payout"
                    suffix={settings.currency}
                    initial={settings.minimumPayout}
                    error={errors.minimumPayout}
                  />
                  {settings.otherMinimums.map((m) => (
                    <Field
                      key={m.currency}
                      name={`minimum_${m.currency}`}
                      label={`Minimum payout in ${m.currency}`}
                      suffix={m.currency}
                      initial={m.amount}
                      error={errors[`minimum_${m.currency}`]}
                      helpText={
                        m.amount
                          ? undefined
                          : `Creators earn in ${m.currency} too: without a minimum, runs skip these balances unless you override the minimum.`
                      }
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
                  <Toggle
                    name="creatorReviewEnabled"
                    label="Creators review payouts before they are scheduled"
                    initial={settings.creatorReviewEnabled}
                  />
                  <Toggle
                    name="invoiceRequired"
                    label="Creators must upload an invoice when reviewing"
                    initial={settings.invoiceRequired}
                  />
                  <Field
                    name="invoicePrefix"
                    label="Invoice number prefix"
                    initial={settings.invoicePrefix}
                    error={errors.invoicePrefix}
                    helpText={`The next payout gets number ${settings.nextInvoiceNumber}.`}
                  />
                  <Field
                    name="vatNumber"
                    label="Your store's VAT number (optional)"
                    initial={settings.vatNumber}
                    error={errors.vatNumber}
                    helpText="Named as the buyer on reverse-charge e-invoices (UBL, Peppol BIS), e.g. DE123456789."
                  />
                </FormLayout>
              </Card>
            </Layout.AnnotatedSection>
            <Layout.AnnotatedSection title="Creators" description="How creators join and hear from you.">
              <Card>
                <FormLayout>
                  <Toggle name="selfSignupEnabled" label="Let customers apply to become creators" initial={settings.selfSignupEnabled} />
                  <Field
                    name="emailSenderName"
                    label="Sender name for creator emails"
                    initial={settings.emailSenderName}
                    error={errors.emailSenderName}
                  />
                  <Field
                    name="emailReplyTo"
                    label="Reply-to address"
                    type="email"
                    initial={settings.emailReplyTo}
                    error={errors.emailReplyTo}
                  />
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
      <Box paddingBlockEnd="800">
        <Layout>
          <StripeConnection result={stripeResult} />
          <PayoutRailsSection choices={rails} result={railsResult} storeCreditBonusPercent={storeCreditBonusPercent} />
          <PayoutApprovalSection view={approval} result={approvalResult} />
          <PayPalConnectionSection paypal={paypal} timezone={timezone} result={paypalResult} />
          <DiscountDefaults errors={discountResult?.fieldErrors ?? {}} />
          <RiskSettings errors={riskResult?.fieldErrors ?? {}} />
          <PayerStateIds errors={stateIdsResult?.fieldErrors ?? {}} />
          <WebPixelStatus pixel={pixel} result={pixelResult} />
        </Layout>
      </Box>
    </Page>
  );
}
