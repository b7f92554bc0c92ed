import { createHash, randomBytes } from "node:crypto";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { formatShopDate } from "../domain/calendar";
import { DomainError } from "../domain/errors";
import { queueEmail } from "../email/send-email.server";
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
    await queueEmail(tx, {
      shopId,
      to: creator.email,
      subject: `${creator.shop.name} invites you to its creator program`,
      text: [
        `Hi ${creator.name},`,
        "",
        `${creator.shop.name} invites you to join its creator program: track your commissions and fees and get paid.`,
        `Accept the invitation (log in to the store with ${creator.email}):`,
        link,
        "",
        `The link works once and expires on ${formatShopDate(expiresAt, creator.shop.timezone)}.`,
      ].join("\n"),
    });
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
