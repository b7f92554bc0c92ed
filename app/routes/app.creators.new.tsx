import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, InlineStack, Page } from "@shopify/polaris";
import { useState } from "react";
import { requireStaff } from "~/auth/require-staff.server";
import { CreatorFormFields, EMPTY_CREATOR_FORM } from "~/components/CreatorFormFields";
import { withDone } from "~/components/Feedback";
import { inviteCreator } from "~/creators/invite-creator.server";
import { actionResponse, attempt } from "~/lib/action-result.server";
import { BODY_LIMITS, readFormData } from "~/http/bounded-body.server";
import { listPlanChoices } from "~/plans/plans.server";
import { countryOptions } from "~/domain/countries";
import { DiscountTermsFields } from "~/components/DiscountTermsFields";
import { discountDefaultsOf } from "~/discounts/discount-defaults";
import { saveCreatorWithShopifyCode } from "~/discounts/save-creator-with-code.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  return {
    plans: await listPlanChoices(shop),
    countries: countryOptions(),
    currency: shop.currency,
    discountDefaults: discountDefaultsOf(shop),
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireStaff(request);
  const form = Object.fromEntries(await readFormData(request, BODY_LIMITS.adminForm));
  const result = await attempt(() => saveCreatorWithShopifyCode(shop, form, actor));
  if (!result.ok) return actionResponse(result);
  const page = `/app/creators/${result.creatorId}`;
  const codeMissing = result.codeMissing;
  if (form.sendInvitation !== "true") throw redirect(withDone(page, codeMissing ? "creator_saved_without_code" : "creator_created"));
  // The creator is saved either way; the toast on their page says whether the invitation went out.
  const invited = await attempt(() => inviteCreator(shop.id, result.creatorId, actor));
  if (codeMissing) throw redirect(withDone(page, "creator_saved_without_code"));
  throw redirect(withDone(page, "ok" in invited ? "creator_not_invited" : "creator_invited"));
};

export default function NewCreator() {
  const { plans, countries, currency, discountDefaults } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [sendInvitation, setSendInvitation] = useState(true);
  const [createShopifyCode, setCreateShopifyCode] = useState(false);
  return (
    <Page title="Add creator" backAction={{ content: "Creators", url: "/app/creators" }} narrowWidth>
      <Form method="post" aria-label="New creator">
        <BlockStack gap="400">
          {result && !result.ok && (
            <Banner tone="critical" title="The creator was not saved">
              <p>{Object.keys(result.fieldErrors ?? {}).length ? "Correct the fields marked below." : result.message}</p>
            </Banner>
          )}
          <Card>
            <CreatorFormFields initial={EMPTY_CREATOR_FORM} errors={result?.fieldErrors ?? {}} plans={plans} countries={countries} />
          </Card>
          <Card>
            <BlockStack gap="200">
              <input type="hidden" name="createShopifyCode" value={createShopifyCode ? "true" : "false"} />
              <Checkbox
                label="Create a discount code in Shopify"
                helpText="A code discount in your store that this creator shares; it is deactivated when they are paused or archived."
                checked={createShopifyCode}
                onChange={setCreateShopifyCode}
              />
              {createShopifyCode && (
                <DiscountTermsFields errors={result?.fieldErrors ?? {}} currency={currency} defaults={discountDefaults} />
              )}
            </BlockStack>
          </Card>
          <Card>
            <input type="hidden" name="sendInvitation" value={sendInvitation ? "true" : "false"} />
            <Checkbox
              label="Email an invitation now"
              helpText="A single-use link to your store's creator portal, valid for 14 days."
              checked={sendInvitation}
              onChange={setSendInvitation}
            />
          </Card>
          <InlineStack align="end">
            <Button submit variant="primary" loading={navigation.state === "submitting"}>
              Save creator
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Page>
  );
}
