// "Pay in store credit" on one payout: find the creator's customer account (and, with the
// merchant's consent, create it) outside any transaction, then the shared claim
// (app/rails/claim-rail-payout.server.ts) refuses what cannot be paid before any credit is sent.
import type { Actor } from "../../audit/actor";
import { db } from "../../db.server";
import { DomainError } from "../../domain/errors";
import { findPayoutForChange } from "../../payouts/change-payout-status.server";
import { runPayoutTransaction } from "../../payouts/run-payout-transaction.server";
import { claimRailPayout, type ClaimedRailPayout } from "../claim-rail-payout.server";
import { findStoreCreditTarget } from "./find-store-credit-target.server";
import { storeCreditRail } from "./store-credit-rail.server";

export async function claimStoreCreditPayout(
  shopId: string,
  payoutId: string,
  actor: Actor,
  options: { mayCreateCustomer?: boolean } = {},
): Promise<ClaimedRailPayout> {
  // Every way into store credit (the payout page's button, "Pay on a rail", a run) passes here, so
  // a shop that has not enabled the rail in Settings is refused before anything is read or written.
  const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId }, select: { enabledRails: true } });
  if (!shop.enabledRails.includes("store_credit")) {
    throw new DomainError(
      "rail_not_enabled",
      "Store credit is not enabled for this shop. Turn it on in Settings › Payout rails, or pay this payout another way.",
      { rail: "store_credit" },
    );
  }
  const peek = await runPayoutTransaction((tx) => findPayoutForChange(tx, shopId, payoutId));
  const target = await findStoreCreditTarget(shopId, peek.creatorId, { mayCreateCustomer: options.mayCreateCustomer === true });
  return claimRailPayout(storeCreditRail, shopId, payoutId, actor, { preflight: target });
}
