// Recompute-and-diff for one order (DOMAIN.md §4) as a plan: from everything known about the order
// now (loaded beforehand, for a whole batch at once, by load-order-lookups.server.ts), what its
// commission deserves, and every row to write so that only the difference is posted. No I/O: the
// batch writer (write-order-plans.server.ts) writes the plans of many orders in a few statements.
import type { AttributedOrder, AttributionSource, Commission, Creator } from "@prisma/client";
import type { Actor } from "../audit/actor";
import type { AuditEventInput } from "../audit/record-audit-event.server";
import type { PlanSnapshot } from "../domain/commission/commission-plan";
import { deservedNow } from "../domain/commission/deserved-now";
import { eligibleAmount } from "../domain/commission/eligible-amount";
import type { OrderAggregate } from "../domain/commission/order-aggregate";
import { encodeOrderState } from "../domain/commission/order-state";
import { orderRefundedMinor } from "../domain/commission/order-refunded-minor";
import { planCommissionPosting, type CommissionPosting } from "../domain/commission/plan-commission-posting";
import type { NormalizedOrder } from "../domain/commission/shopify-order";
import {
  earnCommission,
  recomputeHeldCommission,
  returnToExpense,
  topUpApprovedCommission,
  type LedgerTransactionDraft,
} from "../domain/ledger";
import { evaluateRisk, type RiskInput } from "../domain/risk/evaluate-risk";
import { hasReferralLanding } from "../domain/risk/referral-landing";
import { creatorEarns } from "../domain/status/creator-status";
import type { LedgerPosting } from "../ledger/post-ledger-transactions.server";

const DAY_MS = 24 * 60 * 60 * 1000;
const SHOPIFY: Actor = { type: "shopify" };
/** Every ledger movement of a commission is posted with the commission as its subject. */
const COMMISSION = "commission" as const;
const DEFAULT_EXCLUSIONS = { excludeShipping: true, excludeTips: true, excludeGiftCards: true, excludeTaxes: true };

export type StoredOrder = AttributedOrder & { commission: Commission | null };
export type PlanningShop = {
  id: string;
  holdPeriodDays: number;
  countPaidOrdersOnly: boolean;
  ignoreTestOrders: boolean;
  riskReviewScore: number;
  couponSites: string[];
};

/** What the batch loaded about the attributed creator's history, for the risk rules that need it. */
export type CreatorRiskHistory = Pick<RiskInput, "refunds" | "velocity" | "otherCreatorsWithSamePayoutDetails" | "codeLandings">;

/** What the batch loaded for one order (see load-order-lookups.server.ts). */
export interface OrderRecomputeInput {
  shop: PlanningShop;
  stored: StoredOrder | null;
  aggregate: OrderAggregate;
  /** Who the order is credited to, when it has no commission yet (attribution is settled once one exists). */
  attribution: {
    creator: Creator;
    source: AttributionSource;
    /** the creator's discount code, when it credits the order */ code?: string;
  } | null;
  /** The plan of the attributed creator (deal, creator or shop default) and the deal it belongs to. */
  resolvedPlan: { plan: PlanSnapshot; dealId: string | null } | null;
  /** The existing commission's plan snapshot, validated. */
  existingPlan: PlanSnapshot | null;
  productCollections?: ReadonlyMap<string, readonly string[]>;
  /** What the existing commission has cost so far, and how many ledger transactions it has. */
  postedMinor: number;
  postedCount: number;
  /** The attributed creator's history for the risk rules (absent: those rules do not run). */
  riskHistory?: CreatorRiskHistory;
  /** Ids for rows this plan may create (made by the caller, in the database's id format). */
  newIds: { orderRow: string; commission: string; clawback: string };
  at: Date;
}

export type OrderRowData = Omit<AttributedOrder, "shopId" | "shopifyOrderId" | "id" | "createdAt" | "updatedAt" | "redactedAt">;

