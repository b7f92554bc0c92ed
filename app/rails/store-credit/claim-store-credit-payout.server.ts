// "Pay in store credit" on one payout: find the creator's customer account (and, with the
// merchant's consent, create it) outside any transaction, then the shared claim
// (app/rails/claim-rail-payout.server.ts) refuses what cannot be paid before any credit is sent.
import type { Actor } from "../../audit/actor";
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
  const peek = await runPayoutTransaction((tx) => findPayoutForChange(tx, shopId, payoutId));
  const target = await findStoreCreditTarget(shopId, peek.creatorId, { mayCreateCustomer: options.mayCreateCustomer === true });
  return claimRailPayout(storeCreditRail, shopId, payoutId, actor, { preflight: target });
}
