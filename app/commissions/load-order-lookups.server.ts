// Everything recompute-and-diff reads about a batch of orders of one shop, in a few statements
// for the whole batch (not a round of reads per order): creators by discount code, referral code,
// manual assignment and pixel checkout; their plans and deals; what existing commissions have
// posted so far. Runs inside the batch's transaction, under the orders' locks.
import type { CommissionPlan, CommissionPlanOverride, Creator, Shop } from "@prisma/client";
import { Prisma } from "@prisma/client";
import type { DbTransaction } from "../db.server";
import { chooseAttribution, needsPixelAttribution } from "../domain/commission/choose-attribution";
import { choosePlan, validatePlanSnapshot, type PlanSnapshot } from "../domain/commission/commission-plan";
import type { OrderAggregate } from "../domain/commission/order-aggregate";
import { orderRefundedMinor } from "../domain/commission/order-refunded-minor";
import { CREATOR_REF_ATTRIBUTE, type NormalizedOrder } from "../domain/commission/shopify-order";
import { toMinorNumber } from "../ledger/to-minor-number";
import { COMMISSION_SUBJECT, commissionCostsSql } from "./commission-amounts.server";
import { needsPlan, orderCreditFacts, type CreatorRiskHistory, type OrderRecomputeInput, type StoredOrder } from "./plan-order-recompute";
import { LEAKED_CODE_WINDOW_DAYS } from "../domain/risk/leaked-code-share";
import { refundRateMayFlag } from "../domain/risk/refund-rate";
import { countBatchOrders, type BatchCounts, type HistoryWindows } from "./count-batch-orders";
import type { OrderBatchPositions } from "./order-batch-positions";
import { fetchProductCollections } from "./product-collections.server";
import { toPlanSnapshot } from "./resolve-plan.server";

export interface OrderToRecompute {
  stored: StoredOrder | null;
  aggregate: OrderAggregate & { latest: NormalizedOrder };
  /** Where the order enters the risk history in its batch (absent: at its index, refunded as it ends). */
  positions?: OrderBatchPositions;
}

export type LoadedLookups = Omit<OrderRecomputeInput, "newIds" | "at" | "shop">;

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

const referralOf = (order: NormalizedOrder) => order.noteAttributes[CREATOR_REF_ATTRIBUTE]?.trim().toUpperCase() || null;