export interface OrderRecomputePlan {
  orderRow: { id: string; isNew: boolean; shopId: string; shopifyOrderId: string; data: OrderRowData };
  /** The plan snapshot is written as the shop's plan version (write-order-plans.server.ts). */
  commissionInsert:
    | (Pick<Commission, "id" | "shopId" | "creatorId" | "orderId" | "status" | "statusReason" | "currency" | "holdUntil" | "riskReview"> & {
        planSnapshot: PlanSnapshot;
      })
    | null;
  /** Risk signals raised when the commission is earned (issue 17 §2), one row per rule. */
  riskFlags: { shopId: string; commissionId: string; creatorId: string; rule: string; score: number; sentence: string }[];
  commissionUpdates: { id: string; holdUntil?: Date; status?: "reversed"; statusReason?: string }[];
  clawbacks: {
    id: string;
    shopId: string;
    creatorId: string;
    commissionId: string;
    amountMinor: bigint;
    currency: string;
    reason: string;
  }[];
  payableItems: {
    shopId: string;
    creatorId: string;
    kind: "commission" | "clawback";
    amountMinor: bigint;
    currency: string;
    payableSince: Date;
    commissionId?: string;
    clawbackId?: string;
  }[];
  audits: AuditEventInput[];
  postings: LedgerPosting[];
  result: { orderId: string; posting: CommissionPosting["kind"] | "not_earning"; reason: string | null };
}

/**
 * Who an order row credits and how, as the plan writes it: an order with a commission keeps what it
 * was credited with (attribution is settled); any other order follows its attribution now. The
 * batch's risk history (load-order-lookups.server.ts) counts the batch's own orders by these facts.
 */
export function orderCreditFacts(
  stored: StoredOrder | null,
  attribution: OrderRecomputeInput["attribution"],
  order: NormalizedOrder,
): { creatorId: string | null; attributedCode: string | null; referralLanding: boolean } {
  if (stored?.commission) {
    return { creatorId: stored.commission.creatorId, attributedCode: stored.attributedCode, referralLanding: stored.referralLanding };
  }
  if (!attribution) return { creatorId: null, attributedCode: null, referralLanding: false };
  return {
    creatorId: attribution.creator.id,
    attributedCode: attribution.source === "discount_code" ? (attribution.code ?? null) : null,
    referralLanding: hasReferralLanding(order, attribution.creator.referralCode),
  };
}

/** A creator buying through their own link or code is not paid for it. */
export function isSelfReferral(creator: Pick<Creator, "shopifyCustomerId" | "email">, order: NormalizedOrder): boolean {
  if (creator.shopifyCustomerId && order.customer.id && creator.shopifyCustomerId === order.customer.id) return true;
  const buyerEmail = (order.customer.email ?? order.email)?.trim().toLowerCase();
  return !!buyerEmail && buyerEmail === creator.email.trim().toLowerCase();
}

/** Why an order earns nothing, checked only before a commission exists. */
function notEarningReason(shop: PlanningShop, creator: Creator | null, order: NormalizedOrder): string | null {
  if (order.test && shop.ignoreTestOrders) return "test order (ignored by the shop's settings)";
  if (!creator) return "not attributed to a creator";
  if (!creatorEarns(creator.status)) return `creator is ${creator.status}: earns nothing new`;
  if (isSelfReferral(creator, order)) return "self-referral: the buyer is the creator";
  return null;
}

/** Whether the order needs its creator's plan looked up (no commission yet, and a creator who may earn). */
export function needsPlan(input: Pick<OrderRecomputeInput, "shop" | "stored" | "aggregate" | "attribution">): boolean {
  if (input.stored?.commission || !input.aggregate.latest) return false;
  return notEarningReason(input.shop, input.attribution?.creator ?? null, input.aggregate.latest) === null;
}

