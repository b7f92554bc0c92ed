// The plan editor: /app/plans/new creates a plan, /app/plans/<id> edits one. The cards live in
// app/components/plans/; saving goes through savePlan (app/plans/save-plan.server.ts).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Button, InlineStack, Layout, Page } from "@shopify/polaris";
import { useState } from "react";
import { requireStaff } from "~/auth/require-staff.server";
import { PlanOverridesCard } from "~/components/plans/PlanOverridesCard";
import { PlanExclusionsCard, PlanTermsCard } from "~/components/plans/PlanTermsCard";
import { NEW_PLAN_VALUES, planFormValues, type PlanFormValues } from "~/components/plans/plan-form-values";
import { BODY_LIMITS, readFormData } from "~/http/bounded-body.server";
import { actionResponse, attempt } from "~/lib/action-result.server";
import { getPlan } from "~/plans/plans.server";
import { savePlan } from "~/plans/save-plan.server";
import type { loader as adminLoader } from "./app";

const NEW = "new";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  if (params.planId === NEW) return { planId: null, initial: NEW_PLAN_VALUES, currency: shop.currency };
  // The shop default's rate and new-customer rule are set in Settings.
  if (params.planId === shop.defaultPlanId) throw redirect("/app/settings");
  const plan = await getPlan(shop.id, params.planId!);
  if (!plan) throw new Response("That commission plan does not exist in this shop.", { status: 404 });
  return { planId: plan.id, initial: planFormValues(plan, shop.currency), currency: shop.currency };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, actor } = await requireStaff(request);
  const form = await readFormData(request, BODY_LIMITS.adminForm);
  const planId = params.planId === NEW ? undefined : params.planId;
  const result = await attempt(() => savePlan(shop, form, actor, planId));
  if ("ok" in result) return actionResponse(result);
  throw redirect(`/app/plans?saved=${encodeURIComponent(String(form.get("name") ?? "").trim())}`);
};

export default function PlanEditor() {
  const { planId, initial, currency } = useLoaderData<typeof loader>();
  const demo = useRouteLoaderData<typeof adminLoader>("routes/app")?.demo ?? false;
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [values, setValues] = useState<PlanFormValues>(initial);
  const change = <K extends keyof PlanFormValues>(name: K, value: PlanFormValues[K]) => setValues((v) => ({ ...v, [name]: value }));
  const errors = result?.fieldErrors ?? {};
  return (
    <Page title={planId ? `Edit ${initial.name}` : "New commission plan"} backAction={{ content: "Plans", url: "/app/plans" }} narrowWidth>
      <Form method="post" aria-label={planId ? "Edit commission plan" : "New commission plan"}>
        <Layout>
          {result && !result.ok && (
            <Layout.Section>
              <Banner tone="critical" title="The plan was not saved">
                <p>{result.message}</p>
              </Banner>
            </Layout.Section>
          )}
          <Layout.Section>
            <BlockStack gap="400">
              <PlanTermsCard values={values} change={change} errors={errors} currency={currency} />
              <PlanOverridesCard
                values={values}
                setOverrides={(overrides) => change("overrides", overrides)}
                errors={errors}
                currency={currency}
                pickerAvailable={!demo}
              />
              <PlanExclusionsCard values={values} change={change} />
              <InlineStack align="end">
                <Button submit variant="primary" loading={navigation.state === "submitting"}>
                  Save plan
                </Button>
              </InlineStack>
            </BlockStack>
          </Layout.Section>
        </Layout>
      </Form>
    </Page>
  );
}
