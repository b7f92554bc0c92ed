import type { PayableKind } from "@prisma/client";
import type { Actor } from "../audit/actor";
import type { DbTransaction } from "../db.server";
import { parseCurrencyCode } from "../domain/currency";
import { initialPayoutStatus, type PayoutStatus } from "../domain/status/payout-status";
import { readCreatorBalances } from "../ledger/read-balances.server";
import { now } from "../lib/clock.server";
import { choosePayoutItems, eligibleForPayout } from "./choose-payout-items";
import { lockCreatorBalance } from "../db/locks.server";
import {
  amountAbovePayable,
  belowMinimum,
  creatorNotFound,
  invalidPayoutAmount,
  nothingPayable,
  noBalanceInCurrency,
  openRequestsNotCovered,
  PayableDriftError,
  payoutsHeld,
} from "./payout-errors";
import { matchOpenRequests } from "../domain/open-requests";
import {
  lockOpenRequests,
  requestGroupKey,
  satisfyOpenRequests,
  type OpenRequestRow,
} from "../payout-requests/satisfy-open-requests.server";
import { readAvailablePayable } from "./read-available-payable.server";
import { insertPayouts } from "./insert-payouts.server";
import { notifiedStatusMove } from "../notifications/creator-emails";
import { notifyPayoutStatus } from "../notifications/notify-payout-status.server";
import { runPayoutTransaction } from "./run-payout-transaction.server";

export interface CreatePayoutInput {
  shopId: string;
  creatorId: string;
  currency: string;
  /** A custom amount in minor units; omitted pays everything payable. */
  amountMinor?: number;
  origin: "manual" | "run" | "request";
  actor: Actor;
  comment?: string;
  noteToCreator?: string;
  runId?: string;
  /** Runs: only positive items payable at or before this instant (negative items are always netted). */
  payableUntil?: Date;
  /** The minimum for this currency; null or omitted when there is none or the merchant overrides it. */
  minimumMinor?: number | null;
  /** False when the caller emails the creator itself (an approved withdrawal request). */
  notifyCreator?: boolean;
  /**
   * Manual payouts start in draft (DOMAIN §3); true sends it at once, as "Send" on a draft would:
   * to the creator's review when the shop has that step, else ready.
   */
  sendNow?: boolean;
}

export interface CreatedPayoutItem {
  payoutItemId: string;
  payableItemId: string;
  kind: PayableKind;
  amountMinor: number;
  /** Set when this item is the paid part of a split: the item it was split from. */
  splitFromId: string | null;
}

export interface CreatedPayout {
  payoutId: string;
  amountMinor: number;
  status: PayoutStatus;
  invoiceNumber: number | null;
  invoiceLabel: string | null;
  items: CreatedPayoutItem[];
  /** The creator's payable balance in this currency right after this payout. */
  balanceAfterMinor: number;
}

/**
 * Creates one payout for one creator in one currency (DOMAIN.md §2, §4), in one transaction:
 * lock the creator's balance, re-read it, choose items (netting negatives first, splitting the
 * last item for a custom amount), reserve payable → in_payout and record who did it.
 */