export function planOrderRecompute(input: OrderRecomputeInput): OrderRecomputePlan {
  const { shop, stored, aggregate, attribution } = input;
  const order = aggregate.latest;
  if (!order) throw new Error("planOrderRecompute needs an order version");
  const existing = stored?.commission ?? null;
  const credit = orderCreditFacts(stored, attribution, order);
  const creatorId = credit.creatorId;
  let reason = existing ? null : notEarningReason(shop, attribution?.creator ?? null, order);

  let plan: PlanSnapshot | null = null;
  let dealId = stored?.dealId ?? null;
  if (existing) {
    plan = input.existingPlan;
    if (!plan) throw new Error(`commission ${existing.id} has an unreadable plan snapshot`);
  } else if (!reason && creatorId) {
    if (!input.resolvedPlan) reason = "no commission plan for this creator or shop";
    plan = input.resolvedPlan?.plan ?? null;
    dealId = input.resolvedPlan?.dealId ?? dealId;
  }

  const countsPaid = aggregate.paidAt !== null || !shop.countPaidOrdersOnly;
  const holdStart = aggregate.paidAt ?? order.createdAt;
  const outcome = plan
    ? deservedNow({
        aggregate: countsPaid ? { ...aggregate, paidAt: holdStart } : aggregate,
        plan,
        productCollections: input.productCollections,
      })
    : null;
  const eligible = eligibleAmount(order, aggregate.refunds, plan ?? DEFAULT_EXCLUSIONS);
  if (!existing && !reason && outcome && !outcome.paid) reason = "not paid yet";

  const orderRowId = stored?.id ?? input.newIds.orderRow;
  const plan_: OrderRecomputePlan = {
    orderRow: {
      id: orderRowId,
      isNew: !stored,
      shopId: shop.id,
      shopifyOrderId: order.shopifyOrderId,
      data: {
        orderName: order.name,
        creatorId,
        dealId: creatorId ? dealId : null,
        attributionSource: existing ? (stored?.attributionSource ?? null) : (attribution?.source ?? null),
        attributedCode: credit.attributedCode,
        referralLanding: credit.referralLanding,
        notEarningReason: reason ?? (outcome?.computation?.zeroReason && !existing ? outcome.computation.zeroReason : null),
        currency: order.currency,
        subtotalMinor: BigInt(order.subtotalMinor),
        eligibleMinor: BigInt(eligible.eligibleMinor),
        refundedMinor: BigInt(orderRefundedMinor(order, aggregate.refunds)),
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
        orderState: encodeOrderState(aggregate) as unknown as AttributedOrder["orderState"],
      },
    },
    commissionInsert: null,
    riskFlags: [],
    commissionUpdates: [],
    clawbacks: [],
    payableItems: [],
    audits: [],
    postings: [],
    result: { orderId: orderRowId, posting: "not_earning", reason },
  };
  if (reason || !plan || !outcome || !creatorId) return plan_;

  const state = existing ? { status: existing.status, postedMinor: input.postedMinor } : ({ status: "none" } as const);
  const posting = planCommissionPosting(state, outcome.deserved);
  const holdUntil = new Date(new Date(holdStart).getTime() + shop.holdPeriodDays * DAY_MS);
  if ((existing?.status === "held" || existing?.status === "reversed") && existing.holdUntil?.getTime() !== holdUntil.getTime()) {
    // An older paid version arrived late: the hold starts at the earliest payment seen.
    plan_.commissionUpdates.push({ id: existing.id, holdUntil });
    plan_.audits.push({
      shopId: shop.id,
      actor: SHOPIFY,
      action: "commission.hold_rescheduled",
      subject: { type: COMMISSION, id: existing.id },
      before: { holdUntil: existing.holdUntil?.toISOString() ?? null },
      after: { holdUntil: holdUntil.toISOString() },
    });
  }
  addPosting(plan_, {
    input,
    creatorId,
    plan,
    posting,
    holdUntil,
    currency: order.currency,
    zeroReason: outcome.computation?.zeroReason ?? null,
  });
  plan_.result.posting = posting.kind;
  plan_.result.reason = null;
  return plan_;
}

/**
 * The risk rules, run once when a commission is earned, on the order and the attributed creator
 * (loaded with the batch) and what the batch loaded about the creator's history. A commission whose
 * strongest signal reaches the shop's level is `pending` review: the release job skips it.
 */
function riskOf(input: OrderRecomputeInput, creatorId: string, commissionId: string) {
  const creator = input.attribution?.creator;
  const order = input.aggregate.latest!;
  if (!creator) return { flags: [], review: false };
  const { signals, review } = evaluateRisk({
    creator,
    order: {
      customerId: order.customer.id,
      emails: [order.customer.email, order.email],
      shippingAddress: order.shippingAddress ?? null,
      referringSite: order.referringSite ?? null,
      landingSite: order.landingSite ?? null,
    },
    shop: input.shop,
    ...input.riskHistory,
  });
  const flags = signals.map((s) => ({
    shopId: input.shop.id,
    commissionId,
    creatorId,
    rule: s.code,
    score: s.score,
    sentence: s.sentence,
  }));
  return { flags, review };
}

interface PostingContext {
  input: OrderRecomputeInput;
  creatorId: string;
  plan: PlanSnapshot;
  posting: CommissionPosting;
  holdUntil: Date;
  currency: string;
  zeroReason: string | null;
}

