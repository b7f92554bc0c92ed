// How the portal answers: HTML fragments (the block injects them) and full pages served as
// application/liquid (Shopify renders them inside the theme's layout). Never cached: they are one
// customer's data.
import type { Html } from "./html";
import { renderNotice } from "./render-portal";
import { portalStrings, type PortalLocale } from "./portal-strings";

const PRIVATE = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };

/**
 * An answer as plain data. The portal's GET is served straight from it (scripts/app-server.ts):
 * building an undici Response and reading its 34 KB body back cost ≈ 0.05 ms of CPU a page.
 */
export interface PortalAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function fragmentAnswer(body: Html, init: { status?: number; headers?: Record<string, string> } = {}): PortalAnswer {
  return {
    status: init.status ?? 200,
    headers: { "Content-Type": "text/html; charset=utf-8", ...PRIVATE, ...init.headers },
    body: body.value,
  };
}

/** The same answer as a web Response (Remix's routes, the thrown refusals). */
export function answerResponse(answer: PortalAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

export function fragmentResponse(body: Html, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return answerResponse(fragmentAnswer(body, init));
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
