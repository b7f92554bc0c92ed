// The payout page's "Pay" on a chosen rail (issue 15): the creator's preferred rail by default,
// or another rail the shop enables when the merchant overrides it for this payout. A rail the shop
// does not enable is refused before anything is written.
import type { PayoutChannel } from "@prisma/client";
import type { Actor } from "../audit/actor";
import { db } from "../db.server";
import { DomainError } from "../domain/errors";
import { claimRailPayout } from "./claim-rail-payout.server";
import { assertRailEnabled } from "./rail-choices.server";
import { railNamed } from "./rails.server";
import { claimStoreCreditPayout } from "./store-credit/claim-store-credit-payout.server";
import { claimStripePayout } from "./stripe/claim-stripe-payout.server";

export async function payPayoutOnRail(
  shopId: string,
  payoutId: string,
  actor: Actor,
  choice: { rail: string; mayCreateCustomer: boolean },
): Promise<PayoutChannel> {
  const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId }, select: { enabledRails: true } });
  const rail = assertRailEnabled(shop, choice.rail);
  if (rail === "offline") {
    throw new DomainError("invalid_input", "An offline payout is paid by hand: pay the creator, then record it with “Mark paid offline”.");
  }
  if (rail === "stripe") await claimStripePayout(shopId, payoutId, actor);
  else if (rail === "store_credit") await claimStoreCreditPayout(shopId, payoutId, actor, { mayCreateCustomer: choice.mayCreateCustomer });
  else await claimRailPayout(railNamed(rail), shopId, payoutId, actor);
  return rail;
}
