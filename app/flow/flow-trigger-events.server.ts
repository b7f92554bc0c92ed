// The four Flow events, each read inside the transaction of the change that causes it and queued
// with its business key (queue-flow-trigger.server.ts). Called from the seams every such change
// passes: releaseDueCommissions (commission approved), recordPayoutChange (payout paid / failed)
// and applyAsCreator (creator applied).
import type { DbTransaction } from "../db.server";
import { fromDateColumn } from "../domain/calendar";
import { toMinorNumber } from "../ledger/to-minor-number";
import {
  commissionApprovedPayload,
  creatorAppliedPayload,
  FLOW_TRIGGER,
  payoutFailedPayload,
  payoutPaidPayload,
  type FlowCreatorFacts,
} from "./flow-trigger-payloads";
import { queueFlowTrigger } from "./queue-flow-trigger.server";

const CREATOR_SELECT = { id: true, name: true, email: true, referralCode: true, shopifyCustomerId: true } as const;

export async function queueCommissionApproved(tx: DbTransaction, shopId: string, commissionId: string, amountMinor: number) {
  const commission = await tx.commission.findFirstOrThrow({
    where: { id: commissionId, shopId },
    select: { currency: true, creator: { select: CREATOR_SELECT }, order: { select: { shopifyOrderId: true, orderName: true } } },
  });
  await queueFlowTrigger(tx, {
    shopId,
    handle: FLOW_TRIGGER.commissionApproved,
    eventKey: `${FLOW_TRIGGER.commissionApproved}:${commissionId}`,
    payload: commissionApprovedPayload({
      creator: commission.creator,
      commissionId,
      amountMinor,
      currency: commission.currency,
      shopifyOrderId: commission.order.shopifyOrderId,
      orderName: commission.order.orderName,
    }),
  });
}

/** Payout paid or failed: one event per payment, and one per failed attempt (a retry may fail again). */
export async function queuePayoutStatusTrigger(tx: DbTransaction, shopId: string, payoutId: string, status: "paid" | "failed") {
  const payout = await tx.payout.findFirstOrThrow({
    where: { id: payoutId, shopId },
    select: {
      currency: true,
      invoiceLabel: true,
      channel: true,
      offlineMethod: true,
      offlineReference: true,
      stripeTransferId: true,
      paidOn: true,
      statusReason: true,
      creator: { select: CREATOR_SELECT },
    },
  });
  const sum = await tx.payoutItem.aggregate({ where: { shopId, payoutId, state: "active" }, _sum: { amountMinor: true } });
  const facts = {
    creator: payout.creator satisfies FlowCreatorFacts,
    payoutId,
    invoiceNumber: payout.invoiceLabel,
    amountMinor: toMinorNumber(sum._sum.amountMinor),
    currency: payout.currency,
  };
  if (status === "paid") {
    const stripe = payout.channel === "stripe";
    // Both rails record the shop's day of payment (offline: the day typed; Stripe: the shop's day of the transfer).
    const paidOn = payout.paidOn ? fromDateColumn(payout.paidOn) : "";
    await queueFlowTrigger(tx, {
      shopId,
      handle: FLOW_TRIGGER.payoutPaid,
      eventKey: `${FLOW_TRIGGER.payoutPaid}:${payoutId}`,
      payload: payoutPaidPayload({
        ...facts,
        paymentMethod: stripe ? "Stripe" : (payout.offlineMethod ?? "Offline"),
        paymentReference: stripe ? payout.stripeTransferId : payout.offlineReference,
        paidOn,
      }),
    });
    return;
  }
  const lastAttempt = await tx.payoutAttempt.aggregate({ where: { shopId, payoutId }, _max: { attempt: true } });
  await queueFlowTrigger(tx, {
    shopId,
    handle: FLOW_TRIGGER.payoutFailed,
    eventKey: `${FLOW_TRIGGER.payoutFailed}:${payoutId}:${lastAttempt._max.attempt ?? 0}`,
    payload: payoutFailedPayload({ ...facts, failureReason: payout.statusReason }),
  });
}

export async function queueCreatorApplied(tx: DbTransaction, shopId: string, creatorId: string) {
  const creator = await tx.creator.findFirstOrThrow({
    where: { id: creatorId, shopId },
    select: { ...CREATOR_SELECT, socialHandle: true, applicationMessage: true },
  });
  await queueFlowTrigger(tx, {
    shopId,
    handle: FLOW_TRIGGER.creatorApplied,
    eventKey: `${FLOW_TRIGGER.creatorApplied}:${creatorId}`,
    payload: creatorAppliedPayload({ creator, socialHandle: creator.socialHandle, message: creator.applicationMessage }),
  });
}
