// "Pay with Stripe" (one payout or bulk) is the Stripe rail: refused, before anything is read at
// Stripe or written, when the shop has turned the Stripe rail off in Settings.
import { db } from "../../db.server";
import { DomainError } from "../../domain/errors";

export async function assertStripeRailEnabled(shopId: string): Promise<void> {
  const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId }, select: { enabledRails: true } });
  if (shop.enabledRails.includes("stripe")) return;
  throw new DomainError(
    "stripe_rail_not_enabled",
    "This shop does not pay with Stripe: the Stripe rail is off. Turn it on in Settings → Payout rails, or pay this payout another way.",
    {},
  );
}
