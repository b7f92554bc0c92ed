// Test helpers shared by the payout tests (not used by the app): shops, creators and payable
// items built through the ledger exactly as the app builds them, and the money invariants.
import { randomUUID } from "node:crypto";
import { Prisma, type PayableKind, type Shop } from "@prisma/client";
import type { Actor } from "../audit/actor";
import { db, type DbTransaction } from "../db.server";
import {
  addFixedFee,
  earnCommission,
  postAdjustment,
  releaseHold,
  returnToExpense,
  type LedgerTransactionDraft,
} from "../domain/ledger";
import { postLedgerTransaction } from "../ledger/post-ledger-transaction.server";
import { toMinorNumber } from "../ledger/to-minor-number";

export const MIA: Actor = { type: "staff", id: "staff_mia" };
export const PAID_ON = "2026-01-15";

let orderNumber = 1000;

export async function createShop(changes: Partial<Pick<Shop, "creatorReviewEnabled" | "invoicePrefix" | "timezone">> = {}) {
  return db().shop.create({
    data: { domain: `${randomUUID()}.myshopify.com`, name: "Trail Co", currency: "USD", ...changes },
  });
}

export async function createCreator(shopId: string, name = "Ava Ames") {
  const referralCode = `${name.split(" ")[0].toUpperCase()}${randomUUID().slice(0, 8)}`;
  return db().creator.create({
    data: { shopId, name, email: `${referralCode.toLowerCase()}@creators.test`, referralCode, status: "active" },
  });
}

export interface PayableSpec {
  kind: PayableKind;
  /** Signed: clawbacks and corrections are negative. */
  amountMinor: number;
  currency?: string;
  payableSince?: Date;
  /** Fee comment or adjustment reason. */
  text?: string;
}

/** Makes something payable to the creator the way the app does: source row, payable item, ledger. */
export async function givePayable(shopId: string, creatorId: string, spec: PayableSpec) {
  const currency = spec.currency ?? "USD";
  const payableSince = spec.payableSince ?? new Date("2026-01-01T00:00:00Z");
  return db().$transaction(async (tx) => {
    const post = (draft: LedgerTransactionDraft, subject: { type: string; id: string }, action: string) =>
      postLedgerTransaction(tx, { shopId, draft, subject, action, actor: MIA, idempotencyKey: `test:${subject.type}:${subject.id}:${action}:${randomUUID()}` });
    const money = { creatorId, currency, amountMinor: Math.abs(spec.amountMinor) };
    const item = { shopId, creatorId, kind: spec.kind, currency, payableSince, amountMinor: BigInt(spec.amountMinor) };
    switch (spec.kind) {
      case "commission": {
        const commission = await createCommission(tx, shopId, creatorId, currency, "approved");
        await post(earnCommission(money), { type: "commission", id: commission.id }, "commission.earned");
        await post(releaseHold(money), { type: "commission", id: commission.id }, "commission.approved");
        return tx.payableItem.create({ data: { ...item, commissionId: commission.id } });
      }
      case "fixed_fee": {
        const deal = await tx.deal.create({ data: { shopId, creatorId, title: "Spring collaboration" } });
        const fee = await tx.fixedFee.create({
          data: { shopId, creatorId, dealId: deal.id, status: "approved", amountMinor: BigInt(spec.amountMinor), currency, comment: spec.text ?? "TikTok video", createdBy: "staff_mia" },
        });
        await post(addFixedFee({ ...money, gated: false }), { type: "fixed_fee", id: fee.id }, "fixed_fee.added");
        return tx.payableItem.create({ data: { ...item, fixedFeeId: fee.id } });
      }
      case "adjustment": {
        const adjustment = await tx.adjustment.create({
          data: { shopId, creatorId, amountMinor: BigInt(spec.amountMinor), currency, reason: spec.text ?? "bonus", createdBy: "staff_mia" },
        });
        await post(postAdjustment({ ...money, amountMinor: spec.amountMinor }), { type: "adjustment", id: adjustment.id }, "adjustment.posted");
        return tx.payableItem.create({ data: { ...item, adjustmentId: adjustment.id } });
      }
      case "clawback": {
        // A refund on an order whose commission was paid earlier (outside this test's ledger).
        const commission = await createCommission(tx, shopId, creatorId, currency, "paid");
        const clawback = await tx.clawback.create({
          data: { shopId, creatorId, commissionId: commission.id, amountMinor: BigInt(spec.amountMinor), currency, reason: "refund" },
        });
        await post(returnToExpense({ ...money, kind: "clawback", from: "payable" }), { type: "commission", id: commission.id }, "commission.clawed_back");
        return tx.payableItem.create({ data: { ...item, clawbackId: clawback.id } });
      }
    }
  });
}

async function createCommission(tx: DbTransaction, shopId: string, creatorId: string, currency: string, status: "approved" | "paid") {
  const number = orderNumber++;
  const order = await tx.attributedOrder.create({
    data: {
      shopId,
      shopifyOrderId: `${number}-${randomUUID()}`,
      orderName: `#${number}`,
      creatorId,
      currency,
      subtotalMinor: 10000n,
      orderedAt: new Date("2025-12-01T00:00:00Z"),
      orderState: {},
    },
  });
  return tx.commission.create({ data: { shopId, creatorId, orderId: order.id, status, currency, planSnapshot: {} } });
}

