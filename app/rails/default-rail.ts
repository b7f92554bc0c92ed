// Which rail a payout to a creator goes on by default (pure: runs, the payout page and the portal share it).
import type { Creator, PayoutChannel, Shop } from "@prisma/client";

/** The rail a payout to this creator goes on by default: their choice while the shop enables it, else as before rails. */
export function defaultRailOf(
  shop: Pick<Shop, "enabledRails">,
  creator: Pick<Creator, "preferredRail" | "payoutMethod" | "stripeAccountId">,
): PayoutChannel {
  if (creator.preferredRail && shop.enabledRails.includes(creator.preferredRail)) return creator.preferredRail;
  return creator.payoutMethod === "stripe" && creator.stripeAccountId ? "stripe" : "offline";
}