/** The lookups of each order, in the order given. */
export async function loadOrderLookups(
  tx: DbTransaction,
  shop: Shop,
  orders: readonly OrderToRecompute[],
  at: Date,
): Promise<LoadedLookups[]> {
  const toAttribute = orders.filter((o) => !o.stored?.commission);

  // 1. Attribution candidates (manual, discount code, referral attribute), one statement each.
  const manualIds = toAttribute.flatMap((o) =>
    o.stored?.attributionSource === "manual" && o.stored.creatorId ? [o.stored.creatorId] : [],
  );
  const codes = [...new Set(toAttribute.flatMap((o) => o.aggregate.latest.discountCodes))];
  const referrals = [...new Set(toAttribute.flatMap((o) => referralOf(o.aggregate.latest) ?? []))];
  const [manualCreators, discountCodes, referralCreators] = await Promise.all([
    manualIds.length ? tx.creator.findMany({ where: { shopId: shop.id, id: { in: [...new Set(manualIds)] } } }) : [],
    codes.length ? tx.discountCode.findMany({ where: { shopId: shop.id, code: { in: codes } }, include: { creator: true } }) : [],
    referrals.length ? tx.creator.findMany({ where: { shopId: shop.id, referralCode: { in: referrals } } }) : [],
  ]);
  const manualById = new Map(manualCreators.map((c) => [c.id, c]));
  const codeCreator = new Map(discountCodes.map((c) => [c.code, c.creator]));
  const byReferral = new Map(referralCreators.map((c) => [c.referralCode, c]));

  const onOrder = new Map(
    toAttribute.map((o) => {
      const manualId = o.stored?.attributionSource === "manual" ? o.stored.creatorId : null;
      const manual = manualId ? (manualById.get(manualId) ?? null) : null;
      // The first code on the order that belongs to a creator wins.
      const code = manual ? undefined : o.aggregate.latest.discountCodes.find((c) => codeCreator.has(c));
      const discountCode = code ? codeCreator.get(code)! : null;
      const referral = referralOf(o.aggregate.latest);
      const referralAttribute = manual || discountCode || !referral ? null : (byReferral.get(referral) ?? null);
      return [o, { manual, discountCode, referralAttribute, code }] as const;
    }),
  );

  // 2. Web Pixel checkouts, only for orders nothing else credits: the referral of the first pixel
  //    checkout (of the first five) whose code names a creator.
  const needPixel = toAttribute.filter((o) => needsPixelAttribution(onOrder.get(o)!)).map((o) => o.aggregate.latest.shopifyOrderId);
  const pixelCreator = needPixel.length ? await creatorsByPixelCheckout(tx, shop.id, needPixel) : new Map<string, Creator>();

  const attributions = new Map(
    toAttribute.map((o) => {
      const candidates = onOrder.get(o)!;
      const chosen = chooseAttribution({ ...candidates, pixel: pixelCreator.get(o.aggregate.latest.shopifyOrderId) ?? null });
      // The code is kept when it is what credits the order (the leaked-code share rule counts a code's orders).
      return [o, chosen && chosen.source === "discount_code" ? { ...chosen, code: candidates.code } : chosen] as const;
    }),
  );

  // 3. Plans of the creators that may earn, and what existing commissions have posted.
  const planCreators = [
    ...new Set(
      toAttribute
        .filter((o) => needsPlan({ shop, stored: o.stored, aggregate: o.aggregate, attribution: attributions.get(o) ?? null }))
        .map((o) => attributions.get(o)!.creator.id),
    ),
  ];
  const existingIds = orders.flatMap((o) => (o.stored?.commission ? [o.stored.commission.id] : []));
  const windows = historyWindows(at);
  // The batch's own orders and refunds count in the history too, each order after what the batch
  // received before it (and itself).
  const credits = orders.map((o) => orderCreditFacts(o.stored, attributions.get(o) ?? null, o.aggregate.latest));
  const batchCounts = countBatchOrders(
    windows,
    orders.map((o, i) => ({
      orderedAtMs: Date.parse(o.aggregate.latest.createdAt),
      credit: credits[i]!,
      stored: o.stored
        ? { creatorId: o.stored.creatorId, attributedCode: o.stored.attributedCode, refunded: o.stored.refundedMinor > 0n }
        : null,
      ...(o.positions ?? { arrivedAt: i, refundedAt: orderRefundedMinor(o.aggregate.latest, o.aggregate.refunds) > 0 ? i : null }),
    })),
  );
  const earning = orders.flatMap((o, i) => {
    const creatorId = attributions.get(o)?.creator.id;
    return !o.stored?.commission && creatorId ? [{ creatorId, batch: batchCounts[i]! }] : [];
  });
  const versionIds = [...new Set(orders.flatMap((o) => (o.stored?.commission ? [o.stored.commission.planVersionId] : [])))];
  const [plans, posted, riskHistory, versions] = await Promise.all([
    resolvePlans(tx, shop, planCreators),
    postedSoFar(tx, shop.id, existingIds),
    creatorRiskHistory(tx, shop.id, planCreators, windows, earning),
    versionIds.length ? tx.commissionPlanVersion.findMany({ where: { shopId: shop.id, id: { in: versionIds } } }) : [],
  ]);
  const snapshotByVersion = new Map(versions.map((v) => [v.id, v.snapshot]));

  const lookups: LoadedLookups[] = [];
  for (const [i, o] of orders.entries()) {
    const attribution = attributions.get(o) ?? null;
    const commission = o.stored?.commission ?? null;
    let existingPlan: PlanSnapshot | null = null;
    if (commission) {
      // The commission's snapshot is its plan version (immutable, of this shop: the composite key).
      const snapshot = validatePlanSnapshot(snapshotByVersion.get(commission.planVersionId));
      if (!snapshot.ok) throw new Error(`commission ${commission.id} has an unreadable plan snapshot: ${snapshot.reason}`);
      existingPlan = snapshot.value;
    }
    const resolvedPlan = !commission && attribution ? (plans.get(attribution.creator.id) ?? null) : null;
    const plan = existingPlan ?? resolvedPlan?.plan ?? null;
    const productIds = [...new Set(o.aggregate.latest.lines.map((l) => l.productId).filter((id): id is string => !!id))];
    // Per-collection rates need the Admin API (rare: only plans with collection overrides).
    const productCollections =
      plan && plan.overrides.some((override) => override.target === "collection")
        ? await fetchProductCollections(shop.domain, productIds)
        : undefined;
    lookups.push({
      stored: o.stored,
      aggregate: o.aggregate,
      attribution,
      resolvedPlan,
      existingPlan,
      productCollections,
      postedMinor: commission ? (posted.minor.get(commission.id) ?? 0) : 0,
      postedCount: commission ? (posted.count.get(commission.id) ?? 0) : 0,
      riskHistory:
        !commission && attribution ? riskHistory.forOrder(attribution.creator.id, credits[i]!.attributedCode, batchCounts[i]!) : undefined,
    });
  }
  return lookups;
}

