// When the afterAuth hook cannot record the shop (Shopify unreachable, throttled or refusing the
// token), the Shopify library would answer a bare 500 and keep the sessions it just stored, so
// the next open would skip afterAuth and the shop would never be recorded. Instead: forget the
// sessions (the next open exchanges tokens and runs afterAuth again) and answer a page with the
// sentence. Its status is the domain error's, except that an outside service being unavailable
// is answered 200: the page is the answer, shown in the admin's app frame ("open the app again").
import { db } from "../db.server";
import type { DomainError } from "../domain/errors";
import { escapeHtml } from "../email/email-body";
import { statusOfDomainError } from "../http/domain-error-status";
import { logger } from "../lib/logger.server";

export async function installFailureResponse(shopDomain: string, error: DomainError): Promise<Response> {
  await db().session.deleteMany({ where: { shop: shopDomain } });
  logger().warn({ module: "install", shop: shopDomain, code: error.code }, error.message);
  const status = statusOfDomainError(error.code);
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Creator Payouts</title></head>
<body style="font-family: system-ui, sans-serif; margin: 2rem; max-width: 40rem">
<h1 style="font-size: 1.25rem">Creator Payouts could not finish installing</h1>
<p>${escapeHtml(error.message)}</p>
<p>Nothing was set up yet. Open the app again from Shopify admin to finish installing.</p>
</body></html>`;
  return new Response(body, {
    status: status >= 500 ? 200 : status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}