export async function createPayout(input: CreatePayoutInput, tx?: DbTransaction): Promise<CreatedPayout> {
  const { shopId, creatorId, amountMinor, minimumMinor } = input;
  if (amountMinor !== undefined && (!Number.isSafeInteger(amountMinor) || amountMinor <= 0)) {
    throw invalidPayoutAmount(amountMinor);
  }
  if (minimumMinor != null && (!Number.isSafeInteger(minimumMinor) || minimumMinor < 0)) {
    throw new Error(`createPayout: minimumMinor must be a whole number of zero or more, not ${minimumMinor}.`);
  }
  const currency = parseCurrencyCode(input.currency);

  return runPayoutTransaction(async (tx) => {
    const creator = await tx.creator.findFirst({
      where: { id: creatorId, shopId },
      select: { name: true, payoutsHeldUntil: true, shop: { select: { creatorReviewEnabled: true } } },
    });
    if (!creator) throw creatorNotFound(creatorId);
    if (creator.payoutsHeldUntil && creator.payoutsHeldUntil > now()) {
      throw payoutsHeld({ creatorName: creator.name, until: creator.payoutsHeldUntil });
    }

    await lockCreatorBalance(tx, { shopId, creatorId, currency });
    const { ledgerPayableMinor, items: available } = await readAvailablePayable(tx, { shopId, creatorId, currency });
    const itemsMinor = available.reduce((sum, item) => sum + item.amountMinor, 0);
    if (itemsMinor !== ledgerPayableMinor) {
      throw new PayableDriftError({ shopId, creatorId, currency, itemsMinor, ledgerMinor: ledgerPayableMinor });
    }

    const eligible = eligibleForPayout(available, input.payableUntil);
    const eligibleMinor = eligible.reduce((sum, item) => sum + item.amountMinor, 0);
    const names = { currency, creatorName: creator.name };
    if (available.length === 0 && !(await hasEverBeenOwed(tx, shopId, creatorId, currency))) {
      throw noBalanceInCurrency({ ...names, currenciesOwed: await currenciesOwed(tx, shopId, creatorId) });
    }
    if (eligibleMinor <= 0) throw nothingPayable({ ...names, payableMinor: eligibleMinor });
    if (amountMinor !== undefined && amountMinor > eligibleMinor) {
      throw amountAbovePayable({ ...names, amountMinor, payableMinor: eligibleMinor });
    }
    const selection = choosePayoutItems(eligible, amountMinor);
    if (minimumMinor != null && selection.totalMinor < minimumMinor) {
      throw belowMinimum({ amountMinor: selection.totalMinor, minimumMinor, currency });
    }

    // A run or manual payout satisfies the open requests it covers and never strands the rest;
    // an approved request's own payout is that request's answer (it is no longer open).
    let satisfies: OpenRequestRow[] = [];
    if (input.origin !== "request") {
      const open = (await lockOpenRequests(tx, shopId, [{ creatorId, currency }])).get(requestGroupKey(creatorId, currency)) ?? [];
      const match = matchOpenRequests({ payoutMinor: selection.totalMinor, payableMinor: ledgerPayableMinor, requests: open });
      if (!match.ok) throw openRequestsNotCovered({ ...names, uncoveredMinor: match.uncoveredMinor, leftMinor: match.leftMinor });
      satisfies = open.filter((request) => match.satisfied.some((s) => s.id === request.id));
    }

    const chosen = selection.whole.map((item) => ({ ...item, splitFromId: null as string | null }));
    if (selection.split) {
      const part = await splitPayableItem(tx, shopId, selection.split);
      chosen.push({ id: part.id, amountMinor: selection.split.takeMinor, splitFromId: selection.split.id });
    }

    const status =
      input.origin === "manual" && input.sendNow
        ? initialPayoutStatus("run", creator.shop.creatorReviewEnabled)
        : initialPayoutStatus(input.origin, creator.shop.creatorReviewEnabled);
    // The batch of one of what a payout run writes in bulk (insertPayouts).
    const [payout] = await insertPayouts(tx, shopId, input.actor, [
      {
        creatorId,
        currency,
        status,
        origin: input.origin,
        items: chosen.map((item) => ({ payableItemId: item.id, amountMinor: item.amountMinor, splitFromId: item.splitFromId })),
        ledgerPayableMinor,
        runId: input.runId ?? null,
        comment: input.comment ?? null,
        noteToCreator: input.noteToCreator ?? null,
      },
    ]);
    const toldAboutWithdrawal = await satisfyOpenRequests(tx, shopId, input.actor, [
      { ...payout, creatorId, currency, requests: satisfies },
    ]);
    const notified = notifiedStatusMove(undefined, { status });
    if (notified && input.notifyCreator !== false && !toldAboutWithdrawal.has(payout.payoutId)) {
      await notifyPayoutStatus(tx, shopId, payout.payoutId, notified);
    }
    return payout;
  }, tx);
}

/**
 * Replaces a payable item by two children that sum exactly to it (the parent is marked `splitAt`
 * and never paid, so history is not rewritten) and returns the child that goes into the payout.
 * The ledger does not move: the payable balance is the same, held by two items instead of one.
 */
async function splitPayableItem(tx: DbTransaction, shopId: string, split: { id: string; takeMinor: number; keepMinor: number }) {
  const splitAt = now();
  const marked = await tx.payableItem.updateMany({
    where: { id: split.id, shopId, splitAt: null, rejectedAt: null },
    data: { splitAt },
  });
  if (marked.count !== 1) throw new Error(`splitPayableItem: payable item ${split.id} is no longer available.`);
  const parent = await tx.payableItem.findFirstOrThrow({ where: { id: split.id, shopId } });
  const child = (amountMinor: number) => ({
    shopId,
    creatorId: parent.creatorId,
    kind: parent.kind,
    currency: parent.currency,
    payableSince: parent.payableSince,
    commissionId: parent.commissionId,
    fixedFeeId: parent.fixedFeeId,
    adjustmentId: parent.adjustmentId,
    clawbackId: parent.clawbackId,
    parentId: parent.id,
    amountMinor: BigInt(amountMinor),
  });
  const taken = await tx.payableItem.create({ data: child(split.takeMinor), select: { id: true } });
  await tx.payableItem.create({ data: child(split.keepMinor), select: { id: true } });
  return taken;
}

async function hasEverBeenOwed(tx: DbTransaction, shopId: string, creatorId: string, currency: string) {
  return (await tx.payableItem.count({ where: { shopId, creatorId, currency }, take: 1 })) > 0;
}

async function currenciesOwed(tx: DbTransaction, shopId: string, creatorId: string): Promise<string[]> {
  const balances = await readCreatorBalances(shopId, [creatorId], tx);
  return balances.filter((balance) => balance.payable > 0).map((balance) => balance.currency);
}
