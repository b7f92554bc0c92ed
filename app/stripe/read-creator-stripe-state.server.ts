// What the creator page shows about Stripe: the onboarding link to copy, the account's status,
// what Stripe still needs, and the creator's recent bank payouts.
import { db } from "../db.server";
import { listCreatorBankPayouts, type CreatorBankPayoutView } from "./creator-bank-payouts.server";
import { liveOnboardingLink, ONBOARDING_LINK_SELECT } from "./creator-onboarding-link.server";
import { isStripeConnected } from "./stripe-connection.server";

export interface CreatorStripeState {
  connected: boolean;
  /** The live onboarding link to copy, or null (none issued yet, revoked or expired). */
  onboardingUrl: string | null;
  onboardingLinkExpiresAt: string | null;
  accountId: string | null;
  transfersActive: boolean;
  requirementsDue: string[];
  syncedAt: string | null;
  bankPayouts: CreatorBankPayoutView[];
}

export async function readCreatorStripeState(shopId: string, creatorId: string): Promise<CreatorStripeState> {
  const connected = await isStripeConnected(shopId);
  const creator = await db().creator.findFirst({
    where: { id: creatorId, shopId },
    select: {
      ...ONBOARDING_LINK_SELECT,
      stripeAccountId: true,
      stripeTransfersActive: true,
      stripeRequirementsDue: true,
      stripeAccountSyncedAt: true,
    },
  });
  // Viewing the page issues nothing: the merchant creates, replaces or revokes the link.
  const link = connected && creator ? liveOnboardingLink(shopId, creator) : null;
  return {
    connected,
    onboardingUrl: link?.url ?? null,
    onboardingLinkExpiresAt: link?.expiresAt.toISOString() ?? null,
    accountId: creator?.stripeAccountId ?? null,
    transfersActive: creator?.stripeTransfersActive ?? false,
    requirementsDue: creator?.stripeRequirementsDue ?? [],
    syncedAt: creator?.stripeAccountSyncedAt?.toISOString() ?? null,
    bankPayouts: creator ? await listCreatorBankPayouts(shopId, creatorId, 10) : [],
  };
}
