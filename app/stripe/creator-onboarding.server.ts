// Creator onboarding with Stripe-hosted Express onboarding, at top level on the app's own
// domain (never inside the admin iframe). Opening the signed link creates the creator's
// connected account once (transfers capability; the recipient service agreement when the creator
// is in another country than the platform: cross-border) and redirects to a fresh account link;
// Stripe sends the creator back to the same link when the account link expires (refresh), and to
// /return when done, which re-reads the account.
import { stripeAccountFingerprint } from "../risk/payout-details-fingerprint.server";
import type Stripe from "stripe";
import { db } from "../db.server";
import { DomainError } from "../domain/errors";
import { env } from "../env.server";
import { ONBOARDING_PATH, checkOnboardingToken } from "./creator-onboarding-link.server";
import { shopStripeClient } from "./stripe-connection.server";
import { refreshCreatorStripeAccount } from "./sync-creator-stripe-account.server";

const ASK_FOR_A_NEW_LINK = "Open the creator portal on the shop's website for a fresh link, or ask the shop for a new link.";

function linkProblem(reason: "invalid" | "expired" | "revoked"): DomainError {
  if (reason === "expired")
    return new DomainError("onboarding_link_expired", `This Stripe onboarding link has expired. ${ASK_FOR_A_NEW_LINK}`, {});
  if (reason === "revoked") {
    return new DomainError(
      "onboarding_link_revoked",
      `This Stripe onboarding link has expired: the shop replaced it with a newer link or withdrew it. ${ASK_FOR_A_NEW_LINK}`,
      {},
    );
  }
  return new DomainError(
    "onboarding_link_invalid",
    "This Stripe onboarding link is not valid. Check that you copied all of it, or ask the shop for a new one.",
    {},
  );
}

async function creatorOf(token: string) {
  const check = checkOnboardingToken(token);
  if (!check.ok) throw linkProblem(check.reason);
  const creator = await db().creator.findFirst({
    where: { id: check.claims.creatorId, shopId: check.claims.shopId, status: { notIn: ["archived", "declined"] } },
    select: {
      id: true,
      shopId: true,
      email: true,
      taxCountry: true,
      stripeAccountId: true,
      payoutMethod: true,
      stripeOnboardingLinkId: true,
    },
  });
  if (!creator) throw linkProblem("invalid");
  // Only the creator's one live link works: a newer link or the merchant's revocation ends this one.
  if (creator.stripeOnboardingLinkId !== check.claims.linkId) throw linkProblem("revoked");
  return creator;
}

async function ensureConnectedAccount(client: Stripe, creator: Awaited<ReturnType<typeof creatorOf>>): Promise<string> {
  if (creator.stripeAccountId) return creator.stripeAccountId;
  const platform = await client.accounts.retrieveCurrent();
  const crossBorder = Boolean(creator.taxCountry && platform.country && creator.taxCountry !== platform.country);
  const account = await client.accounts.create(
    {
      type: "express",
      email: creator.email,
      capabilities: { transfers: { requested: true } },
      ...(crossBorder ? { country: creator.taxCountry!, tos_acceptance: { service_agreement: "recipient" as const } } : {}),
      metadata: { creator_id: creator.id, shop_id: creator.shopId },
    },
    // Two tabs opening the link at once get the same account.
    { idempotencyKey: `creator_${creator.id}_account` },
  );
  const usesStripe = creator.payoutMethod === null || creator.payoutMethod === "stripe";
  await db().creator.updateMany({
    where: { id: creator.id, shopId: creator.shopId, stripeAccountId: null },
    data: {
      stripeAccountId: account.id,
      ...(usesStripe
        ? { payoutMethod: "stripe", payoutDetailsStatus: "pending", payoutDetailsFingerprint: stripeAccountFingerprint(account.id) }
        : {}),
    },
  });
  const stored = await db().creator.findUniqueOrThrow({ where: { id: creator.id }, select: { stripeAccountId: true } });
  return stored.stripeAccountId!;
}

/** Where to send the creator now: a fresh Stripe account link. */
export async function startCreatorOnboarding(token: string): Promise<string> {
  const creator = await creatorOf(token);
  const client = await shopStripeClient(creator.shopId);
  const accountId = await ensureConnectedAccount(client, creator);
  const here = `${env().SHOPIFY_APP_URL.replace(/\/$/, "")}${ONBOARDING_PATH}/${token}`;
  const link = await client.accountLinks.create({
    account: accountId,
    type: "account_onboarding",
    refresh_url: here,
    return_url: `${here}/return`,
  });
  return link.url;
}

/** Back from Stripe: re-read the account; true when the creator can now receive transfers. */
export async function finishCreatorOnboarding(token: string): Promise<{ complete: boolean; shopName: string }> {
  const creator = await creatorOf(token);
  const shop = await db().shop.findUniqueOrThrow({ where: { id: creator.shopId }, select: { name: true } });
  if (!creator.stripeAccountId) return { complete: false, shopName: shop.name };
  await refreshCreatorStripeAccount(creator.shopId, creator.stripeAccountId);
  const after = await db().creator.findUniqueOrThrow({ where: { id: creator.id }, select: { stripeTransfersActive: true } });
  return { complete: after.stripeTransfersActive, shopName: shop.name };
}
