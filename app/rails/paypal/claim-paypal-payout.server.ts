// "Pay with PayPal" on one payout: the shared claim (app/rails/claim-rail-payout.server.ts) with
// the PayPal rail, which refuses before any call a shop without PayPal connected, a creator
// without a PayPal email and a currency or amount PayPal cannot pay.
import type { Actor } from "../../audit/actor";
import { claimRailPayout, type ClaimedRailPayout } from "../claim-rail-payout.server";
import { payPalRail } from "./paypal-rail.server";

export function claimPayPalPayout(shopId: string, payoutId: string, actor: Actor): Promise<ClaimedRailPayout> {
  return claimRailPayout(payPalRail, shopId, payoutId, actor);
}
