// A storefront customer accepts an emailed invitation (DOMAIN.md §7): logged in with the invited
// email, they become the creator's linked customer and the creator becomes active.
import type { CreatorInvitation } from "@prisma/client";
import type { Actor } from "../../audit/actor";
import { recordAuditEvent } from "../../audit/record-audit-event.server";
import { inviteCreator, hashInvitationToken } from "../../creators/invite-creator.server";
import { db, type DbTransaction } from "../../db.server";
import { formatShopDate } from "../../domain/calendar";
import { DomainError } from "../../domain/errors";
import { creatorStatusMachine } from "../../domain/status/creator-status";
import { now } from "../../lib/clock.server";
import type { PortalCustomer } from "../portal-customer";
import { lockCustomerLinks } from "../../db/locks.server";
import { maskEmail } from "./payout-method-summary";
import { withTransaction } from "../../db/transaction.server";

const notFound = () =>
  new DomainError(
    "invitation_not_found",
    "This invitation link is not valid. Check that you opened the whole link from the email, or ask the shop to invite you again.",
  );

const used = () =>
  new DomainError(
    "invitation_used",
    "This invitation was already used. If it was you, open the creator portal; otherwise ask the shop for a new invitation.",
  );

const expired = (expiresAt: Date, timeZone: string) =>
  new DomainError(
    "invitation_expired",
    `This invitation expired on ${formatShopDate(expiresAt, timeZone)}. Ask for a new one: it is sent to the email address you were invited with.`,
  );

async function findInvitation(tx: DbTransaction, shopId: string, token: string) {
  if (!token || token.length > 200) throw notFound();
  const invitation = await tx.creatorInvitation.findFirst({
    where: { shopId, tokenHash: hashInvitationToken(token) },
    include: { creator: { select: { id: true, name: true, status: true, shopifyCustomerId: true } }, shop: { select: { timezone: true } } },
  });
  if (!invitation) throw notFound();
  return invitation;
}

/** Why the invitation cannot be accepted now (used, or expired), or null. */
function unusableBecause(
  invitation: CreatorInvitation & { creator: { status: string }; shop: { timezone: string } },
  at: Date,
): DomainError | null {
  if (invitation.usedAt || invitation.creator.status !== "invited") return used();
  if (invitation.expiresAt <= at) return expired(invitation.expiresAt, invitation.shop.timezone);
  return null;
}

export async function acceptInvitation(shopId: string, token: string, customer: PortalCustomer): Promise<{ creatorId: string }> {
  return withTransaction("short", async (tx) => {
    await lockCustomerLinks(tx, shopId, customer.shopifyCustomerId);
    const invitation = await findInvitation(tx, shopId, token);
    const at = now();
    const unusable = unusableBecause(invitation, at);
    if (unusable) throw unusable;
    const customerEmail = customer.email?.trim().toLowerCase() ?? "";
    if (customerEmail !== invitation.email.trim().toLowerCase()) {
      throw new DomainError(
        "invitation_email_mismatch",
        `This invitation was sent to ${maskEmail(invitation.email)}. Log out and log in to the store with that email address to accept it.`,
      );
    }
    const linked = await tx.creator.findFirst({
      where: { shopId, shopifyCustomerId: customer.shopifyCustomerId, id: { not: invitation.creatorId } },
      select: { id: true },
    });
    if (linked) {
      throw new DomainError(
        "customer_already_creator",
        "Your store account already belongs to a creator of this shop. Open the creator portal, or ask the shop to invite another email address.",
      );
    }
    creatorStatusMachine.assertTransition("invited", "active");

    // Both updates are conditional: of two tabs accepting at once, exactly one links the creator.
    const claimed = await tx.creatorInvitation.updateMany({
      where: { id: invitation.id, shopId, usedAt: null, expiresAt: { gt: at } },
      data: { usedAt: at },
    });
    const activated = await tx.creator.updateMany({
      where: { id: invitation.creatorId, shopId, status: "invited" },
      data: { status: "active", shopifyCustomerId: customer.shopifyCustomerId, statusReason: null },
    });
    if (claimed.count !== 1 || activated.count !== 1) throw used();
    const actor: Actor = { type: "creator", id: invitation.creatorId };
    await recordAuditEvent(tx, {
      shopId,
      actor,
      action: "creator.invitation_accepted",
      subject: { type: "creator", id: invitation.creatorId },
      before: { status: "invited", shopifyCustomerId: invitation.creator.shopifyCustomerId },
      after: { status: "active", shopifyCustomerId: customer.shopifyCustomerId, invitationId: invitation.id },
    });
    return { creatorId: invitation.creatorId };
  });
}

/**
 * An expired (or superseded) invitation asks for a fresh one: it goes to the email address the
 * creator was invited with, never to one the visitor chooses, so the link alone grants nothing.
 */
export async function requestNewInvitation(shopId: string, token: string): Promise<{ sentTo: "invited_email" }> {
  const invitation = await findInvitation(db(), shopId, token);
  if (invitation.creator.status !== "invited") throw used();
  if (!invitation.usedAt && invitation.expiresAt > now()) {
    throw new DomainError(
      "invitation_still_valid",
      `This invitation still works until ${formatShopDate(invitation.expiresAt, invitation.shop.timezone)}: log in with the invited email address and accept it.`,
    );
  }
  await inviteCreator(shopId, invitation.creatorId, { type: "system", id: "portal_invitation_request" });
  return { sentTo: "invited_email" };
}
