// Works one recorded Stripe event (called by process-inbound-event.server.ts for source
// `stripe`). Each handler is idempotent on Stripe's own ids, so a redelivery changes nothing.
import type { InboundEvent } from "@prisma/client";
import type Stripe from "stripe";
import { db } from "../db.server";
import { settleRailAttempt } from "../rails/settle-rail-attempt.server";
import { stripeRail } from "../rails/stripe/stripe-rail.server";
import { recordCreatorBankPayout, type StripeBankPayoutObject } from "./creator-bank-payouts.server";
import { reverseStripePayout } from "./reverse-stripe-payout.server";
import { refreshCreatorStripeAccount, syncCreatorStripeAccount } from "./sync-creator-stripe-account.server";

export type StripeEventOutcome = { status: "processed" | "rejected"; reason: string | null };

/** transfer.created closes the gap a crash between Stripe's answer and our write leaves open. */
async function transferCreated(shopId: string, transfer: Stripe.Transfer): Promise<StripeEventOutcome> {
  const attemptNumber = Number(transfer.metadata?.attempt);
  if (!transfer.transfer_group || !Number.isInteger(attemptNumber)) {
    return { status: "rejected", reason: `transfer ${transfer.id} was not made by this app (no payout transfer group)` };
  }
  const attempt = await db().payoutAttempt.findFirst({
    where: { shopId, rail: "stripe", payoutId: transfer.transfer_group, attempt: attemptNumber },
  });
  if (!attempt) return { status: "rejected", reason: `no payout attempt ${transfer.transfer_group} #${attemptNumber} in this shop` };
  const outcome = await settleRailAttempt(stripeRail, attempt.id, transfer.id);
  return { status: "processed", reason: outcome === "already_settled" ? "already settled" : null };
}

export async function applyStripeEvent(event: InboundEvent): Promise<StripeEventOutcome> {
  if (!event.shopId) return { status: "rejected", reason: "the shop this Stripe endpoint belongs to no longer exists" };
  const payload = event.payload as unknown as Stripe.Event;
  const object = payload?.data?.object as unknown;
  if (!object || typeof object !== "object") return { status: "rejected", reason: "the event has no data.object" };
  const shopId = event.shopId;
  switch (event.topic) {
    case "transfer.created":
      return transferCreated(shopId, object as Stripe.Transfer);
    case "transfer.reversed":
      return reverseStripePayout(shopId, object as Stripe.Transfer);
    case "account.updated":
      return syncCreatorStripeAccount(shopId, object as Stripe.Account, new Date(payload.created * 1000));
    case "capability.updated": {
      const capability = object as Stripe.Capability;
      const accountId = typeof capability.account === "string" ? capability.account : capability.account.id;
      return refreshCreatorStripeAccount(shopId, accountId);
    }
    case "payout.paid":
    case "payout.failed": {
      if (!payload.account)
        return { status: "rejected", reason: "a payout event from the platform account itself, not a creator's account" };
      return recordCreatorBankPayout(shopId, payload.account, object as StripeBankPayoutObject);
    }
    default:
      return { status: "rejected", reason: `Stripe event ${event.topic} is not one this app handles` };
  }
}
