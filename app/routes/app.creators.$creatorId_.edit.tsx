import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Page } from "@shopify/polaris";
import { requireStaff } from "~/auth/require-staff.server";
import { CreatorFormFields } from "~/components/CreatorFormFields";
import { withDone } from "~/components/Feedback";
import { saveCreator } from "~/creators/save-creator.server";
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
  };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, actor } = await requireStaff(request);
  const form = Object.fromEntries(await readFormData(request, BODY_LIMITS.adminForm));
  const result = await attempt(() => saveCreator(shop.id, form, actor, params.creatorId!));
  if (!result.ok) return actionResponse(result);
  throw redirect(withDone(`/app/creators/${result.creatorId}`, "creator_updated"));
};

export default function EditCreator() {
  const { id, initial, plans, countries, taxIdOnFile } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <Page title={`Edit ${initial.name}`} backAction={{ content: initial.name, url: `/app/creators/${id}` }} narrowWidth>
      <Form method="post" aria-label="Edit creator">
        <BlockStack gap="400">
          {result?.fieldErrors && (
            <Banner tone="critical" title="The changes were not saved">
              <p>Correct the fields marked below.</p>
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