async function creatorsByPixelCheckout(tx: DbTransaction, shopId: string, shopifyOrderIds: string[]): Promise<Map<string, Creator>> {
  const events = await tx.$queryRaw<{ shopifyOrderId: string; referralCode: string }[]>(Prisma.sql`
    SELECT p."shopifyOrderId", p."referralCode"
    FROM unnest(${shopifyOrderIds}::text[]) AS o("id")
    CROSS JOIN LATERAL (
      SELECT e."shopifyOrderId", e."referralCode" FROM "PixelEvent" e
      WHERE e."shopId" = ${shopId} AND e."kind" = 'checkout' AND e."shopifyOrderId" = o."id"
      ORDER BY e."receivedAt", e."id" LIMIT 5
    ) p`);
  if (events.length === 0) return new Map();
  const creators = await tx.creator.findMany({ where: { shopId, referralCode: { in: [...new Set(events.map((e) => e.referralCode))] } } });
  const byCode = new Map(creators.map((c) => [c.referralCode, c]));
  const result = new Map<string, Creator>();
  // Rows come per order in received order: the first that names a creator wins.
  for (const event of events) {
    const creator = byCode.get(event.referralCode);
    if (creator && !result.has(event.shopifyOrderId)) result.set(event.shopifyOrderId, creator);
  }
  return result;
}

function historyWindows(at: Date): HistoryWindows {
  const dayAgo = at.getTime() - DAY_MS;
  return { at: at.getTime(), dayAgo, monthBefore: dayAgo - 30 * DAY_MS, since: at.getTime() - LEAKED_CODE_WINDOW_DAYS * DAY_MS };
}

const codeKey = (creatorId: string, code: string) => `${creatorId}\u0000${code}`;

/**
 * The history the velocity, refund-rate, leaked-code share and shared-payout-details rules read, for
 * every creator of the batch that may earn: orders in one statement (orders of the last 90 days, on
 * the (shopId, creatorId, orderedAt) index, counted per creator and code); the shop's refund rate in
 * a second one, only when some creator's own rate could be far above it; the creators sharing a
 * payout-details fingerprint in a third. The statements read the orders stored before the batch;
 * `forOrder` adds what the batch itself adds before that order (count-batch-orders.ts), and so does
 * the check whether the shop's rate is worth reading (`earning`: each order that may earn, with it).
 */
