import type { Shop } from "@prisma/client";
import { db } from "../db.server";
import { DEMO_SHOP_DOMAIN, DEMO_STAFF_ID, isDemoMode } from "../demo/demo-mode.server";
import { authenticate } from "../shopify.server";
import { recordShopInstalled } from "../shops/record-shop-installed.server";

export interface StaffContext {
  shop: Shop;
  /** Who acts, for the audit trail: the Shopify staff user id, or the demo user. */
  staffId: string;
  demo: boolean;
}

/**
 * Authenticates an admin request (session token / token exchange) and resolves the shop.
 * Throws Shopify's redirect or a 401 response rather than returning a flag.
 */
export async function requireStaff(request: Request): Promise<StaffContext> {
  if (isDemoMode()) {
    const shop = await db().shop.findUnique({ where: { domain: DEMO_SHOP_DOMAIN } });
    if (!shop) throw new Response("The demo shop has not been seeded.", { status: 503 });
    return { shop, staffId: DEMO_STAFF_ID, demo: true };
  }
  const { session, admin } = await authenticate.admin(request);
  const shop =
    (await db().shop.findUnique({ where: { domain: session.shop } })) ??
    (await recordShopInstalled(session.shop, admin));
  const staffId = session.onlineAccessInfo?.associated_user?.id?.toString() ?? `staff@${session.shop}`;
  return { shop, staffId, demo: false };
}