/** Rows a refused operation must not have written. */
export async function rowCounts(shopId: string) {
  const [payouts, payoutItems, payableItems, ledgerTransactions, auditEvents, balanceLocks, shop] = await Promise.all([
    db().payout.count({ where: { shopId } }),
    db().payoutItem.count({ where: { shopId } }),
    db().payableItem.count({ where: { shopId } }),
    db().ledgerTransaction.count({ where: { shopId } }),
    db().auditEvent.count({ where: { shopId } }),
    db().creatorBalanceLock.count({ where: { shopId } }),
    db().shop.findUniqueOrThrow({ where: { id: shopId }, select: { nextInvoiceNumber: true } }),
  ]);
  return { payouts, payoutItems, payableItems, ledgerTransactions, auditEvents, balanceLocks, nextInvoiceNumber: shop.nextInvoiceNumber };
}

async function sum(query: Prisma.Sql): Promise<number> {
  const rows = await db().$queryRaw<{ total: bigint | null }[]>(query);
  return toMinorNumber(rows[0]?.total ?? 0n);
}

/**
 * The money model's invariants for one creator and currency, each side computed independently:
 * the ledger on one side, payable items and payouts on the other.
 */
export async function readMoneyInvariants(shopId: string, creatorId: string, currency = "USD") {
  const ledger = (account: string, creator: string | null) =>
    sum(Prisma.sql`SELECT SUM("amountMinor") AS total FROM "LedgerEntry"
      WHERE "shopId" = ${shopId} AND "currency" = ${currency} AND "account" = ${account}::"LedgerAccount"
        AND "creatorId" IS NOT DISTINCT FROM ${creator}`);
  return {
    ledgerPayable: await ledger("payable", creatorId),
    availableItems: await sum(Prisma.sql`SELECT SUM(p."amountMinor") AS total FROM "PayableItem" p
      WHERE p."shopId" = ${shopId} AND p."creatorId" = ${creatorId} AND p."currency" = ${currency}
        AND p."splitAt" IS NULL AND p."rejectedAt" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "PayoutItem" i WHERE i."payableItemId" = p."id" AND i."state" = 'active')`),
    ledgerInPayout: await ledger("in_payout", creatorId),
    activeItemsOfOpenPayouts: await sum(Prisma.sql`SELECT SUM(i."amountMinor") AS total
      FROM "PayoutItem" i JOIN "Payout" p ON p."id" = i."payoutId"
      WHERE p."shopId" = ${shopId} AND p."creatorId" = ${creatorId} AND p."currency" = ${currency}
        AND i."state" = 'active' AND p."status" NOT IN ('paid', 'canceled', 'reversed')`),
    ledgerPaidOffline: await ledger("paid_offline", null),
    paidPayouts: await sum(Prisma.sql`SELECT SUM(i."amountMinor") AS total
      FROM "PayoutItem" i JOIN "Payout" p ON p."id" = i."payoutId"
      WHERE p."shopId" = ${shopId} AND p."currency" = ${currency} AND i."state" = 'active' AND p."status" = 'paid'`),
    itemsInTwoActivePayouts: await sum(Prisma.sql`SELECT COUNT(*) AS total FROM (
      SELECT "payableItemId" FROM "PayoutItem" WHERE "shopId" = ${shopId} AND "state" = 'active'
      GROUP BY "payableItemId" HAVING COUNT(*) > 1) doubles`),
    unbalancedTransactions: await sum(Prisma.sql`SELECT COUNT(*) AS total FROM (
      SELECT "transactionId" FROM "LedgerEntry" WHERE "shopId" = ${shopId}
      GROUP BY "transactionId", "currency" HAVING SUM("amountMinor") <> 0) unbalanced`),
    payoutsPayingNothing: await sum(Prisma.sql`SELECT COUNT(*) AS total FROM (
      SELECT p."id" FROM "Payout" p LEFT JOIN "PayoutItem" i ON i."payoutId" = p."id" AND i."state" = 'active'
      WHERE p."shopId" = ${shopId} AND p."status" <> 'canceled'
      GROUP BY p."id" HAVING COALESCE(SUM(i."amountMinor"), 0) <= 0) empty`),
  };
}

/** The invariants that do not hold, in words (empty when all hold). */
export function brokenMoneyInvariants(invariants: Awaited<ReturnType<typeof readMoneyInvariants>>): string[] {
  const broken: string[] = [];
  if (invariants.ledgerPayable !== invariants.availableItems) broken.push("ledger payable ≠ available payable items");
  if (invariants.ledgerInPayout !== invariants.activeItemsOfOpenPayouts) broken.push("ledger in_payout ≠ active items of open payouts");
  if (invariants.ledgerPaidOffline !== invariants.paidPayouts) broken.push("ledger paid_offline ≠ paid payouts");
  if (invariants.itemsInTwoActivePayouts !== 0) broken.push("a payable item is active in two payouts");
  if (invariants.unbalancedTransactions !== 0) broken.push("an unbalanced ledger transaction");
  if (invariants.payoutsPayingNothing !== 0) broken.push("a payout that is not canceled pays nothing");
  return broken;
}
