// The portal fragment for the customer behind a verified proxy request: the creator's portal, or
// what a logged-out visitor, a non-creator or an applicant sees.
import { findCreatorOfCustomer, type PortalCreator } from "./creator-of-customer.server";
import { issuePortalToken } from "./portal-token.server";
import type { ProxyRequest } from "./proxy-request.server";
import { readCustomerProfile } from "./read-customer-profile.server";
import { readPortalView } from "./read-portal-view.server";
import { renderLogIn, renderNotCreator, renderPortal, type PortalNotice } from "./render-portal";
import { answerResponse, fragmentAnswer, type PortalAnswer } from "./portal-responses.server";

export interface PortalPageOptions {
  commissionsPage?: number;
  showBalances?: boolean;
  notice?: PortalNotice | null;
  status?: number;
  /** The link builder's path, when the creator asked for links. */
  linkPath?: string | null;
  /** The customer's creator when the caller has read it already (null: none); undefined: read it here. */
  creator?: PortalCreator | null;
}

export async function portalPageResponse(proxy: ProxyRequest, options: PortalPageOptions = {}): Promise<Response> {
  return answerResponse(await portalPageAnswer(proxy, options));
}

/** The page as plain data (status, headers, body): what portalPageResponse answers. */
export async function portalPageAnswer(proxy: ProxyRequest, options: PortalPageOptions = {}): Promise<PortalAnswer> {
  const { shop, customerId, locale } = proxy;
  const status = options.status ?? 200;
  if (!customerId) return fragmentAnswer(renderLogIn(locale), { status });
  const ctx = {
    locale,
    token: issuePortalToken(shop.id, customerId),
    notice: options.notice ?? null,
    keptQuery: options.showBalances === false ? "&show_balances=false" : "",
    linkPath: options.linkPath ?? null,
  };
  const creator = options.creator !== undefined ? options.creator : await findCreatorOfCustomer(shop.id, customerId);
  if (creator && (creator.status === "active" || creator.status === "paused")) {
    const view = await readPortalView(shop, creator, {
      commissionsPage: options.commissionsPage ?? 1,
      offlineScope: proxy.offlineScope,
    });
    return fragmentAnswer(renderPortal(view, ctx, { showBalances: options.showBalances ?? true }), { status });
  }
  let suggestedName = "";
  if (!creator && shop.selfSignupEnabled && proxy.accessToken) {
    // Only to fill in the form: the portal works without it.
    const profile = await readCustomerProfile(shop.domain, proxy.accessToken, customerId).catch(() => null);
    suggestedName = [profile?.firstName, profile?.lastName].filter(Boolean).join(" ");
  }
  const application =
    creator?.status === "applied" || creator?.status === "declined" || creator?.status === "invited" || creator?.status === "archived"
      ? creator.status
      : null;
  return fragmentAnswer(renderNotCreator(ctx, { selfSignupEnabled: shop.selfSignupEnabled, application, suggestedName }), { status });
}
