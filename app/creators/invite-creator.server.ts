import { createHash, randomBytes } from "node:crypto";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { formatShopDate } from "../domain/calendar";
import { DomainError } from "../domain/errors";
import { resolvePlan } from "../commissions/resolve-plan.server";
import { queueEmail } from "../email/send-email.server";
import { creatorLocale, invitationEmail, type CommissionTerms } from "../notifications/creator-emails";
import { now } from "../lib/clock.server";
import { withTransaction } from "../db/transaction.server";

const INVITATION_DAYS = 14;
/** The storefront path of the creator portal, served through the app proxy (shopify.app.toml). */
export const PORTAL_PROXY_PATH = "/apps/creator-payouts";

export const hashInvitationToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Sends (or re-sends) an invitation: a random single-use token, stored only as its hash, that
 * expires after 14 days; earlier unused invitations of the creator stop working.
 */
export async function inviteCreator(shopId: string, creatorId: string, actor: Actor) {
  const token = randomBytes(32).toString("base64url");
  return withTransaction("short", async (tx) => {
    const creator = await tx.creator.findFirst({ where: { id: creatorId, shopId }, include: { shop: true } });
    if (!creator) throw new DomainError("creator_not_found", "This creator does not exist in your shop.");
    if (creator.status !== "invited") {
      throw new DomainError("not_invitable", `${creator.name} is ${creator.status}: only invited creators can be sent an invitation.`);
    }
    const issuedAt = now();
    await tx.creatorInvitation.updateMany({
      where: { shopId, creatorId, usedAt: null, expiresAt: { gt: issuedAt } },
      data: { expiresAt: issuedAt },
    });
    const expiresAt = new Date(issuedAt.getTime() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
    const invitation = await tx.creatorInvitation.create({
      data: { shopId, creatorId, email: creator.email, tokenHash: hashInvitationToken(token), expiresAt },
    });
    const link = `https://${creator.shop.domain}${PORTAL_PROXY_PATH}/invitations/${token}`;
    // The invitation states the terms the creator earns by: the plan that applies to them now.
    const resolved = await resolvePlan(tx, creator.shop, creator.id);
    const plan = resolved?.plan;
    const hold = creator.shop.holdPeriodDays;
    const terms: CommissionTerms =
      plan?.kind === "percentage" && plan.rateBasisPoints !== null
        ? { kind: "percentage", rateBasisPoints: plan.rateBasisPoints, holdPeriodDays: hold, newCustomersOnly: plan.newCustomersOnly }
        : plan?.kind === "flat" && plan.flatAmountMinor !== null
          ? {
              kind: "flat",
              amount: { amountMinor: plan.flatAmountMinor, currency: plan.currency ?? creator.shop.currency },
              holdPeriodDays: hold,
              newCustomersOnly: plan.newCustomersOnly,
            }
          : { kind: "none" };
    const email = invitationEmail(
      {
        shopName: creator.shop.name,
        shopDomain: creator.shop.domain,
        creatorName: creator.name,
        timeZone: creator.shop.timezone,
        locale: creatorLocale(creator.locale),
      },
      { email: creator.email, link, expiresOn: formatShopDate(expiresAt, creator.shop.timezone), terms },
    );
    await queueEmail(tx, { shopId, to: creator.email, subject: email.subject, text: email.text, html: email.html });
    await recordAuditEvent(tx, {
      shopId,
      actor,
      action: "creator.invited",
      subject: { type: "creator", id: creatorId },
      after: { invitationId: invitation.id, email: creator.email, expiresAt: expiresAt.toISOString() },
    });
    return { invitationId: invitation.id, expiresAt };
  });
}
