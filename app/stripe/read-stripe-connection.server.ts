// What Settings shows about the shop's Stripe connection (no secret ever leaves the server).
import type { Shop } from "@prisma/client";
import { db } from "../db.server";
import { env } from "../env.server";
import { environmentCredentials } from "./stripe-connection.server";
import { readStripeBalance, type StripeBalanceLine } from "./stripe-balance.server";
import { stripeWebhookPath } from "./receive-stripe-webhook.server";
import { isDomainError } from "../domain/errors";
import { stripeClientFor } from "./stripe-client.server";
import { displayNameOf } from "./connect-stripe.server";

export interface StripeConnectionView {
  source: "settings" | "environment" | null;
  accountId: string | null;
  accountName: string | null;
  livemode: boolean | null;
  keyHint: string | null;
  webhookUrls: { platform: string; connect: string };
  balance: StripeBalanceLine[] | null;
  balanceError: string | null;
  /** When the last correctly signed Stripe event arrived (a wrong signing secret shows as none). */
  lastEventAt: string | null;
}

export async function readStripeConnection(shop: Shop): Promise<StripeConnectionView> {
  const origin = env().SHOPIFY_APP_URL.replace(/\/$/, "");
  const webhookUrls = {
    platform: origin + stripeWebhookPath(shop.id, "platform"),
    connect: origin + stripeWebhookPath(shop.id, "connect"),
  };
  const fromSettings = Boolean(shop.stripeSecretKeyCiphertext);
  const fromEnvironment = !fromSettings ? environmentCredentials(shop.domain) : null;
  const view: StripeConnectionView = {
    source: fromSettings ? "settings" : fromEnvironment ? "environment" : null,
    accountId: shop.stripeAccountId,
    accountName: shop.stripeAccountName,
    livemode: shop.stripeLivemode,
    keyHint: shop.stripeKeyHint,
    webhookUrls,
    balance: null,
    balanceError: null,
    lastEventAt: null,
  };
  if (!view.source) return view;
  const lastEvent = await db().inboundEvent.findFirst({
    where: { shopId: shop.id, source: "stripe" },
    orderBy: { receivedAt: "desc" },
    select: { receivedAt: true },
  });
  view.lastEventAt = lastEvent?.receivedAt.toISOString() ?? null;
  if (fromEnvironment) {
    const key = fromEnvironment.secretKey;
    view.livemode = key.includes("_live_");
    view.keyHint = `${key.slice(0, key.indexOf("_", 3) + 1)}…${key.slice(-4)} (from the environment)`;
    try {
      const account = await stripeClientFor(key).accounts.retrieveCurrent();
      view.accountId = account.id;
      view.accountName = displayNameOf(account);
    } catch {
      view.balanceError = "Stripe did not accept the key configured in the environment (STRIPE_SECRET_KEY).";
      return view;
    }
  }
  try {
    view.balance = await readStripeBalance(shop.id);
  } catch (error) {
    view.balanceError = isDomainError(error) ? error.message : "Stripe could not be reached to read your balance.";
  }
  return view;
}
