// What the creator page shows about Stripe: the onboarding link to copy, the account's status,
// what Stripe still needs, and the creator's recent bank payouts.
import { Prisma } from "@prisma/client";
import { queryNamed } from "../db/named-statement.server";
import type { CreatorBankPayoutView } from "./creator-bank-payouts.server";
import { liveOnboardingLink } from "./creator-onboarding-link.server";
import { credentialsOf } from "./stripe-connection.server";

const BANK_PAYOUTS_SHOWN = 10;

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

interface StripeStateRow {
  id: string;
  domain: string;
  stripeSecretKeyCiphertext: string | null;
  stripePlatformWebhookSecretCiphertext: string | null;
  stripeConnectWebhookSecretCiphertext: string | null;
  creator: {
    id: string;
    stripeOnboardingLinkId: string | null;
    stripeOnboardingLinkExpiresAt: string | null;
    stripeAccountId: string | null;
    stripeTransfersActive: boolean;
    stripeRequirementsDue: string[];
    stripeAccountSyncedAt: string | null;
  } | null;
  bankPayouts: (Omit<CreatorBankPayoutView, "amountMinor"> & { amountMinor: string })[];
}

const iso = (column: string) => Prisma.raw(`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * One statement for the card: the shop's Stripe columns (whether it is connected), the creator's
 * Stripe fields and their latest bank payouts (as three Prisma model queries it was three). Named
 * (queryNamed): the deal page asks it on every view, so it is planned once per connection and
 * skips Prisma's per-query work; its columns are text, boolean and JSON.
 */
export async function readCreatorStripeState(shopId: string, creatorId: string): Promise<CreatorStripeState> {
  const [row] = await queryNamed<StripeStateRow>(
    "creator-stripe",
    Prisma.sql`
    SELECT s."id", s."domain", s."stripeSecretKeyCiphertext", s."stripePlatformWebhookSecretCiphertext",
      s."stripeConnectWebhookSecretCiphertext",
      (SELECT json_build_object('id', c."id", 'stripeOnboardingLinkId', c."stripeOnboardingLinkId",
          'stripeOnboardingLinkExpiresAt', ${iso('c."stripeOnboardingLinkExpiresAt"')}, 'stripeAccountId', c."stripeAccountId",
          'stripeTransfersActive', c."stripeTransfersActive", 'stripeRequirementsDue', c."stripeRequirementsDue",
          'stripeAccountSyncedAt', ${iso('c."stripeAccountSyncedAt"')})
        FROM "Creator" c WHERE c."id" = ${creatorId} AND c."shopId" = s."id") AS "creator",
      COALESCE((SELECT json_agg(json_build_object('id', b."id", 'amountMinor', b."amountMinor"::text, 'currency', b."currency",
          'status', b."status", 'failureMessage', b."failureMessage", 'arrivalDate', to_char(b."arrivalDate", 'YYYY-MM-DD'))
          ORDER BY b."createdAt" DESC)
        FROM (SELECT * FROM "CreatorBankPayout" WHERE "shopId" = s."id" AND "creatorId" = ${creatorId}
          ORDER BY "createdAt" DESC LIMIT ${BANK_PAYOUTS_SHOWN}) b), '[]'::json) AS "bankPayouts"
    FROM "Shop" s WHERE s."id" = ${shopId}`,
  );
  const connected = row ? credentialsOf(row) !== null : false;
  const creator = row?.creator ?? null;
  const linkState = creator && {
    id: creator.id,
    stripeOnboardingLinkId: creator.stripeOnboardingLinkId,
    stripeOnboardingLinkExpiresAt: creator.stripeOnboardingLinkExpiresAt === null ? null : new Date(creator.stripeOnboardingLinkExpiresAt),
  };
  // Viewing the page issues nothing: the merchant creates, replaces or revokes the link.
  const link = connected && linkState ? liveOnboardingLink(shopId, linkState) : null;
  return {
    connected,
    onboardingUrl: link?.url ?? null,
    onboardingLinkExpiresAt: link?.expiresAt.toISOString() ?? null,
    accountId: creator?.stripeAccountId ?? null,
    transfersActive: creator?.stripeTransfersActive ?? false,
    requirementsDue: creator?.stripeRequirementsDue ?? [],
    syncedAt: creator?.stripeAccountSyncedAt ?? null,
    bankPayouts: creator ? row!.bankPayouts.map((b) => ({ ...b, amountMinor: Number(b.amountMinor) })) : [],
  };
}