function addPosting(out: OrderRecomputePlan, ctx: PostingContext) {
  const { input, creatorId, posting, currency } = ctx;
  const shopId = input.shop.id;
  const existing = input.stored?.commission ?? null;
  const money = (amountMinor: number) => ({ creatorId, currency, amountMinor });
  const post = (
    commissionId: string,
    draft: LedgerTransactionDraft,
    action: string,
    after: unknown,
    idempotencyKey?: string,
    before?: unknown,
  ) =>
    out.postings.push({
      shopId,
      draft,
      subject: { type: COMMISSION, id: commissionId },
      action,
      actor: SHOPIFY,
      before,
      after,
      idempotencyKey: idempotencyKey ?? `commission:${commissionId}:${action.replace(/^commission\./, "")}`,
    });
  // A commission may be recomputed or topped up many times: the n-th such movement is keyed by
  // how many ledger transactions the commission had (the order is locked: no two deliveries are both n).
  const nthKey = (commissionId: string, movement: string) => `commission:${commissionId}:${movement}:${input.postedCount}`;
  const insertCommission = (status: "held" | "reversed") => {
    out.commissionInsert = {
      id: input.newIds.commission,
      shopId,
      creatorId,
      orderId: out.orderRow.id,
      status,
      statusReason: status === "reversed" ? (ctx.zeroReason ?? "fully refunded or canceled") : null,
      currency,
      planSnapshot: ctx.plan,
      holdUntil: ctx.holdUntil,
      riskReview: null,
    };
    return input.newIds.commission;
  };

  switch (posting.kind) {
    case "nothing":
      return;
    case "create": {
      const commissionId = insertCommission("held");
      const risk = riskOf(input, creatorId, commissionId);
      out.riskFlags.push(...risk.flags);
      if (risk.review) out.commissionInsert!.riskReview = "pending";
      post(commissionId, earnCommission(money(posting.amountMinor)), "commission.earned", {
        status: "held",
        amountMinor: posting.amountMinor,
        holdUntil: ctx.holdUntil.toISOString(),
        ...(risk.review ? { riskReview: "pending", riskRules: risk.flags.map((f) => f.rule) } : {}),
      });
      return;
    }
    case "create_reversed": {
      const commissionId = insertCommission("reversed");
      out.audits.push({
        shopId,
        actor: SHOPIFY,
        action: "commission.reversed",
        subject: { type: COMMISSION, id: commissionId },
        after: { status: "reversed", reason: ctx.zeroReason },
      });
      return;
    }
    case "adjust_held": {
      const draft = recomputeHeldCommission({ creatorId, currency, diffMinor: posting.diffMinor });
      if (draft) post(existing!.id, draft, "commission.recomputed", { diffMinor: posting.diffMinor }, nthKey(existing!.id, "recomputed"));
      return;
    }
    case "reverse": {
      if (posting.amountMinor > 0) {
        post(
          existing!.id,
          returnToExpense({ ...money(posting.amountMinor), kind: "reverse_commission", from: "held" }),
          "commission.reversed",
          { status: "reversed", reason: ctx.zeroReason },
          undefined,
          { status: existing!.status },
        );
      }
      out.commissionUpdates.push({
        id: existing!.id,
        status: "reversed",
        statusReason: ctx.zeroReason ?? "fully refunded or canceled in the hold",
      });
      return;
    }
    case "clawback": {
      const clawbackId = input.newIds.clawback;
      const amountMinor = BigInt(-posting.amountMinor);
      out.clawbacks.push({
        id: clawbackId,
        shopId,
        creatorId,
        commissionId: existing!.id,
        amountMinor,
        currency,
        reason: ctx.zeroReason ?? "refund after approval",
      });
      out.payableItems.push({ shopId, creatorId, kind: "clawback", amountMinor, currency, payableSince: input.at, clawbackId });
      post(
        existing!.id,
        returnToExpense({ ...money(posting.amountMinor), kind: "clawback", from: "payable" }),
        "commission.clawed_back",
        { clawbackId, amountMinor: posting.amountMinor },
        `clawback:${clawbackId}`,
      );
      return;
    }
    case "top_up": {
      out.payableItems.push({
        shopId,
        creatorId,
        kind: "commission",
        amountMinor: BigInt(posting.amountMinor),
        currency,
        payableSince: input.at,
        commissionId: existing!.id,
      });
      post(
        existing!.id,
        topUpApprovedCommission(money(posting.amountMinor)),
        "commission.topped_up",
        { amountMinor: posting.amountMinor },
        nthKey(existing!.id, "topped_up"),
      );
      return;
    }
  }
}
