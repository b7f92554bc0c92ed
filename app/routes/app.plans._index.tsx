// Commission plans (DOMAIN.md §2): the list; each plan opens in its editor (app.plans.$planId.tsx).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { Banner, BlockStack, Page } from "@shopify/polaris";
import { requireStaff } from "~/auth/require-staff.server";
import { PlansListCard } from "~/components/plans/PlansListCard";
import { listPlans } from "~/plans/plans.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  return { plans: await listPlans(shop) };
};

export default function Plans() {
  const { plans } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  return (
    <Page
      title="Commission plans"
      subtitle="A deal's plan wins over its creator's, which wins over the shop default."
      primaryAction={{ content: "Create plan", url: "/app/plans/new" }}
    >
      <BlockStack gap="400">
        {search.get("saved") && <Banner tone="success" title={`Plan “${search.get("saved")}” saved`} />}
        <PlansListCard plans={plans} />
      </BlockStack>
    </Page>
  );
}
