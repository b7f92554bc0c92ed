// The link a creator opens to onboard with Stripe (the portal links to it; the merchant copies it
// from the creator page). Signed with the app secret, expires after 14 days, and revocable: the
// creator row keeps the id of its one live link, so issuing a new link revokes the previous one
// and the merchant can revoke it outright. A link whose id is not the stored one is refused.
import { randomBytes } from "node:crypto";
import type { Creator } from "@prisma/client";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import type { DbTransaction } from "../db.server";
import { DomainError } from "../domain/errors";
import { env } from "../env.server";
import { now } from "../lib/clock.server";
import { ONBOARDING_LINK_LIFETIME_SECONDS, signOnboardingToken, verifyOnboardingToken, type TokenCheck } from "./onboarding-token";
import { lockCreator } from "../db/locks.server";
import { withTransaction } from "../db/transaction.server";

export const ONBOARDING_PATH = "/stripe/onboarding";

export type OnboardingLinkState = Pick<Creator, "id" | "stripeOnboardingLinkId" | "stripeOnboardingLinkExpiresAt">;

export const ONBOARDING_LINK_SELECT = { id: true, stripeOnboardingLinkId: true, stripeOnboardingLinkExpiresAt: true } as const;

function urlOf(shopId: string, creatorId: string, linkId: string, expiresAt: Date): string {
  const token = signOnboardingToken(
    { shopId, creatorId, expiresAt: Math.floor(expiresAt.getTime() / 1000), linkId },
    env().SHOPIFY_API_SECRET,
  );
  return `${env().SHOPIFY_APP_URL.replace(/\/$/, "")}${ONBOARDING_PATH}/${token}`;
}

/** The creator's live link (the same URL on every call), or null: none issued, revoked or expired. */
export function liveOnboardingLink(shopId: string, creator: OnboardingLinkState): { url: string; expiresAt: Date } | null {
  const { stripeOnboardingLinkId: linkId, stripeOnboardingLinkExpiresAt: expiresAt } = creator;
  if (!linkId || !expiresAt || expiresAt.getTime() <= now().getTime()) return null;
  return { url: urlOf(shopId, creator.id, linkId, expiresAt), expiresAt };
}

export function checkOnboardingToken(token: string): TokenCheck {
  return verifyOnboardingToken(token, env().SHOPIFY_API_SECRET, Math.floor(now().getTime() / 1000));
}

const newLinkId = () => `ol_${randomBytes(16).toString("base64url")}`;
// Whole seconds: the signed expiry is in seconds and must equal the stored one.
const newExpiry = () => new Date((Math.floor(now().getTime() / 1000) + ONBOARDING_LINK_LIFETIME_SECONDS) * 1000);

async function lockedCreator(tx: DbTransaction, shopId: string, creatorId: string) {
  if (!(await lockCreator(tx, shopId, creatorId))) throw new DomainError("creator_not_found", "This creator does not exist in your shop.");
  return tx.creator.findUniqueOrThrow({ where: { id: creatorId }, select: { ...ONBOARDING_LINK_SELECT, status: true } });
}

/** The merchant's "new link": a fresh link that replaces (revokes) any earlier one. */
export async function issueOnboardingLink(shopId: string, creatorId: string, actor: Actor): Promise<{ url: string; expiresAt: Date }> {
  return withTransaction("short", async (tx) => {
    const creator = await lockedCreator(tx, shopId, creatorId);
    if (creator.status === "archived" || creator.status === "declined") {
      throw new DomainError("creator_not_onboardable", "Archived and declined creators cannot onboard with Stripe.");
    }
    const link = { stripeOnboardingLinkId: newLinkId(), stripeOnboardingLinkExpiresAt: newExpiry() };
    await tx.creator.update({ where: { id: creatorId }, data: link });
    await recordAuditEvent(tx, {
      shopId,
      actor,
      action: "creator.stripe_onboarding_link_issued",
      subject: { type: "creator", id: creatorId },
      before: { linkExpiresAt: creator.stripeOnboardingLinkExpiresAt },
      after: { linkExpiresAt: link.stripeOnboardingLinkExpiresAt },
    });
    return liveOnboardingLink(shopId, { id: creatorId, ...link })!;
  });
}

/** The merchant's "revoke": the live link stops working; nothing replaces it until one is issued. */
export async function revokeOnboardingLink(shopId: string, creatorId: string, actor: Actor): Promise<void> {
  await withTransaction("short", async (tx) => {
    const creator = await lockedCreator(tx, shopId, creatorId);
    if (!creator.stripeOnboardingLinkId) throw new DomainError("no_onboarding_link", "There is no onboarding link to revoke.");
    await tx.creator.update({ where: { id: creatorId }, data: { stripeOnboardingLinkId: null, stripeOnboardingLinkExpiresAt: null } });
    await recordAuditEvent(tx, {
      shopId,
      actor,
      action: "creator.stripe_onboarding_link_revoked",
      subject: { type: "creator", id: creatorId },
      before: { linkExpiresAt: creator.stripeOnboardingLinkExpiresAt },
      after: { linkExpiresAt: null },
    });
  });
}

/**
 * For the logged-in creator's own portal: the live link, or a new one when there is none (never
 * issued, expired, or revoked by the merchant: the portal is behind the creator's store login, so
 * a fresh link there is safe). Only replaces the state it read, so two page loads at once issue
 * one link between them.
 */
export async function portalOnboardingLink(shopId: string, creator: OnboardingLinkState): Promise<string | null> {
  const live = liveOnboardingLink(shopId, creator);
  if (live) return live.url;
  return withTransaction("short", async (tx) => {
    const link = { stripeOnboardingLinkId: newLinkId(), stripeOnboardingLinkExpiresAt: newExpiry() };
    const replaced = await tx.creator.updateMany({
      where: { id: creator.id, shopId, stripeOnboardingLinkId: creator.stripeOnboardingLinkId },
      data: link,
    });
    if (replaced.count === 0) {
      // Another request changed the link meanwhile: show its link, or none this time (revoked).
      const current = await tx.creator.findUniqueOrThrow({ where: { id: creator.id }, select: ONBOARDING_LINK_SELECT });
      return liveOnboardingLink(shopId, current)?.url ?? null;
    }
    await recordAuditEvent(tx, {
      shopId,
      actor: { type: "creator", id: creator.id },
      action: "creator.stripe_onboarding_link_issued",
      subject: { type: "creator", id: creator.id },
      before: { linkExpiresAt: creator.stripeOnboardingLinkExpiresAt },
      after: { linkExpiresAt: link.stripeOnboardingLinkExpiresAt },
    });
    return liveOnboardingLink(shopId, { id: creator.id, ...link })!.url;
  });
}
