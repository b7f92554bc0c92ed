// The payout page's "Pay in store credit" predates the rails in Settings: it pays only while the
// shop enables the store credit rail there ("Pay on a rail" and runs already pay on enabled rails
// only: assertRailEnabled, defaultRailOf). Refused before anything is read at Shopify or written.
import { db } from "../../db.server";
import { DomainError } from "../../domain/errors";

export async function assertStoreCreditEnabled(shopId: string): Promise<void> {
  const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId }, select: { enabledRails: true } });
  if (shop.enabledRails.includes("store_credit")) return;
  throw new DomainError(
    "rail_not_enabled",
    "Store credit is not enabled for this shop. Turn it on in Settings › Payout rails, or pay this payout another way.",
    { rail: "store_credit" },
  );
}
