// Recompute-and-diff for one order (DOMAIN.md §4): from everything known about the order now,
// compute what its commission deserves, compare with what was posted, post only the difference.
// Runs inside the caller's transaction, under the order's lock (lockOrder in app/db/locks.server.ts).
import type { AttributedOrder, Commission, Creator, Prisma, Shop } from "@prisma/client";
import type { Actor } from "../audit/actor";
import type { DbTransaction } from "../db.server";
import { validatePlanSnapshot, type PlanSnapshot } from "../domain/commission/commission-plan";
import { deservedNow } from "../domain/commission/deserved-now";
import { eligibleAmount, uniqueRefunds } from "../domain/commission/eligible-amount";
import type { OrderAggregate } from "../domain/commission/order-aggregate";
import { planCommissionPosting, type CommissionPosting } from "../domain/commission/plan-commission-posting";
import {
  earnCommission,
  recomputeHeldCommission,
  returnToExpense,
  topUpApprovedCommission,
  type LedgerTransactionDraft,
} from "../domain/ledger";
import { creatorEarns } from "../domain/status/creator-status";
import { postLedgerTransaction } from "../ledger/post-ledger-transaction.server";
import { now } from "../lib/clock.server";
import { attributeOrder, isSelfReferral } from "./attribute-order.server";
import { COMMISSION_SUBJECT, readCommissionPostedMinor } from "./commission-amounts.server";
import { fetchProductCollections } from "./product-collections.server";
import { resolvePlan } from "./resolve-plan.server";

const DAY_MS = 24 * 60 * 60 * 1000;
const SHOPIFY: Actor = { type: "shopify" };

type StoredOrder = AttributedOrder & { commission: Commission | null };

export interface RecomputeResult {
  orderId: string;
  posting: CommissionPosting["kind"] | "not_earning";
  reason: string | null;
}

/** Why an order earns nothing, checked only before a commission exists. */
function notEarningReason(shop: Shop, creator: Creator | null, aggregate: OrderAggregate): string | null {
  const order = aggregate.latest!;
  if (order.test && shop.ignoreTestOrders) return "test order (ignored by the shop's settings)";
  if (!creator) return "not attributed to a creator";
  if (!creatorEarns(creator.status)) return `creator is ${creator.status}: earns nothing new`;
  if (isSelfReferral(creator, order)) return "self-referral: the buyer is the creator";
  return null;
}

