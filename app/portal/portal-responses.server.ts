// How the portal answers: HTML fragments (the block injects them) and full pages served as
// application/liquid (Shopify renders them inside the theme's layout). Never cached: they are one
// customer's data.
import type { Html } from "./html";
import { renderNotice } from "./render-portal";
import { portalStrings, type PortalLocale } from "./portal-strings";

const PRIVATE = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };

export function fragmentResponse(body: Html, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(body.value, {
    status: init.status ?? 200,
    headers: { "Content-Type": "text/html; charset=utf-8", ...PRIVATE, ...init.headers },
  });
}

/**
 * A full storefront page: Shopify's app proxy renders an `application/liquid` answer inside the
 * shop's theme (header, footer, fonts), the values in it escaped (braces included) so that no
 * text becomes Liquid.
 */
export function liquidPageResponse(body: Html, init: { status?: number } = {}): Response {
  return new Response(body.value, {
    status: init.status ?? 200,
    headers: { "Content-Type": "application/liquid; charset=utf-8", ...PRIVATE },
  });
}

export function rateLimitedResponse(locale: PortalLocale, retryAfterSeconds: number): Response {
  return fragmentResponse(renderNotice(locale, portalStrings(locale).rateLimited, { alert: true }), {
    status: 429,
    headers: { "Retry-After": String(retryAfterSeconds) },
  });
}

export function forbiddenResponse(locale: PortalLocale): Response {
  return fragmentResponse(renderNotice(locale, portalStrings(locale).forbidden, { alert: true }), { status: 403 });
}
