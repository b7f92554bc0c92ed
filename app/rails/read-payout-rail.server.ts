// What the payout page shows of the rails: the creator's rail and the shop's enabled rails to override it with.
import type { Shop } from "@prisma/client";
import { db } from "../db.server";
import type { PayoutRailView } from "../components/payout-page/PayOnRailCard";
import { defaultRailOf, railLabel } from "./rail-choices.server";

export async function readPayoutRail(shop: Pick<Shop, "id" | "enabledRails">, creatorId: string): Promise<PayoutRailView> {
  const creator = await db().creator.findUniqueOrThrow({
    where: { id: creatorId, shopId: shop.id },
    select: { preferredRail: true, payoutMethod: true, stripeAccountId: true },
  });
  const preferred = defaultRailOf(shop, creator);
  const names = shop.enabledRails.includes(preferred) ? shop.enabledRails : [preferred, ...shop.enabledRails];
  return { preferred, preferredLabel: railLabel(preferred), options: names.map((name) => ({ value: name, label: railLabel(name) })) };
}
