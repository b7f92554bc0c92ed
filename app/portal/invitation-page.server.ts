// The page behind an emailed invitation link (/apps/creator-payouts/invitations/<token>).
import { hashInvitationToken, PORTAL_PROXY_PATH } from "../creators/invite-creator.server";
import { db } from "../db.server";
import { isDomainError } from "../domain/errors";
import { now } from "../lib/clock.server";
import { acceptInvitation, requestNewInvitation } from "./actions/accept-invitation.server";
import { html, type Html } from "./html";
import { tokenSubject } from "./portal-guards.server";
import { liquidPageResponse } from "./portal-responses.server";
import { portalStrings } from "./portal-strings";
import { issuePortalToken } from "./portal-token.server";
import type { ProxyRequest } from "./proxy-request.server";
import { readCustomerProfile } from "./read-customer-profile.server";
import { pageForm, pageMessage, renderPage } from "./render-page";
import { rememberCreatorLocale } from "../notifications/remember-creator-locale.server";

type InvitationState = "not_found" | "used" | "expired" | "valid" | "accepted_by_you";

async function invitationState(proxy: ProxyRequest, token: string) {
  const invitation =
    token.length > 0 && token.length <= 200
      ? await db().creatorInvitation.findFirst({
          where: { shopId: proxy.shop.id, tokenHash: hashInvitationToken(token) },
          select: { email: true, usedAt: true, expiresAt: true, creator: { select: { status: true, shopifyCustomerId: true } } },
        })
      : null;
  let state: InvitationState = "valid";
  if (!invitation) state = "not_found";
  else if (invitation.usedAt || invitation.creator.status !== "invited") {
    state = proxy.customerId && invitation.creator.shopifyCustomerId === proxy.customerId ? "accepted_by_you" : "used";
  } else if (invitation.expiresAt <= now()) state = "expired";
  // A fresh link can be sent for a creator still waiting to accept (to the invited email only).
  const canRequestNew = invitation !== null && invitation.creator.status === "invited" && state !== "valid";
  return { invitation, state, canRequestNew };
}

export async function invitationPage(
  proxy: ProxyRequest,
  token: string,
  outcome: { kind: "success" | "error"; message: string } | null = null,
  status = 200,
): Promise<Response> {
  const t = portalStrings(proxy.locale);
  const action = `${PORTAL_PROXY_PATH}/invitations/${encodeURIComponent(token)}?locale=${proxy.locale}`;
  const formToken = issuePortalToken(proxy.shop.id, tokenSubject(proxy));
  const { invitation, state, canRequestNew } = await invitationState(proxy, token);
  const parts: Html[] = [];
  if (outcome) parts.push(pageMessage(outcome.message, outcome.kind));
  const newLink = canRequestNew ? pageForm(action, formToken, "new_link", t.sendNewLink) : html``;
  if (state === "accepted_by_you") {
    if (!outcome) parts.push(pageMessage(t.invitationAccepted, "success"));
  } else if (state === "not_found") {
    if (!outcome) parts.push(pageMessage(t.invitationNotFound, "error"));
  } else if (state === "used") {
    if (!outcome) parts.push(pageMessage(t.invitationUsed, "error"));
    parts.push(newLink);
  } else if (state === "expired") {
    if (!outcome) parts.push(pageMessage(t.invitationExpired, "error"));
    parts.push(newLink);
  } else {
    parts.push(html`<p>${t.invitationIntro(proxy.shop.name)}</p>`);
    if (!proxy.customerId) {
      const login = `/account/login?return_url=${encodeURIComponent(`${PORTAL_PROXY_PATH}/invitations/${token}`)}`;
      parts.push(html`<p>${t.invitationLogIn}</p><p><a class="button creator-portal__button" href="${login}">${t.logIn}</a></p>`);
    } else {
      const profile = proxy.accessToken
        ? await readCustomerProfile(proxy.shop.domain, proxy.accessToken, proxy.customerId).catch(() => null)
        : null;
      const matches = profile?.email && invitation && profile.email.toLowerCase() === invitation.email.trim().toLowerCase();
      if (profile && !matches) {
        if (outcome?.kind !== "error") parts.push(pageMessage(t.invitationMismatch, "error"));
      } else {
        parts.push(pageForm(action, formToken, "accept", t.invitationAccept));
      }
    }
  }
  return liquidPageResponse(renderPage(t.invitationTitle, html`${parts}`), { status });
}

const MESSAGE_BY_CODE = {
  invitation_expired: "invitationExpired",
  invitation_used: "invitationUsed",
  invitation_not_found: "invitationNotFound",
  invitation_email_mismatch: "invitationMismatch",
} as const;

export async function invitationAction(proxy: ProxyRequest, token: string, form: FormData): Promise<Response> {
  const t = portalStrings(proxy.locale);
  const intent = form.get("intent");
  try {
    if (intent === "new_link") {
      await requestNewInvitation(proxy.shop.id, token);
      return invitationPage(proxy, token, { kind: "success", message: t.newLinkSent });
    }
    if (intent === "accept" && proxy.customerId && proxy.accessToken) {
      const profile = await readCustomerProfile(proxy.shop.domain, proxy.accessToken, proxy.customerId).catch(() => null);
      if (!profile) return invitationPage(proxy, token, { kind: "error", message: t.profileUnavailable }, 503);
      const { creatorId } = await acceptInvitation(proxy.shop.id, token, profile);
      await rememberCreatorLocale(proxy.shop.id, creatorId, proxy.locale);
      return invitationPage(proxy, token, { kind: "success", message: t.invitationAccepted });
    }
    return invitationPage(proxy, token, { kind: "error", message: t.invitationLogIn }, 422);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const key = MESSAGE_BY_CODE[error.code as keyof typeof MESSAGE_BY_CODE];
    return invitationPage(proxy, token, { kind: "error", message: key ? t[key] : error.message }, 422);
  }
}
