// The page behind the emailed "confirm your payout method" link. GET only shows a button: email
// link scanners fetch links, so confirming needs a POST (with the portal token and Origin check).
import { PORTAL_PROXY_PATH } from "../creators/invite-creator.server";
import { db } from "../db.server";
import { isDomainError } from "../domain/errors";
import { now } from "../lib/clock.server";
import { confirmPayoutMethodChange, hashPayoutMethodToken } from "./actions/change-payout-method.server";
import { html } from "./html";
import { tokenSubject } from "./portal-guards.server";
import { liquidPageResponse } from "./portal-responses.server";
import { intlLocale, portalStrings } from "./portal-strings";
import { issuePortalToken } from "./portal-token.server";
import type { ProxyRequest } from "./proxy-request.server";
import { pageForm, pageMessage, renderPage } from "./render-page";

export async function confirmPage(proxy: ProxyRequest, token: string): Promise<Response> {
  const t = portalStrings(proxy.locale);
  const change =
    token && token.length <= 200
      ? await db().payoutMethodChange.findFirst({
          where: {
            shopId: proxy.shop.id,
            tokenHash: hashPayoutMethodToken(token),
            confirmedAt: null,
            supersededAt: null,
            expiresAt: { gt: now() },
          },
          select: { summary: true },
        })
      : null;
  const action = `${PORTAL_PROXY_PATH}/payout-method/confirm/${encodeURIComponent(token)}?locale=${proxy.locale}`;
  // An unusable link still gets the button: the POST answers with the precise reason.
  const body = html`<p>${change ? t.confirmText(change.summary) : t.confirmIntro}</p>${pageForm(
    action,
    issuePortalToken(proxy.shop.id, tokenSubject(proxy)),
    "confirm",
    t.confirmButton,
  )}`;
  return liquidPageResponse(renderPage(t.confirmTitle, body));
}

export async function confirmAction(proxy: ProxyRequest, token: string): Promise<Response> {
  const t = portalStrings(proxy.locale);
  try {
    const { summary, payoutsHeldUntil } = await confirmPayoutMethodChange(proxy.shop.id, token);
    const until = new Intl.DateTimeFormat(intlLocale(proxy.locale), {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: proxy.shop.timezone,
    }).format(payoutsHeldUntil);
    return liquidPageResponse(renderPage(t.confirmTitle, pageMessage(t.confirmDone(summary, until), "success")));
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return liquidPageResponse(renderPage(t.confirmTitle, pageMessage(error.message, "error")), { status: 422 });
  }
}
