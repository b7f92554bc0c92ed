// Seeds for the Reports tests: attributed orders with their commission posted to the ledger the
// way the commission engine posts it (earn → release → clawback / reverse), and clicks.
import { randomUUID } from "node:crypto";
import type { Actor } from "~/audit/actor";
import { COMMISSION_SUBJECT } from "~/commissions/commission-amounts.server";
import { commissionPlanVersion } from "~/commissions/commission-plan-version.server";
import { db } from "~/db.server";
import { earnCommission, releaseHold, returnToExpense } from "~/domain/ledger";
import { postLedgerTransaction } from "~/ledger/post-ledger-transaction.server";

const SHOPIFY: Actor = { type: "shopify" };

export interface SeededOrder {
  creatorId: string;
  dealId?: string | null;
  subtotalMinor: number;
  refundedMinor?: number;
  orderedAt: string;
  paid?: boolean;
  isTest?: boolean;
  cancelled?: boolean;
  isNewCustomer?: boolean;
  currency?: string;
  /** Commission earned (held); released to payable when `approved`. */
  commissionMinor?: number;
  approved?: boolean;
  /** A refund after approval: this much returns from payable to expense. */
  clawbackMinor?: number;
  /** Fully reversed in the hold. */
  reversed?: boolean;
}

export async function seedOrder(shopId: string, spec: SeededOrder) {
  const currency = spec.currency ?? "USD";
  const orderedAt = new Date(spec.orderedAt);
  return db().$transaction(async (tx) => {
    const order = await tx.attributedOrder.create({
      data: {
        shopId,
        shopifyOrderId: randomUUID(),
        orderName: `#${Math.floor(Math.random() * 1e6)}`,
        creatorId: spec.creatorId,
        dealId: spec.dealId ?? null,
        attributionSource: "referral",
        currency,
        subtotalMinor: BigInt(spec.subtotalMinor),
        eligibleMinor: BigInt(spec.subtotalMinor),
        refundedMinor: BigInt(spec.refundedMinor ?? 0),
        isNewCustomer: spec.isNewCustomer ?? false,
        isTest: spec.isTest ?? false,
        orderedAt,
        paidAt: spec.paid === false ? null : orderedAt,
        cancelledAt: spec.cancelled ? orderedAt : null,
        orderState: {},
      },
    });
    if (!spec.commissionMinor) return order;
    const commission = await tx.commission.create({
      data: {
        shopId,
        creatorId: spec.creatorId,
        orderId: order.id,
        currency,
        planVersionId: await commissionPlanVersion(tx, shopId, {}),
        status: spec.reversed ? "reversed" : spec.approved ? "approved" : "held",
      },
    });
    const money = { creatorId: spec.creatorId, currency, amountMinor: spec.commissionMinor };
    const post = (draft: Parameters<typeof postLedgerTransaction>[1]["draft"], action: string) =>
      postLedgerTransaction(tx, {
        shopId,
        actor: SHOPIFY,
        action,
        subject: { type: COMMISSION_SUBJECT, id: commission.id },
        draft,
        idempotencyKey: `commission:${commission.id}:${action}`,
      });
    await post(earnCommission(money), "commission.earned");
    if (spec.reversed) await post(returnToExpense({ ...money, kind: "reverse_commission", from: "held" }), "commission.reversed");
    if (spec.approved) await post(releaseHold(money), "commission.approved");
    if (spec.clawbackMinor) {
      await post(
        returnToExpense({ ...money, amountMinor: spec.clawbackMinor, kind: "clawback", from: "payable" }),
        "commission.clawed_back",
      );
    }
    return order;
  });
}

/** `count` distinct visitors clicking the creator's link on `day`. */
export async function seedClicks(shopId: string, creatorId: string, day: string, count: number) {
  await db().referralClick.createMany({
    data: Array.from({ length: count }, () => ({
      shopId,
      creatorId,
      code: "CODE",
      visitorHash: randomUUID(),
      day: new Date(`${day}T00:00:00Z`),
    })),
  });
}
