// /apps/creator-payouts/portal (app proxy → /proxy/portal): the creator portal fragment the
// "Creator portal" block injects. GET renders it; POST runs one form (`intent`) and answers with
// the re-rendered fragment carrying the outcome. Every request is signature-checked; POSTs also
// need the same-store Origin and the portal's token (app/portal/portal-guards.server.ts).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { BODY_LIMITS } from "~/http/bounded-body.server";
import { guardPortalRead, guardWrite } from "~/portal/portal-guards.server";
import { portalPageAnswer, portalPageResponse } from "~/portal/portal-page.server";
import { answerResponse, type PortalAnswer } from "~/portal/portal-responses.server";
import { runApplyAction } from "~/portal/run-apply-action.server";
import { runCreatorAction } from "~/portal/run-portal-action.server";

const pageOptions = (request: Request) => {
  const url = new URL(request.url);
  return {
    commissionsPage: Number(url.searchParams.get("commissions_page") ?? "1"),
    showBalances: url.searchParams.get("show_balances") !== "false",
    // The link builder's path (a read: nothing is written).
    linkPath: url.searchParams.get("link_path"),
  };
};

/**
 * The server serves /proxy/portal GETs by calling this loader with `context.plainAnswer` and
 * writes the page's status, headers and text itself (scripts/app-server.ts); through Remix it is
 * the same answer as a Response. Refusals (401, 404, 429) are thrown as Responses either way.
 */
export const loader = async ({ request, context }: LoaderFunctionArgs): Promise<Response | PortalAnswer> => {
  // The creator comes with the checks (one statement) when this instance holds the shop.
  const { proxy, creator } = await guardPortalRead(request);
  const answer = await portalPageAnswer(proxy, { ...pageOptions(request), creator });
  return context.plainAnswer === true ? answer : answerResponse(answer);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  // The review form may carry the creator's invoice.
  const { proxy, form } = await guardWrite(request, BODY_LIMITS.portalUpload);
  const notice = form.get("intent") === "apply" ? await runApplyAction(proxy, form) : await runCreatorAction(proxy, form);
  return portalPageResponse(proxy, { ...pageOptions(request), notice, status: notice.status });
};
