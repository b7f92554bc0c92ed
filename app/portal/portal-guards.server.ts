// The checks every portal request passes before anything is read or written:
// signature (proxy-request), rate limit, and for state changes the Origin and the portal token.
import { BODY_LIMITS, readFormData, refuseDeclaredOversize, type BodyLimit } from "../http/bounded-body.server";
import { clientAddress } from "./client-address.server";
import { isSameStoreOrigin } from "./origin-check.server";
import { forbiddenResponse, rateLimitedResponse } from "./portal-responses.server";
import { isValidPortalToken, PORTAL_TOKEN_FIELD } from "./portal-token.server";
import { verifyProxyRequest, type ProxyRequest } from "./proxy-request.server";
import { hitRateLimit, PORTAL_READS, PORTAL_WRITES } from "./rate-limit.server";

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
  const proxy = await verifyProxyRequest(request);
  if (proxy.customerId) {
    const limit = await hitRateLimit(PORTAL_READS, proxy.shop.id, proxy.customerId);
    if (!limit.allowed) throw rateLimitedResponse(proxy.locale, limit.retryAfterSeconds);
  }
  return proxy;
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
  const limit = await hitRateLimit(PORTAL_WRITES, proxy.shop.id, writeSubject(request, proxy));
  if (!limit.allowed) throw rateLimitedResponse(proxy.locale, limit.retryAfterSeconds);
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
