// Keeps a creator's payout-details status in step with their connected account: from
// `account.updated` / `capability.updated` events and when onboarding returns.
import type Stripe from "stripe";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { now } from "../lib/clock.server";
import { payoutDetailsOfAccount, type AccountSnapshot } from "./account-payout-details";
import { STRIPE_ACTOR } from "./stripe-actor";
import { shopStripeClient } from "./stripe-connection.server";
import { lockCreatorByStripeAccount } from "../db/locks.server";
import { withTransaction } from "../db/transaction.server";

export type SyncOutcome = { status: "processed" | "rejected"; reason: string | null };

/**
 * Applies an account snapshot taken at `observedAt` to the creator holding that account. A
 * snapshot older than the last one applied changes nothing (events arrive out of order).
 */
export async function syncCreatorStripeAccount(
  shopId: string,
  account: AccountSnapshot & { id: string },
  observedAt: Date = now(),
): Promise<SyncOutcome> {
  return withTransaction("short", async (tx) => {
    // Two events about one account may be worked at once: the row lock orders them.
    await lockCreatorByStripeAccount(tx, shopId, account.id);
    const creator = await tx.creator.findFirst({
      where: { shopId, stripeAccountId: account.id },
      select: { id: true, payoutMethod: true, payoutDetailsStatus: true, stripeTransfersActive: true, stripeAccountSyncedAt: true },
    });
    if (!creator) return { status: "rejected", reason: `no creator of this shop has the Stripe account ${account.id}` };
    if (creator.stripeAccountSyncedAt && creator.stripeAccountSyncedAt > observedAt) {
      return { status: "processed", reason: "stale: a newer state of the account was already applied" };
    }
    const details = payoutDetailsOfAccount(account);
    // Offline payout details keep their own status; Stripe's only counts for Stripe creators.
    const usesStripe = creator.payoutMethod === "stripe" || creator.payoutMethod === null;
    await tx.creator.update({
      where: { id: creator.id },
      data: {
        stripeTransfersActive: details.transfersActive,
        stripeRequirementsDue: details.requirementsDue,
        stripeAccountSyncedAt: observedAt,
        ...(usesStripe ? { payoutDetailsStatus: details.status, payoutMethod: "stripe" } : {}),
      },
    });
    if (usesStripe && (creator.payoutDetailsStatus !== details.status || creator.stripeTransfersActive !== details.transfersActive)) {
      await recordAuditEvent(tx, {
        shopId,
        actor: STRIPE_ACTOR,
        action: "creator.stripe_account_updated",
        subject: { type: "creator", id: creator.id },
        before: { payoutDetailsStatus: creator.payoutDetailsStatus, transfersActive: creator.stripeTransfersActive },
        after: { payoutDetailsStatus: details.status, transfersActive: details.transfersActive, requirementsDue: details.requirementsDue },
      });
    }
    return { status: "processed", reason: null };
  });
}

/** Re-reads the account from Stripe and applies it (capability.updated, onboarding return). */
export async function refreshCreatorStripeAccount(shopId: string, accountId: string): Promise<SyncOutcome> {
  const client = await shopStripeClient(shopId);
  const account: Stripe.Account = await client.accounts.retrieve(accountId);
  return syncCreatorStripeAccount(shopId, account as AccountSnapshot & { id: string }, now());
}
