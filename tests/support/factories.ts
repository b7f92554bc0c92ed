// Test data factories shared by every test that needs a database: shops, creators and payable
// items, made exactly as the app makes them (payable items through the ledger, referral codes in
// upper case as the app stores and matches them). Override any column through `changes`.
import { randomUUID } from "node:crypto";
import type { Creator, PayableKind, Prisma } from "@prisma/client";
import type { Actor } from "~/audit/actor";
import { commissionPlanVersion } from "~/commissions/commission-plan-version.server";
import { db, type DbTransaction } from "~/db.server";
import {
  addFixedFee,
  earnCommission,
  postAdjustment,
  releaseHold,
  returnToExpense,
  type LedgerSubjectType,
  type LedgerTransactionDraft,
} from "~/domain/ledger";
import { postLedgerTransaction, type LedgerPosting } from "~/ledger/post-ledger-transaction.server";
import { installShopSession } from "./shopify-session";

export const MIA: Actor = { type: "staff", id: "staff_mia" };
export const PAID_ON = "2026-01-15";

let orderNumber = 1000;

/** A shop on a fresh `*.myshopify.com` domain ("Trail Co", USD unless `changes` say otherwise). */
export async function createShop(changes: Partial<Prisma.ShopUncheckedCreateInput> = {}) {
  return db().shop.create({
    data: { domain: `${randomUUID()}.myshopify.com`, name: "Trail Co", currency: "USD", ...changes },
  });
}

/** A shop with an offline admin session, so admin routes answer for it (see shopify-session.ts). */
export async function createInstalledShop(changes: Partial<Prisma.ShopUncheckedCreateInput> = {}) {
  const shop = await createShop(changes);
  await installShopSession(shop.domain);
  return shop;
}

/** A shop whose default plan pays 10 % (held `holdPeriodDays`, 30 unless `changes` say otherwise). */
export async function createShopWithTenPercentPlan(changes: Partial<Prisma.ShopUncheckedCreateInput> = {}) {
  const shop = await createShop({ holdPeriodDays: 30, ...changes });
  const plan = await db().commissionPlan.create({
    data: { shopId: shop.id, name: "10 %", kind: "percentage", rateBasisPoints: 1000 },
  });
  return db().shop.update({ where: { id: shop.id }, data: { defaultPlanId: plan.id } });
}

/** A referral code as the app stores it: upper case, unique (the first name and a random tail). */
export function newReferralCode(name: string): string {
  return `${name.split(" ")[0]}${randomUUID().slice(0, 8)}`.toUpperCase();
}

/** An active creator of the shop, with a unique referral code and e-mail address. */
export async function createCreator(
  shopId: string,
  name = "Ava Ames",
  changes: Partial<Prisma.CreatorUncheckedCreateInput> = {},
): Promise<Creator> {
  const referralCode = changes.referralCode ?? newReferralCode(name);
  return db().creator.create({
    data: { shopId, name, email: `${referralCode.toLowerCase()}@creators.test`, referralCode, status: "active", ...changes },
  });
}

/**
 * Posts one ledger draft in its own database transaction, as a state change would: an adjustment
 * by Mia under a fresh key unless `posting` says otherwise (a key to retry, a subject to read back).
 */
export async function postDraft(
  shopId: string,
  draft: LedgerTransactionDraft,
  posting: Partial<Omit<LedgerPosting, "shopId" | "draft">> = {},
) {
  return db().$transaction((tx) =>
    postLedgerTransaction(tx, {
      shopId,
      draft,
      subject: { type: "adjustment", id: "adj_1" },
      action: "adjustment.created",
      actor: MIA,
      idempotencyKey: `test:${randomUUID()}`,
      ...posting,
    }),
  );
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
    const post = (draft: LedgerTransactionDraft, subject: { type: LedgerSubjectType; id: string }, action: string) =>
      postLedgerTransaction(tx, {
        shopId,
        draft,
        subject,
        action,
        actor: MIA,
        idempotencyKey: `test:${subject.type}:${subject.id}:${action}:${randomUUID()}`,
      });
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
          data: {
            shopId,
            creatorId,
            dealId: deal.id,
            status: "approved",
            amountMinor: BigInt(spec.amountMinor),
            currency,
            comment: spec.text ?? "TikTok video",
            createdBy: "staff_mia",
          },
        });
        await post(addFixedFee({ ...money, gated: false }), { type: "fixed_fee", id: fee.id }, "fixed_fee.added");
        return tx.payableItem.create({ data: { ...item, fixedFeeId: fee.id } });
      }
      case "adjustment": {
        const adjustment = await tx.adjustment.create({
          data: {
            shopId,
            creatorId,
            amountMinor: BigInt(spec.amountMinor),
            currency,
            reason: spec.text ?? "bonus",
            createdBy: "staff_mia",
          },
        });
        await post(
          postAdjustment({ ...money, amountMinor: spec.amountMinor }),
          { type: "adjustment", id: adjustment.id },
          "adjustment.posted",
        );
        return tx.payableItem.create({ data: { ...item, adjustmentId: adjustment.id } });
      }
      case "clawback": {
        // A refund on an order whose commission was paid earlier (outside this test's ledger).
        const commission = await createCommission(tx, shopId, creatorId, currency, "paid");
        const clawback = await tx.clawback.create({
          data: { shopId, creatorId, commissionId: commission.id, amountMinor: BigInt(spec.amountMinor), currency, reason: "refund" },
        });
        await post(
          returnToExpense({ ...money, kind: "clawback", from: "payable" }),
          { type: "commission", id: commission.id },
          "commission.clawed_back",
        );
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
  const planVersionId = await commissionPlanVersion(tx, shopId, {});
  return tx.commission.create({ data: { shopId, creatorId, orderId: order.id, status, currency, planVersionId } });
}

/** The plan snapshot a commission keeps: its plan version's content. */
export async function planSnapshotOf(commission: { shopId: string; planVersionId: string }) {
  const version = await db().commissionPlanVersion.findUniqueOrThrow({
    where: { shopId_id: { shopId: commission.shopId, id: commission.planVersionId } },
  });
  return version.snapshot;
}
