// The portal fragment for the customer behind a verified proxy request: the creator's portal, or
// what a logged-out visitor, a non-creator or an applicant sees.
import { pgPool } from "../lib/pg-pool.server";
import { issuePortalToken } from "./portal-token.server";
import type { ProxyRequest } from "./proxy-request.server";
import { readCustomerProfile } from "./read-customer-profile.server";
import { PORTAL_CREATOR_SELECT, readPortalView, type PortalView } from "./read-portal-view.server";
import { renderLogIn, renderNotCreator, renderPortal, type PortalNotice } from "./render-portal";
import { fragmentResponse } from "./portal-responses.server";

type PortalCreator = PortalView["creator"];
type PortalCreatorJson = Omit<PortalCreator, "payoutsHeldUntil" | "stripeOnboardingLinkExpiresAt"> & {
  payoutsHeldUntil: string | null;
  stripeOnboardingLinkExpiresAt: string | null;
};

export interface PortalPageOptions {
  commissionsPage?: number;
  showBalances?: boolean;
  notice?: PortalNotice | null;
  status?: number;
  /** The link builder's path, when the creator asked for links. */
  linkPath?: string | null;
}

// Every portal request reads it: a named statement on the pool, without Prisma's per-query
// compilation (issue 16 §4). The row comes back as JSON so its zone-less timestamps are read as
// UTC (node-postgres would parse them in the process's local zone).
const CREATOR_OF_CUSTOMER = {
  name: "portal-creator-of-customer",
  text: `SELECT json_build_object(${Object.keys(PORTAL_CREATOR_SELECT)
    .map((column) => `'${column}', c."${column}"`)
    .join(", ")}) AS "creator"
    FROM "Creator" c WHERE c."shopId" = $1 AND c."shopifyCustomerId" = $2 ORDER BY c."createdAt" ASC LIMIT 1`,
};

const utcOrNull = (value: string | null) => (value === null ? null : new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`));

/** The creator linked to the logged-in customer in this shop (status any), or null. */
export async function findCreatorOfCustomer(shopId: string, customerId: string): Promise<PortalCreator | null> {
  const { rows } = await pgPool().query<{ creator: PortalCreatorJson }>({ ...CREATOR_OF_CUSTOMER, values: [shopId, customerId] });
  const creator = rows[0]?.creator;
  if (!creator) return null;
  return {
    ...creator,
    payoutsHeldUntil: utcOrNull(creator.payoutsHeldUntil),
    stripeOnboardingLinkExpiresAt: utcOrNull(creator.stripeOnboardingLinkExpiresAt),
  };
}

export async function portalPageResponse(proxy: ProxyRequest, options: PortalPageOptions = {}): Promise<Response> {
  const { shop, customerId, locale } = proxy;
  const status = options.status ?? 200;
  if (!customerId) return fragmentResponse(renderLogIn(locale), { status });
  const ctx = {
    locale,
    token: issuePortalToken(shop.id, customerId),
    notice: options.notice ?? null,
    keptQuery: options.showBalances === false ? "&show_balances=false" : "",
    linkPath: options.linkPath ?? null,
  };
  const creator = await findCreatorOfCustomer(shop.id, customerId);
  if (creator && (creator.status === "active" || creator.status === "paused")) {
    const view = await readPortalView(shop, creator, {
      commissionsPage: options.commissionsPage ?? 1,
      offlineScope: proxy.offlineScope,
    });
    return fragmentResponse(renderPortal(view, ctx, { showBalances: options.showBalances ?? true }), { status });
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
  return fragmentResponse(renderNotCreator(ctx, { selfSignupEnabled: shop.selfSignupEnabled, application, suggestedName }), { status });
}
