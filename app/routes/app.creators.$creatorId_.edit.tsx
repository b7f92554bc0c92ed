import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, InlineStack, Page } from "@shopify/polaris";
import { useState } from "react";
import { requireStaff } from "~/auth/require-staff.server";
import { CreatorFormFields } from "~/components/CreatorFormFields";
import { withDone } from "~/components/Feedback";
import { saveCreatorWithShopifyCode } from "~/discounts/save-creator-with-code.server";
import { DiscountTermsFields } from "~/components/DiscountTermsFields";
import { discountDefaultsOf } from "~/discounts/discount-defaults";
import { actionResponse, attempt } from "~/lib/action-result.server";
import { db } from "~/db.server";
import { BODY_LIMITS, readFormData } from "~/http/bounded-body.server";
import { listPlanChoices } from "~/plans/plans.server";
import { countryOptions } from "~/domain/countries";
import { readMaskedTaxId } from "~/creators/masked-tax-id.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  const creator = await db().creator.findFirst({
    where: { id: params.creatorId!, shopId: shop.id },
    include: { discountCodes: { orderBy: { code: "asc" } } },
  });
  if (!creator) throw new Response("That creator does not exist in this shop.", { status: 404 });
  return {
    id: creator.id,
    initial: {
      name: creator.name,
      email: creator.email,
      socialHandle: creator.socialHandle ?? "",
      referralCode: creator.referralCode,
      discountCodes: creator.discountCodes.map((c) => c.code).join(", "),
      tags: creator.tags.join(", "),
      notes: creator.notes ?? "",
      commissionPlanId: creator.commissionPlanId ?? "",
      locale: creator.locale ?? "",
      postalAddress: creator.postalAddress ?? "",
      taxCountry: creator.taxCountry ?? "",
      taxId: "",
    },
    taxIdOnFile: readMaskedTaxId(creator),
    countries: countryOptions(),
    plans: await listPlanChoices(shop),
    currency: shop.currency,
    discountDefaults: discountDefaultsOf(shop),
  };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, actor } = await requireStaff(request);
  const form = Object.fromEntries(await readFormData(request, BODY_LIMITS.adminForm));
  const result = await attempt(() => saveCreatorWithShopifyCode(shop, form, actor, params.creatorId!));
  if (!result.ok) return actionResponse(result);
  const done =
    result.removedCodes === "still_active"
      ? "creator_updated_code_still_active"
      : result.codeMissing
        ? "creator_saved_without_code"
        : result.removedCodes === "deactivated"
          ? "creator_updated_code_deactivated"
          : "creator_updated";
  throw redirect(withDone(`/app/creators/${result.creatorId}`, done));
};

export default function EditCreator() {
  const { id, initial, plans, countries, taxIdOnFile, currency, discountDefaults } = useLoaderData<typeof loader>();
  const [createShopifyCode, setCreateShopifyCode] = useState(false);
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <Page title={`Edit ${initial.name}`} backAction={{ content: initial.name, url: `/app/creators/${id}` }} narrowWidth>
      <Form method="post" aria-label="Edit creator">
        <BlockStack gap="400">
          {result && !result.ok && (
            <Banner tone="critical" title="The changes were not saved">
              <p>{Object.keys(result.fieldErrors ?? {}).length ? "Correct the fields marked below." : result.message}</p>
            </Banner>
          )}
          <Card>
            <CreatorFormFields
              initial={initial}
              errors={result?.fieldErrors ?? {}}
              plans={plans}
              countries={countries}
              taxIdOnFile={taxIdOnFile}
            />
          </Card>
          <Card>
            <BlockStack gap="200">
              <input type="hidden" name="createShopifyCode" value={createShopifyCode ? "true" : "false"} />
              <Checkbox
                label="Create a discount code in Shopify"
                helpText="A new code discount in your store for this creator; it is deactivated when they are paused or archived."
                checked={createShopifyCode}
                onChange={setCreateShopifyCode}
              />
              {createShopifyCode && (
                <DiscountTermsFields errors={result?.fieldErrors ?? {}} currency={currency} defaults={discountDefaults} />
              )}
            </BlockStack>
          </Card>
          <InlineStack align="end">
            <Button submit variant="primary" loading={navigation.state === "submitting"}>
              Save changes
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Page>
  );
}
