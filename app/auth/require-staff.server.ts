import type { Shop } from "@prisma/client";
import type { StaffActor } from "../audit/actor";
import { staffActorFrom } from "../audit/staff-actor";
import { db } from "../db.server";
import { DEMO_SHOP_DOMAIN, DEMO_STAFF, isDemoMode } from "../demo/demo-mode.server";
import { authenticate } from "../shopify.server";
import { isDomainError } from "../domain/errors";
import { installFailureResponse } from "../shops/install-failure.server";
import { readCachedShop } from "../shops/shop-cache.server";
import { onceInRequest } from "../lib/request-scope.server";
import { recordShopInstalled } from "../shops/record-shop-installed.server";

export interface StaffContext {
  shop: Shop;
  /** Who acts, for the audit trail: the Shopify staff user (id, name, email), or the demo user. */
  actor: StaffActor;
  /** The actor's id (the Shopify user id). */
  staffId: string;
  demo: boolean;
}

/**
 * Authenticates an admin request (session token / token exchange) and resolves the shop and the
 * staff member: with online tokens the session is the user's own, carrying their name and email.
 * Throws Shopify's redirect or a 401 response rather than returning a flag.
 */
export function requireStaff(request: Request): Promise<StaffContext> {
  // The admin layout's loader and the page's ask at once for the same GET: authenticate once.
  // A thrown Response (a redirect, the bounce page, a 401) reaches each loader as its own copy:
  // Remix reads a thrown Response's body, and a body can be read once.
  return onceInRequest("staff", () => authenticateStaff(request)).catch((error: unknown) => {
    throw error instanceof Response ? error.clone() : error;
  });
}

async function authenticateStaff(request: Request): Promise<StaffContext> {
  if (isDemoMode()) {
    const shop = await db().shop.findUnique({ where: { domain: DEMO_SHOP_DOMAIN } });
    if (!shop) throw new Response("The demo shop has not been seeded.", { status: 503 });
    return { shop, actor: { ...DEMO_STAFF }, staffId: DEMO_STAFF.id, demo: true };
  }
  const context = await authenticate.admin(request);
  const { session } = context;
  // The shop row from the per-instance cache (one indexed version read; app/shops/shop-cache.server.ts).
  const cached = await readCachedShop(session.shop);
  const shop =
    (cached ? { ...cached.shop } : null) ??
    // A session without its shop (an earlier afterAuth failed): record it now, or say why not.
    (await recordShopInstalled(session.shop, { shopDomain: session.shop, accessToken: session.accessToken }).catch(async (error) => {
      if (isDomainError(error)) throw await installFailureResponse(session.shop, error);
      throw error;
    }));
  const actor = staffActorFrom({
    shop: session.shop,
    user: session.onlineAccessInfo?.associated_user,
    sessionTokenSubject: "sessionToken" in context ? context.sessionToken?.sub : null,
  });
  return { shop, actor, staffId: actor.id, demo: false };
}
