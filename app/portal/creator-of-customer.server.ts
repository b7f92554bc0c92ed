// The creator linked to a storefront customer in a shop (status any; the oldest when several):
// every portal request reads it, as a named statement on the pool (no Prisma query compilation,
// issue 16 §4) or as one column of the portal's read preamble (portal-guards.server.ts). The row
// comes back as JSON so its zone-less timestamps are read as UTC (node-postgres would parse them
// in the process's local zone).
import { pgPool } from "../lib/pg-pool.server";
import { PORTAL_CREATOR_SELECT, type PortalView } from "./read-portal-view.server";

export type PortalCreator = PortalView["creator"];
export type PortalCreatorJson = Omit<PortalCreator, "payoutsHeldUntil" | "stripeOnboardingLinkExpiresAt"> & {
  payoutsHeldUntil: string | null;
  stripeOnboardingLinkExpiresAt: string | null;
};

/** A scalar subquery giving the creator as JSON (null when none); `$shop` and `$customer` are placeholders. */
export const creatorOfCustomerJsonSql = (shop: string, customer: string) => `(SELECT json_build_object(${Object.keys(PORTAL_CREATOR_SELECT)
  .map((column) => `'${column}', c."${column}"`)
  .join(", ")})
    FROM "Creator" c WHERE c."shopId" = ${shop} AND c."shopifyCustomerId" = ${customer} ORDER BY c."createdAt" ASC LIMIT 1)`;

const CREATOR_OF_CUSTOMER = { name: "portal-creator-of-customer", text: `SELECT ${creatorOfCustomerJsonSql("$1", "$2")} AS "creator"` };

const utcOrNull = (value: string | null) => (value === null ? null : new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`));

/** The creator as the JSON column gave it, timestamps as Dates; null stays null. */
export function creatorFromJson(creator: PortalCreatorJson | null | undefined): PortalCreator | null {
  if (!creator) return null;
  return {
    ...creator,
    payoutsHeldUntil: utcOrNull(creator.payoutsHeldUntil),
    stripeOnboardingLinkExpiresAt: utcOrNull(creator.stripeOnboardingLinkExpiresAt),
  };
}

/** The creator linked to the logged-in customer in this shop (status any), or null. */
export async function findCreatorOfCustomer(shopId: string, customerId: string): Promise<PortalCreator | null> {
  const { rows } = await pgPool().query<{ creator: PortalCreatorJson | null }>({ ...CREATOR_OF_CUSTOMER, values: [shopId, customerId] });
  return creatorFromJson(rows[0]?.creator);
}
