// Which rails a shop may enable, which it has enabled, and which rail pays a creator (issue 15):
// the registered rails (rails.server.ts, so a new rail such as PayPal appears once registered)
// plus `offline`, each with the reason it cannot be enabled yet (not connected, scope not granted).
import type { PayoutChannel, Shop } from "@prisma/client";
import { db } from "../db.server";
import { DomainError } from "../domain/errors";
import { environmentCredentials } from "../stripe/stripe-connection.server";
import { readPayPalConnection } from "./paypal/read-paypal-connection.server";
import { railLabel } from "./rail-labels";
import { registeredRails } from "./rails.server";

export { defaultRailOf } from "./default-rail";
import { WRITE_STORE_CREDIT } from "./store-credit/store-credit-admin.server";
import { WRITE_GIFT_CARDS } from "./gift-card/gift-card-admin.server";

export interface RailChoice {
  name: PayoutChannel;
  label: string;
  enabled: boolean;
  /** Why the shop cannot enable it now (null: it can). */
  unavailable: string | null;
}

export { railLabel };

/** The offline session's scopes when the caller already holds them (the portal's cached shop); undefined: read them. */
type KnownScope = { offlineScope?: string | null };

/** The offline session's granted scopes: the ones the caller holds, else read (the portal passes its cached session's). */
async function grantedScopes(shop: Shop, known: KnownScope): Promise<string[]> {
  const scope =
    known.offlineScope !== undefined
      ? known.offlineScope
      : (await db().session.findFirst({ where: { shop: shop.domain, isOnline: false }, select: { scope: true } }))?.scope;
  return (scope ?? "").split(",").map((each) => each.trim());
}

async function unavailableReason(shop: Shop, name: PayoutChannel, known: KnownScope = {}): Promise<string | null> {
  if (name === "stripe") {
    const connected = Boolean(shop.stripeSecretKeyCiphertext) || environmentCredentials(shop.domain) !== null;
    return connected ? null : "Connect Stripe below first.";
  }
  if (name === "store_credit") {
    const granted = await grantedScopes(shop, known);
    return granted.includes(WRITE_STORE_CREDIT)
      ? null
      : `The app may not credit store credit yet: open it from Shopify admin and approve the new access (${WRITE_STORE_CREDIT}).`;
  }
  if (name === "gift_card") {
    const granted = await grantedScopes(shop, known);
    return granted.includes(WRITE_GIFT_CARDS)
      ? null
      : `The app may not issue gift cards yet: open it from Shopify admin and approve the new access (${WRITE_GIFT_CARDS}).`;
  }
  if ((name as string) === "paypal") return readPayPalConnection(shop).connected ? null : "Connect PayPal below first.";
  return null;
}

/** Every rail the shop could pay on, offline last, with whether it is enabled and why it cannot be. */
export async function readRailChoices(shop: Shop, known: KnownScope = {}): Promise<RailChoice[]> {
  const names: PayoutChannel[] = [...registeredRails().map((rail) => rail.name as PayoutChannel), "offline"];
  return Promise.all(
    names.map(async (name) => ({
      name,
      label: railLabel(name),
      enabled: shop.enabledRails.includes(name),
      unavailable: await unavailableReason(shop, name, known),
    })),
  );
}

/** The rails a creator may choose: enabled and usable now (an enabled Stripe later disconnected is not offered). */
export async function offeredRails(shop: Shop, known: KnownScope = {}): Promise<PayoutChannel[]> {
  return (await readRailChoices(shop, known)).filter((choice) => choice.enabled && !choice.unavailable).map((choice) => choice.name);
}

/** Refuses a rail the shop has not enabled (nothing is written). */
export function assertRailEnabled(shop: Pick<Shop, "enabledRails">, rail: string): PayoutChannel {
  const name = shop.enabledRails.find((enabled) => enabled === rail);
  if (!name) {
    const choices = shop.enabledRails.map(railLabel).join(", ") || "none";
    throw new DomainError("rail_not_enabled", `This shop does not pay on that rail. Choose one of: ${choices}.`, { rail });
  }
  return name;
}
