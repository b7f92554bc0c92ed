// The checks every portal request passes before anything is read or written:
// signature (proxy-request), rate limit, and for state changes the Origin and the portal token.
import { clientAddress } from "./client-address.server";
import { isSameStoreOrigin } from "./origin-check.server";
import { forbiddenResponse, rateLimitedResponse } from "./portal-responses.server";
import { isValidPortalToken, PORTAL_TOKEN_FIELD } from "./portal-token.server";
import { verifyProxyRequest, type ProxyRequest } from "./proxy-request.server";
import { hitRateLimit, PORTAL_READS, PORTAL_WRITES } from "./rate-limit.server";

/** Uploads are capped at 5 MB; the whole form may carry a little more. */
const MAX_FORM_BYTES = 6 * 1024 * 1024;

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
 * the parsed form. Throws 401 (signature), 403 (origin, token), 413 (too large) or 429 (limit).
 */
export async function guardWrite(request: Request): Promise<{ proxy: ProxyRequest; form: FormData }> {
  const proxy = await verifyProxyRequest(request);
  if (!isSameStoreOrigin(request, proxy)) throw forbiddenResponse(proxy.locale);
  // Counted before the body is read: posts with a bad token must not be free to repeat.
  const limit = await hitRateLimit(PORTAL_WRITES, proxy.shop.id, writeSubject(request, proxy));
  if (!limit.allowed) throw rateLimitedResponse(proxy.locale, limit.retryAfterSeconds);
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_FORM_BYTES) {
    throw new Response("The upload is larger than 5 MB.", { status: 413, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw forbiddenResponse(proxy.locale);
  }
  if (!isValidPortalToken(form.get(PORTAL_TOKEN_FIELD), proxy.shop.id, tokenSubject(proxy))) throw forbiddenResponse(proxy.locale);
  return { proxy, form };
}
