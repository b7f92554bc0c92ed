// /apps/creator-payouts/clicks (app proxy → /proxy/clicks): the "Referral tracking" embed counts a
// click with a same-origin keepalive POST of {code, visitorId}. Answers 204 at once whatever the
// code (an unknown one is a no-op, so codes cannot be probed); no CORS headers (same origin only).
// Signature verified; Origin must be the store; rate limited per client address (the one Shopify's
// proxy appended: app/portal/client-address.server.ts).
import type { ActionFunctionArgs } from "@remix-run/node";
import { BODY_LIMITS, readBodyText, refuseDeclaredOversize } from "~/http/bounded-body.server";
import { isSameStoreOrigin } from "~/portal/origin-check.server";
import { verifyProxyRequest } from "~/portal/proxy-request.server";
import { clientAddress } from "~/portal/client-address.server";
import { CLICKS_PER_IP, hitRateLimit } from "~/portal/rate-limit.server";
import { recordReferralClick } from "~/portal/record-referral-click.server";

const empty = (status: number, headers: Record<string, string> = {}) =>
  new Response(null, { status, headers: { "Cache-Control": "no-store", ...headers } });

export const loader = () => empty(405, { Allow: "POST" });

export const action = async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "POST") return empty(405, { Allow: "POST" });
  refuseDeclaredOversize(request, BODY_LIMITS.referralClick);
  const proxy = await verifyProxyRequest(request);
  if (!isSameStoreOrigin(request, proxy)) return empty(403);
  const limit = await hitRateLimit(CLICKS_PER_IP, proxy.shop.id, clientAddress(request));
  if (!limit.allowed) return empty(429, { "Retry-After": String(limit.retryAfterSeconds) });
  let body: { code?: unknown; visitorId?: unknown } = {};
  try {
    body = JSON.parse(await readBodyText(request, BODY_LIMITS.referralClick)) ?? {};
  } catch (error) {
    if (error instanceof Response && error.status === 413) throw error;
    return empty(204);
  }
  await recordReferralClick(proxy.shop.id, { code: body.code, visitorId: body.visitorId });
  return empty(204);
};
