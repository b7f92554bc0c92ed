// The checks every portal request passes before anything is read or written:
// signature (proxy-request), rate limit, and for state changes the Origin and the portal token.
import { BODY_LIMITS, readFormData, refuseDeclaredOversize, type BodyLimit } from "../http/bounded-body.server";
import { clientAddress } from "./client-address.server";
import { isSameStoreOrigin } from "./origin-check.server";
import { forbiddenResponse, rateLimitedResponse } from "./portal-responses.server";
import { isValidPortalToken, PORTAL_TOKEN_FIELD } from "./portal-token.server";
import { pgPool } from "../lib/pg-pool.server";
import { confirmCachedShop, peekCachedShop, readCachedShop, type ShopVersion } from "../shops/shop-cache.server";
import { creatorFromJson, creatorOfCustomerJsonSql, type PortalCreator, type PortalCreatorJson } from "./creator-of-customer.server";
import { proxyRequestOf, readSignedProxyQuery, verifyProxyRequest, type ProxyRequest, type SignedProxyQuery } from "./proxy-request.server";
import {
  hitRateLimit,
  PORTAL_READS,
  PORTAL_WRITES,
  rateLimitHitSql,
  rateLimitVerdict,
  rateLimitWindow,
  type RateLimitResult,
  type RateLimitWindow,
} from "./rate-limit.server";

/** Who the token is bound to: the logged-in customer, or "anonymous" on emailed-link pages. */
export const tokenSubject = (proxy: ProxyRequest) => proxy.customerId ?? "anonymous";

/**
 * Whose write bucket a POST counts against: the logged-in customer's, or, logged out (pages from
 * emailed links), the client address Shopify's proxy appended. Never one bucket for every
 * logged-out visitor: one noisy visitor would lock all the others out.
 */
const writeSubject = (request: Request, proxy: ProxyRequest) =>
  proxy.customerId ? `customer:${proxy.customerId}` : `client:${clientAddress(request)}`;

/** A signed GET: counted against the customer's (or, logged out, nobody's) read limit. */
export async function guardRead(request: Request): Promise<ProxyRequest> {
  return guardSignedRead(readSignedProxyQuery(request));
}

async function guardSignedRead(signed: SignedProxyQuery): Promise<ProxyRequest> {
  const proxy = proxyRequestOf(signed, await readCachedShop(signed.domain));
  if (proxy.customerId) refuseOverLimit(proxy, await hitRateLimit(PORTAL_READS, proxy.shop.id, proxy.customerId));
  return proxy;
}

function refuseOverLimit(proxy: ProxyRequest, limit: RateLimitResult) {
  if (!limit.allowed) throw rateLimitedResponse(proxy.locale, limit.retryAfterSeconds);
}

// The portal page's checks and its creator in ONE round trip (issue 16 §4): the read-limit hit,
// the cached shop's current version and the customer's creator, as a named statement. The hit's
// key names the cached shop's id; the version tells whether that entry is still the shop.
const READ_PREAMBLE = {
  name: "portal-read-preamble",
  text: `WITH hit AS (${rateLimitHitSql("$1", "$2")})
    SELECT (SELECT "hits" FROM hit) AS "hits",
      (SELECT json_build_object('id', s."id", 'cacheVersion', s."cacheVersion") FROM "Shop" s WHERE s."domain" = $3) AS "shop",
      ${creatorOfCustomerJsonSql("$4", "$5")} AS "creator"`,
};

interface ReadPreambleRow {
  hits: number;
  shop: ShopVersion | null;
  creator: PortalCreatorJson | null;
}

/**
 * `guardRead` for the portal page, with the logged-in customer's creator read in the same
 * statement when this instance holds the shop (every request but the first): returns it (null:
 * the customer is no creator), or leaves it undefined when it was not read (the page reads it).
 * Same answers as `guardRead`: 401, 404, 429 thrown as Responses.
 */
export async function guardPortalRead(request: Request): Promise<{ proxy: ProxyRequest; creator?: PortalCreator | null }> {
  const signed = readSignedProxyQuery(request);
  const cached = peekCachedShop(signed.domain);
  if (!cached || !signed.customerId) return { proxy: await guardSignedRead(signed) };
  const window: RateLimitWindow = rateLimitWindow(PORTAL_READS, cached.shop.id, signed.customerId);
  const {
    rows: [row],
  } = await pgPool().query<ReadPreambleRow>({
    ...READ_PREAMBLE,
    values: [window.key, window.windowStart.toISOString(), signed.domain, cached.shop.id, signed.customerId],
  });
  let proxy: ProxyRequest;
  if (confirmCachedShop(signed.domain, cached, row.shop)) proxy = proxyRequestOf(signed, cached);
  // Another shop under this domain now (deleted, installed again), or none: the long way, counted
  // under the current shop's id (the hit above went to a bucket nobody reads any more).
  else if (row.shop?.id !== cached.shop.id) return { proxy: await guardSignedRead(signed) };
  // The same shop, changed since it was cached (a settings save, a new token, an uninstall): its
  // row is read again; the hit and the creator stand.
  else proxy = proxyRequestOf(signed, await readCachedShop(signed.domain));
  refuseOverLimit(proxy, await rateLimitVerdict(window, row.hits));
  return { proxy, creator: creatorFromJson(row.creator) };
}

/**
 * A signed, same-store POST carrying a portal token this shop issued to this customer: returns
 * the parsed form. Throws 401 (signature), 403 (origin, token), 413 (body above `limit`, refused
 * while it streams in) or 429 (limit). `bodyLimit`: BODY_LIMITS.portalUpload on the form that may
 * carry an invoice, else the small portalForm.
 */
export async function guardWrite(
  request: Request,
  bodyLimit: BodyLimit = BODY_LIMITS.portalForm,
): Promise<{ proxy: ProxyRequest; form: FormData }> {
  refuseDeclaredOversize(request, bodyLimit);
  const proxy = await verifyProxyRequest(request);
  if (!isSameStoreOrigin(request, proxy)) throw forbiddenResponse(proxy.locale);
  // Counted before the body is read: posts with a bad token must not be free to repeat.
  refuseOverLimit(proxy, await hitRateLimit(PORTAL_WRITES, proxy.shop.id, writeSubject(request, proxy)));
  let form: FormData;
  try {
    form = await readFormData(request, bodyLimit);
  } catch (error) {
    if (error instanceof Response && error.status === 413) throw error;
    throw forbiddenResponse(proxy.locale); // not a form: it cannot carry the token either
  }
  if (!isValidPortalToken(form.get(PORTAL_TOKEN_FIELD), proxy.shop.id, tokenSubject(proxy))) throw forbiddenResponse(proxy.locale);
  return { proxy, form };
}