export async function recomputeOrderCommission(
  tx: DbTransaction,
  shop: Shop,
  stored: StoredOrder | null,
  aggregate: OrderAggregate,
): Promise<RecomputeResult> {
  const order = aggregate.latest;
  if (!order) throw new Error("recomputeOrderCommission needs an order version");
  const existing = stored?.commission ?? null;

  // Attribution is settled once a commission exists; until then it follows the newest version.
  const attribution = existing
    ? null
    : await attributeOrder(tx, shop.id, order, stored?.attributionSource === "manual" ? stored.creatorId : null);
  const creator = existing ? await tx.creator.findUniqueOrThrow({ where: { id: existing.creatorId } }) : (attribution?.creator ?? null);
  let reason = existing ? null : notEarningReason(shop, creator, aggregate);

  let plan: PlanSnapshot | null = null;
  let dealId = stored?.dealId ?? null;
  if (existing) {
    const snapshot = validatePlanSnapshot(existing.planSnapshot);
    if (!snapshot.ok) throw new Error(`commission ${existing.id} has an unreadable plan snapshot: ${snapshot.reason}`);
    plan = snapshot.value;
  } else if (!reason && creator) {
    const resolved = await resolvePlan(tx, shop, creator.id);
    if (!resolved) reason = "no commission plan for this creator or shop";
    plan = resolved?.plan ?? null;
    dealId = resolved?.dealId ?? dealId;
  }

  const productCollections =
    plan && plan.overrides.some((o) => o.target === "collection")
      ? await fetchProductCollections(shop.domain, [...new Set(order.lines.map((l) => l.productId).filter((id): id is string => !!id))])
      : undefined;
  const countsPaid = aggregate.paidAt !== null || !shop.countPaidOrdersOnly;
  const holdStart = aggregate.paidAt ?? order.createdAt;
  const outcome = plan
    ? deservedNow({ aggregate: countsPaid ? { ...aggregate, paidAt: holdStart } : aggregate, plan, productCollections })
    : null;
  const eligible = eligibleAmount(order, aggregate.refunds, plan ?? DEFAULT_EXCLUSIONS);
  if (!existing && !reason && outcome && !outcome.paid) reason = "not paid yet";

  const orderRow = await upsertOrderRow(tx, shop, order.shopifyOrderId, {
    orderName: order.name,
    creatorId: creator?.id ?? null,
    dealId: creator ? dealId : null,
    attributionSource: existing ? (stored?.attributionSource ?? null) : (attribution?.source ?? null),
    notEarningReason: reason ?? (outcome?.computation?.zeroReason && !existing ? outcome.computation.zeroReason : null),
    currency: order.currency,
    subtotalMinor: BigInt(order.subtotalMinor),
    eligibleMinor: BigInt(eligible.eligibleMinor),
    refundedMinor: BigInt(refundedMinor(aggregate)),
    presentmentCurrency: order.presentmentCurrency,
    presentmentTotalMinor: order.presentmentTotalMinor === null ? null : BigInt(order.presentmentTotalMinor),
    customerShopifyId: stored?.redactedAt ? null : order.customer.id,
    customerEmail: stored?.redactedAt ? null : (order.customer.email ?? order.email),
    isNewCustomer: order.customer.ordersCount === 1,
    isTest: order.test,
    financialStatus: order.financialStatus,
    orderedAt: new Date(order.createdAt),
    paidAt: aggregate.paidAt ? new Date(aggregate.paidAt) : null,
    cancelledAt: order.cancelledAt ? new Date(order.cancelledAt) : null,
    shopifyUpdatedAt: new Date(order.updatedAt),
    orderState: aggregate as unknown as Prisma.InputJsonValue,
  });

  if (reason || !plan || !outcome || !creator) {
    return { orderId: orderRow.id, posting: "not_earning", reason };
  }

  const state = existing
    ? { status: existing.status, postedMinor: await readCommissionPostedMinor(tx, shop.id, existing.id) }
    : ({ status: "none" } as const);
  const posting = planCommissionPosting(state, outcome.deserved);
  const holdUntil = new Date(new Date(holdStart).getTime() + shop.holdPeriodDays * DAY_MS);
  if ((existing?.status === "held" || existing?.status === "reversed") && existing.holdUntil?.getTime() !== holdUntil.getTime()) {
    // An older paid version arrived late: the hold starts at the earliest payment seen.
    await tx.commission.update({ where: { id: existing.id }, data: { holdUntil } });
    await tx.auditEvent.create({
      data: {
        shopId: shop.id,
        actorType: "shopify",
        action: "commission.hold_rescheduled",
        subjectType: COMMISSION_SUBJECT,
        subjectId: existing.id,
        before: { holdUntil: existing.holdUntil?.toISOString() ?? null },
        after: { holdUntil: holdUntil.toISOString() },
      },
    });
  }
  await applyPosting(tx, {
    shop,
    creatorId: creator.id,
    orderRowId: orderRow.id,
    existing,
    plan,
    posting,
    holdUntil,
    currency: order.currency,
    zeroReason: outcome.computation?.zeroReason ?? null,
  });
  return { orderId: orderRow.id, posting: posting.kind, reason: null };
}

const DEFAULT_EXCLUSIONS = { excludeShipping: true, excludeTips: true, excludeGiftCards: true, excludeTaxes: true };

function refundedMinor(aggregate: OrderAggregate): number {
  const refunds = uniqueRefunds(aggregate.latest!, aggregate.refunds);
  return refunds.reduce((sum, r) => sum + r.lines.reduce((s, l) => s + l.subtotalMinor, 0) + r.shippingMinor, 0);
}

function upsertOrderRow(
  tx: DbTransaction,
  shop: Shop,
  shopifyOrderId: string,
  data: Omit<Prisma.AttributedOrderUncheckedCreateInput, "shopId" | "shopifyOrderId">,
) {
  return tx.attributedOrder.upsert({
    where: { shopId_shopifyOrderId: { shopId: shop.id, shopifyOrderId } },
    create: { shopId: shop.id, shopifyOrderId, ...data },
    update: data,
  });
}

interface PostingContext {
  shop: Shop;
  creatorId: string;
  orderRowId: string;
  existing: Commission | null;
  plan: PlanSnapshot;
  posting: CommissionPosting;
  holdUntil: Date;
  currency: string;
  zeroReason: string | null;
}

