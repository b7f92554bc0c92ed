// /apps/creator-payouts/invitations/<token> (app proxy → /proxy/invitations/<token>): the page an
// invitation email links to, served as application/liquid so the theme wraps it. GET shows what
// the visitor can do (log in, accept, ask for a new link); POST accepts or asks for a new link
// (signature, same-store Origin and portal token required).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { invitationAction, invitationPage } from "~/portal/invitation-page.server";
import { guardRead, guardWrite } from "~/portal/portal-guards.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const proxy = await guardRead(request);
  return invitationPage(proxy, params.token ?? "");
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { proxy, form } = await guardWrite(request);
  return invitationAction(proxy, params.token ?? "", form);
};
