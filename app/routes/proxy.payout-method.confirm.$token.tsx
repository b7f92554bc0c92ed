// /apps/creator-payouts/payout-method/confirm/<token>: confirms a payout-method change from the
// emailed link. GET shows a confirm button (link scanners must not confirm); POST confirms.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { confirmAction, confirmPage } from "~/portal/payout-method-confirm-page.server";
import { guardRead, guardWrite } from "~/portal/portal-guards.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const proxy = await guardRead(request);
  return confirmPage(proxy, params.token ?? "");
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { proxy } = await guardWrite(request);
  return confirmAction(proxy, params.token ?? "");
};
