// The shop and its offline session, cached per app instance (issue 16 §4): the portal needs both on
// every request, and both change rarely. Every write to the shop's row or to its offline session
// changes "Shop"."cacheVersion" (a trigger: 20261207070000_shop_cache_version), so each use costs
// one indexed integer read instead of two rows through Prisma, and a change made by ANY instance
// (a settings save, a reinstall, a token refresh) is seen by the very next request: no TTL, no
// notification to miss. Keyed by domain; an entry also carries the shop's id, so a shop deleted
// and installed again under the same domain (a new id) never serves the old row.
import type { Shop } from "@prisma/client";
import { db } from "../db.server";
import { pgPool } from "../lib/pg-pool.server";

export interface CachedShop {
  shop: Shop;
  /** The shop's offline session (offline_<domain>): its Admin API token and granted scopes. */
  offlineSession: { accessToken: string; scope: string | null } | null;
}

const MAX_ENTRIES = 1_000;
// Insertion-ordered: a hit moves the entry to the end, the first one is the least recently used.
const entries = new Map<string, CachedShop>();

const VERSION_OF = { name: "shop-cache-version", text: `SELECT "id", "cacheVersion" FROM "Shop" WHERE "domain" = $1` };

/** Loads the row, then the session: anything written after the row was read carries a newer version, so it is reloaded next time. */
async function load(domain: string): Promise<CachedShop | null> {
  const shop = await db().shop.findUnique({ where: { domain } });
  if (!shop) return null;
  const session = await db().session.findUnique({ where: { id: `offline_${domain}` }, select: { accessToken: true, scope: true } });
  return { shop, offlineSession: session };
}

/** The shop's id and cache version as read now (null: no shop with the domain). */
export interface ShopVersion {
  id: string;
  cacheVersion: number;
}

/**
 * The entry this instance holds for the domain, NOT yet checked current: for a caller that reads
 * the version inside a statement of its own (the portal's read preamble) and then asks
 * `confirmCachedShop`. Null when none is held.
 */
export function peekCachedShop(domain: string): CachedShop | null {
  return entries.get(domain) ?? null;
}

/**
 * Whether `current` (the shop's id and version read now) says the held entry is still the shop's
 * row and session; it then counts as used. Otherwise the entry is dropped, so the next
 * `readCachedShop` loads the shop again.
 */
export function confirmCachedShop(domain: string, cached: CachedShop, current: ShopVersion | null | undefined): boolean {
  if (entries.get(domain) !== cached) return false;
  entries.delete(domain);
  if (!current || current.id !== cached.shop.id || current.cacheVersion !== cached.shop.cacheVersion) return false;
  entries.set(domain, cached); // moved to the most recently used end
  return true;
}

/** The shop with this domain and its offline session, current as of this call; null when there is no such shop. */
export async function readCachedShop(domain: string): Promise<CachedShop | null> {
  const cached = entries.get(domain);
  if (cached) {
    const { rows } = await pgPool().query<ShopVersion>({ ...VERSION_OF, values: [domain] });
    const current = rows[0];
    if (confirmCachedShop(domain, cached, current)) return cached;
    if (!current) return null;
  }
  const loaded = await load(domain);
  if (loaded) {
    entries.set(domain, loaded);
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  }
  return loaded;
}

/** Tests only: how many shops this instance holds. */
export function cachedShopCount(): number {
  return entries.size;
}