async function creatorRiskHistory(
  tx: DbTransaction,
  shopId: string,
  creatorIds: string[],
  windows: HistoryWindows,
  earning: readonly { creatorId: string; batch: BatchCounts }[],
) {
  const byCreator = new Map<string, { last24: number; previous30: number; orders: number; refunded: number }>();
  const byCode = new Map<string, { orders: number; withoutLanding: number }>();
  const sharedWith = new Map<string, number>();
  let shopRate: { orders: number; refunded: number } | null = null;
  if (creatorIds.length > 0) {
    const dayAgo = new Date(windows.dayAgo);
    const monthBefore = new Date(windows.monthBefore);
    const since = new Date(windows.since);
    const at = new Date(windows.at);
    const rows = await tx.$queryRaw<
      {
        creatorId: string;
        code: string | null;
        last24: bigint;
        previous30: bigint;
        orders: bigint;
        refunded: bigint;
        withoutLanding: bigint;
      }[]
    >(Prisma.sql`
      SELECT o."creatorId", o."attributedCode" AS "code",
        count(*) FILTER (WHERE o."orderedAt" > ${dayAgo}) AS "last24",
        count(*) FILTER (WHERE o."orderedAt" <= ${dayAgo} AND o."orderedAt" > ${monthBefore}) AS "previous30",
        count(*) AS "orders",
        count(*) FILTER (WHERE o."refundedMinor" > 0) AS "refunded",
        count(*) FILTER (WHERE NOT o."referralLanding") AS "withoutLanding"
      FROM "AttributedOrder" o
      WHERE o."shopId" = ${shopId} AND o."creatorId" IN (${Prisma.join(creatorIds)}) AND o."orderedAt" > ${since} AND o."orderedAt" <= ${at}
      GROUP BY o."creatorId", o."attributedCode"`);
    for (const r of rows) {
      const creator = byCreator.get(r.creatorId) ?? { last24: 0, previous30: 0, orders: 0, refunded: 0 };
      creator.last24 += Number(r.last24);
      creator.previous30 += Number(r.previous30);
      creator.orders += Number(r.orders);
      creator.refunded += Number(r.refunded);
      byCreator.set(r.creatorId, creator);
      if (r.code !== null) byCode.set(codeKey(r.creatorId, r.code), { orders: Number(r.orders), withoutLanding: Number(r.withoutLanding) });
    }
    // Other creators of the shop with the same payout-details fingerprint (a keyed HMAC, never the details).
    const shared = await tx.$queryRaw<{ creatorId: string; others: bigint }[]>(Prisma.sql`
      SELECT c."id" AS "creatorId", count(o."id") AS "others"
      FROM "Creator" c JOIN "Creator" o ON o."shopId" = c."shopId" AND o."payoutDetailsFingerprint" = c."payoutDetailsFingerprint" AND o."id" <> c."id"
      WHERE c."shopId" = ${shopId} AND c."id" IN (${Prisma.join(creatorIds)}) AND c."payoutDetailsFingerprint" IS NOT NULL
      GROUP BY c."id"`);
    for (const r of shared) sharedWith.set(r.creatorId, Number(r.others));
    // The refund-rate signal needs the creator's own rate at least 20 points up: only then is the shop's rate worth reading.
    const mayFlag = earning.some(({ creatorId, batch }) => {
      const r = byCreator.get(creatorId);
      return refundRateMayFlag((r?.orders ?? 0) + batch.creatorOrders, (r?.refunded ?? 0) + batch.creatorRefundedOrders);
    });
    if (mayFlag) {
      const [row] = await tx.$queryRaw<{ orders: bigint; refunded: bigint }[]>(Prisma.sql`
        SELECT count(*) AS "orders", count(*) FILTER (WHERE o."refundedMinor" > 0) AS "refunded"
        FROM "AttributedOrder" o WHERE o."shopId" = ${shopId} AND o."orderedAt" > ${since} AND o."orderedAt" <= ${at}`);
      shopRate = { orders: Number(row?.orders ?? 0), refunded: Number(row?.refunded ?? 0) };
    }
  }
  const creatorSet = new Set(creatorIds);
  return {
    /** One order's history: the stored counts plus what the batch adds up to and including this order. */
    forOrder(creatorId: string, code: string | null, batch: BatchCounts): CreatorRiskHistory | undefined {
      if (!creatorSet.has(creatorId)) return undefined;
      const r = byCreator.get(creatorId);
      const orders = (r?.orders ?? 0) + batch.creatorOrders;
      const refunded = (r?.refunded ?? 0) + batch.creatorRefundedOrders;
      const stored = code ? byCode.get(codeKey(creatorId, code)) : undefined;
      return {
        otherCreatorsWithSamePayoutDetails: sharedWith.get(creatorId) ?? 0,
        velocity: { ordersLast24Hours: (r?.last24 ?? 0) + batch.last24, ordersPrevious30Days: (r?.previous30 ?? 0) + batch.previous30 },
        refunds: shopRate
          ? {
              creatorOrders: orders,
              creatorRefundedOrders: refunded,
              shopOrders: shopRate.orders + batch.shopOrders,
              shopRefundedOrders: shopRate.refunded + batch.shopRefundedOrders,
            }
          : undefined,
        codeLandings: code
          ? {
              code,
              orders: (stored?.orders ?? 0) + batch.codeOrders,
              ordersWithoutReferralLanding: (stored?.withoutLanding ?? 0) + batch.codeOrdersWithoutLanding,
            }
          : undefined,
      };
    },
  };
}