async function applyPosting(tx: DbTransaction, ctx: PostingContext) {
  const { shop, creatorId, posting, currency } = ctx;
  const money = (amountMinor: number) => ({ creatorId, currency, amountMinor });
  const post = (
    commissionId: string,
    draft: LedgerTransactionDraft,
    action: string,
    before?: unknown,
    after?: unknown,
    idempotencyKey?: string,
  ) =>
    postLedgerTransaction(tx, {
      shopId: shop.id,
      draft,
      subject: { type: COMMISSION_SUBJECT, id: commissionId },
      action,
      actor: SHOPIFY,
      before,
      after,
      idempotencyKey: idempotencyKey ?? `commission:${commissionId}:${action.replace(/^commission\./, "")}`,
    });
  // A commission may be recomputed or topped up many times: the n-th such movement is keyed by
  // how many the commission had (the order row is locked, so two deliveries cannot both be n).
  const nthKey = async (commissionId: string, movement: string) => {
    const posted = await tx.ledgerTransaction.count({
      where: { shopId: shop.id, subjectType: COMMISSION_SUBJECT, subjectId: commissionId },
    });
    return `commission:${commissionId}:${movement}:${posted}`;
  };

  switch (posting.kind) {
    case "nothing":
      return;
    case "create": {
      const commission = await createCommission(tx, ctx, "held");
      await post(commission.id, earnCommission(money(posting.amountMinor)), "commission.earned", undefined, {
        status: "held",
        amountMinor: posting.amountMinor,
        holdUntil: ctx.holdUntil.toISOString(),
      });
      return;
    }
    case "create_reversed": {
      const commission = await createCommission(tx, ctx, "reversed");
      await tx.auditEvent.create({
        data: {
          shopId: shop.id,
          actorType: "shopify",
          action: "commission.reversed",
          subjectType: COMMISSION_SUBJECT,
          subjectId: commission.id,
          after: { status: "reversed", reason: ctx.zeroReason },
        },
      });
      return;
    }
    case "adjust_held": {
      const draft = recomputeHeldCommission({ creatorId, currency, diffMinor: posting.diffMinor });
      if (draft) {
        const key = await nthKey(ctx.existing!.id, "recomputed");
        await post(ctx.existing!.id, draft, "commission.recomputed", undefined, { diffMinor: posting.diffMinor }, key);
      }
      return;
    }
    case "reverse": {
      const commission = ctx.existing!;
      if (posting.amountMinor > 0) {
        await post(
          commission.id,
          returnToExpense({ ...money(posting.amountMinor), kind: "reverse_commission", from: "held" }),
          "commission.reversed",
          { status: commission.status },
          { status: "reversed", reason: ctx.zeroReason },
        );
      }
      await tx.commission.update({
        where: { id: commission.id },
        data: { status: "reversed", statusReason: ctx.zeroReason ?? "fully refunded or canceled in the hold" },
      });
      return;
    }
    case "clawback": {
      const commission = ctx.existing!;
      const reason = ctx.zeroReason ?? "refund after approval";
      const clawback = await tx.clawback.create({
        data: { shopId: shop.id, creatorId, commissionId: commission.id, amountMinor: BigInt(-posting.amountMinor), currency, reason },
      });
      await tx.payableItem.create({
        data: {
          shopId: shop.id,
          creatorId,
          kind: "clawback",
          amountMinor: BigInt(-posting.amountMinor),
          currency,
          payableSince: now(),
          clawbackId: clawback.id,
        },
      });
      await post(
        commission.id,
        returnToExpense({ ...money(posting.amountMinor), kind: "clawback", from: "payable" }),
        "commission.clawed_back",
        undefined,
        { clawbackId: clawback.id, amountMinor: posting.amountMinor },
        `clawback:${clawback.id}`,
      );
      return;
    }
    case "top_up": {
      const commission = ctx.existing!;
      await tx.payableItem.create({
        data: {
          shopId: shop.id,
          creatorId,
          kind: "commission",
          amountMinor: BigInt(posting.amountMinor),
          currency,
          payableSince: now(),
          commissionId: commission.id,
        },
      });
      await post(
        commission.id,
        topUpApprovedCommission(money(posting.amountMinor)),
        "commission.topped_up",
        undefined,
        { amountMinor: posting.amountMinor },
        await nthKey(commission.id, "topped_up"),
      );
      return;
    }
  }
}

function createCommission(tx: DbTransaction, ctx: PostingContext, status: "held" | "reversed") {
  return tx.commission.create({
    data: {
      shopId: ctx.shop.id,
      creatorId: ctx.creatorId,
      orderId: ctx.orderRowId,
      status,
      statusReason: status === "reversed" ? (ctx.zeroReason ?? "fully refunded or canceled") : null,
      currency: ctx.currency,
      planSnapshot: ctx.plan as unknown as Prisma.InputJsonValue,
      holdUntil: ctx.holdUntil,
    },
  });
}
