// Connecting and disconnecting a shop's Stripe account in Settings. The key is checked with a
// live call (the account and its balance) before anything is stored; the key and the two
// webhook signing secrets are sealed (AES-256-GCM, bound to the shop row and column) and never
// returned to the browser or logged.
import type Stripe from "stripe";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { DomainError } from "../domain/errors";
import { fieldErrorsOf } from "../forms/field-errors";
import { now } from "../lib/clock.server";
import { shopSecretField } from "../lib/sealed-columns.server";
import { seal } from "../lib/secret-box.server";
import { stripeClientFor } from "./stripe-client.server";

import { keyHint, stripeConnectionForm } from "./stripe-connection-form";
import { withTransaction } from "../db/transaction.server";

const SUBJECT = (shopId: string) => ({ type: "shop", id: shopId });

function refusedKey(error: unknown): DomainError {
  const status = (error as { statusCode?: number }).statusCode;
  const sentence =
    status === 401
      ? "Stripe did not accept this key. Copy the secret key again from Stripe (Developers → API keys)."
      : status === 403
        ? "This restricted key lacks permissions. Give it write access to Transfers, Connect (accounts, account links) and read access to Balance, then try again."
        : "Stripe could not be reached to check this key. Nothing was saved; try again in a moment.";
  return new DomainError("stripe_key_refused", sentence, { fieldErrors: { secretKey: sentence } });
}

export function displayNameOf(account: Stripe.Account): string {
  return account.settings?.dashboard?.display_name || account.business_profile?.name || account.email || account.id;
}

export interface ConnectedStripe {
  accountId: string;
  accountName: string;
  livemode: boolean;
  keyHint: string;
}

export async function connectStripe(shopId: string, input: Record<string, unknown>, actor: Actor): Promise<ConnectedStripe> {
  const parsed = stripeConnectionForm.safeParse(input);
  if (!parsed.success) {
    throw new DomainError("invalid_stripe_connection", "Nothing was saved. Correct the Stripe fields marked below.", {
      fieldErrors: fieldErrorsOf(parsed.error),
    });
  }
  const { secretKey, platformWebhookSecret, connectWebhookSecret } = parsed.data;
  const client = stripeClientFor(secretKey);
  let account: Stripe.Account;
  try {
    account = await client.accounts.retrieveCurrent();
    await client.balance.retrieve();
  } catch (error) {
    throw refusedKey(error);
  }
  const connected: ConnectedStripe = {
    accountId: account.id,
    accountName: displayNameOf(account),
    livemode: secretKey.includes("_live_"),
    keyHint: keyHint(secretKey),
  };
  await withTransaction("short", async (tx) => {
    await tx.shop.update({
      where: { id: shopId },
      data: {
        stripeAccountId: connected.accountId,
        stripeSecretKeyCiphertext: seal(secretKey, shopSecretField(shopId, "stripeSecretKeyCiphertext")),
        stripePlatformWebhookSecretCiphertext: seal(
          platformWebhookSecret,
          shopSecretField(shopId, "stripePlatformWebhookSecretCiphertext"),
        ),
        stripeConnectWebhookSecretCiphertext: seal(connectWebhookSecret, shopSecretField(shopId, "stripeConnectWebhookSecretCiphertext")),
        stripeLivemode: connected.livemode,
        stripeAccountName: connected.accountName,
        stripeKeyHint: connected.keyHint,
        stripeConnectedAt: now(),
      },
    });
    await recordAuditEvent(tx, { shopId, actor, action: "shop.stripe_connected", subject: SUBJECT(shopId), after: connected });
  });
  return connected;
}

/** Forgets the shop's Stripe key and secrets. Payouts already processing are finished by the sweeper only if reconnected. */
export async function disconnectStripe(shopId: string, actor: Actor): Promise<void> {
  await withTransaction("short", async (tx) => {
    const before = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { stripeAccountId: true, stripeKeyHint: true } });
    await tx.shop.update({
      where: { id: shopId },
      data: {
        stripeSecretKeyCiphertext: null,
        stripePlatformWebhookSecretCiphertext: null,
        stripeConnectWebhookSecretCiphertext: null,
        stripeLivemode: null,
        stripeAccountName: null,
        stripeKeyHint: null,
        stripeConnectedAt: null,
      },
    });
    await recordAuditEvent(tx, { shopId, actor, action: "shop.stripe_disconnected", subject: SUBJECT(shopId), before });
  });
}