type PlanWithOverrides = CommissionPlan & { overrides: CommissionPlanOverride[] };

/**
 * resolvePlan (resolve-plan.server.ts) for many creators at once: the deal's plan (the newest deal
 * with one), else the creator's, else the shop default; and the deal an order is filed under (that
 * deal, else the creator's newest).
 */
async function resolvePlans(
  tx: DbTransaction,
  shop: Shop,
  creatorIds: string[],
): Promise<Map<string, { plan: PlanSnapshot; dealId: string | null }>> {
  const result = new Map<string, { plan: PlanSnapshot; dealId: string | null }>();
  if (creatorIds.length === 0) return result;
  const include = { overrides: true } as const;
  const [deals, creators, shopDefault] = await Promise.all([
    tx.deal.findMany({
      where: { shopId: shop.id, creatorId: { in: creatorIds } },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      select: { id: true, creatorId: true, commissionPlanId: true },
    }),
    tx.creator.findMany({ where: { id: { in: creatorIds } }, select: { id: true, commissionPlanId: true } }),
    shop.defaultPlanId ? tx.commissionPlan.findUnique({ where: { id: shop.defaultPlanId }, include }) : null,
  ]);
  const planIds = [
    ...new Set([...deals.map((d) => d.commissionPlanId), ...creators.map((c) => c.commissionPlanId)].filter((id) => id !== null)),
  ];
  const planRows: PlanWithOverrides[] = planIds.length ? await tx.commissionPlan.findMany({ where: { id: { in: planIds } }, include }) : [];
  const planById = new Map(planRows.map((p) => [p.id, toPlanSnapshot(p)]));
  const shopPlan = shopDefault ? toPlanSnapshot(shopDefault) : null;
  const creatorPlan = new Map(creators.map((c) => [c.id, c.commissionPlanId]));
  for (const creatorId of creatorIds) {
    const own = deals.filter((d) => d.creatorId === creatorId);
    const dealWithPlan = own.find((d) => d.commissionPlanId !== null);
    const creatorPlanId = creatorPlan.get(creatorId) ?? null;
    const plan = choosePlan({
      deal: dealWithPlan ? (planById.get(dealWithPlan.commissionPlanId!) ?? null) : null,
      creator: creatorPlanId ? (planById.get(creatorPlanId) ?? null) : null,
      shop: shopPlan,
    });
    if (plan) result.set(creatorId, { plan, dealId: (dealWithPlan ?? own[0])?.id ?? null });
  }
  return result;
}

/** What each commission has cost so far (commissionCostsSql) and how many ledger transactions it has. */
async function postedSoFar(tx: DbTransaction, shopId: string, commissionIds: string[]) {
  const minor = new Map<string, number>();
  const count = new Map<string, number>();
  if (commissionIds.length === 0) return { minor, count };
  const [costs, counts] = await Promise.all([
    tx.$queryRaw<{ commissionId: string; amountMinor: bigint }[]>(commissionCostsSql(shopId, Prisma.join(commissionIds))),
    tx.$queryRaw<{ subjectId: string; count: bigint }[]>(Prisma.sql`
      SELECT t."subjectId", count(*) AS "count" FROM "LedgerTransaction" t
      WHERE t."shopId" = ${shopId} AND t."subjectType" = ${COMMISSION_SUBJECT}::"LedgerSubjectType" AND t."subjectId" IN (${Prisma.join(commissionIds)})
      GROUP BY t."subjectId"`),
  ]);
  for (const row of costs) minor.set(row.commissionId, toMinorNumber(row.amountMinor));
  for (const row of counts) count.set(row.subjectId, Number(row.count));
  return { minor, count };
}
