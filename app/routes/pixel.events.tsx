// POST /pixel/events?shop=<shop>.myshopify.com: the app's Web Pixel (extensions/referral-pixel)
// reports referral landings and checkouts. Public (the pixel holds no secret), so every request is
// checked: an installed shop, an Origin of that shop's storefront, a rate limit per shop and
// client, a bounded body of the exact shape (400 and nothing stored otherwise). Stored once per
// event id. CORS: OPTIONS answers allowed origins; sendBeacon's text/plain POST needs no preflight.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { parsePixelEvent } from "~/domain/pixel/pixel-event-payload";
import { BODY_LIMITS, readBodyText, refuseDeclaredOversize } from "~/http/bounded-body.server";
import { isAllowedPixelOrigin, pixelCorsHeaders } from "~/pixel/pixel-origin.server";
import { recordPixelEvent } from "~/pixel/record-pixel-event.server";
import { directClientAddress } from "~/portal/client-address.server";
import { PIXEL_EVENTS_PER_CLIENT, hitRateLimit } from "~/portal/rate-limit.server";
import { recordReferralClick } from "~/portal/record-referral-click.server";

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

const answer = (status: number, sentence: string | null, headers: Record<string, string> = {}) =>
  new Response(sentence, {
    status,
    headers: { "Cache-Control": "no-store", ...(sentence ? { "Content-Type": "text/plain; charset=utf-8" } : {}), ...headers },
  });

async function installedShop(request: Request) {
  const domain = new URL(request.url).searchParams.get("shop")?.trim().toLowerCase() ?? "";
  if (!SHOP_DOMAIN.test(domain)) return { error: answer(400, "The shop parameter must be a myshopify.com domain.") };
  const shop = await db().shop.findUnique({ where: { domain } });
  if (!shop || shop.installState !== "installed") return { error: answer(404, "This shop does not have the app installed.") };
  return { shop };
}

async function checkShopAndOrigin(request: Request) {
  const { shop, error } = await installedShop(request);
  if (!shop) return { error };
  const origin = request.headers.get("origin");
  if (!isAllowedPixelOrigin(shop, origin)) return { error: answer(403, "Pixel events are accepted only from the shop's storefront.") };
  return { shop, cors: pixelCorsHeaders(origin) };
}

const notPosted = () => answer(405, "Pixel events are posted.", { Allow: "POST, OPTIONS" });

// Remix hands OPTIONS (a CORS preflight) to the loader.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  if (request.method !== "OPTIONS") return notPosted();
  const { cors, error } = await checkShopAndOrigin(request);
  return cors ? answer(204, null, cors) : error;
};

export const action = async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "POST") return notPosted();
  refuseDeclaredOversize(request, BODY_LIMITS.pixelEvent);
  const { shop, cors, error } = await checkShopAndOrigin(request);
  if (!shop) return error;

  const limit = await hitRateLimit(PIXEL_EVENTS_PER_CLIENT, shop.id, directClientAddress(request));
  if (!limit.allowed) {
    return answer(429, "Too many pixel events: try again shortly.", { ...cors, "Retry-After": String(limit.retryAfterSeconds) });
  }
  const parsed = parsePixelEvent(await readBodyText(request, BODY_LIMITS.pixelEvent));
  if (!parsed.ok) return answer(400, `Not a pixel event: ${parsed.reason}`, cors);
  const event = parsed.value;
  const outcome = await recordPixelEvent(shop, event);
  // A landing is a referral click: the same ReferralClick row the theme embed writes (Reports count
  // it once per visitor, code and day, whichever of the two reported it; they share the visitor id).
  if (outcome === "stored" && event.kind === "landing") {
    await recordReferralClick(shop.id, { code: event.referralCode, visitorId: event.visitorId });
  }
  return answer(202, outcome === "stored" ? "Stored." : "Already stored.", cors);
};
