// What the Risk screen and the deal page read: commissions waiting for risk review with their
// signals (filtered by rule and creator), and one creator's signals.
import { Prisma, type RiskReview } from "@prisma/client";
import { commissionCostsSql } from "../commissions/commission-amounts.server";
import { db } from "../db.server";
import { queryNamed } from "../db/named-statement.server";
import { toMinorNumber } from "../ledger/to-minor-number";
import { VELOCITY_RULE, velocityFlagOf } from "../domain/risk/day-velocity-flag";
import { isRiskRule, RISK_RULE_LABELS, type RiskRule } from "../domain/risk/risk-signal";

export interface RiskQueueFilters {
  rule: RiskRule | null;
  creatorId: string | null;
}

/** Filters from the query string; unknown values are ignored rather than refused (a stale link shows everything). */
export function riskQueueFilters(params: URLSearchParams): RiskQueueFilters {
  const rule = params.get("rule") ?? "";
  const creatorId = params.get("creator")?.trim() ?? "";
  return { rule: isRiskRule(rule) ? rule : null, creatorId: creatorId && creatorId.length <= 64 ? creatorId : null };
}

export async function loadRiskQueue(shopId: string, filters: RiskQueueFilters) {
  const commissions = await db().commission.findMany({
    where: {
      shopId,
      riskReview: "pending",
      status: "held",
      ...(filters.creatorId ? { creatorId: filters.creatorId } : {}),
      // A velocity spike is flagged once per creator and day: filter by its creators here, by the day below.
      ...(filters.rule === VELOCITY_RULE
        ? { creatorId: { in: await creatorsWithVelocityFlags(shopId, filters.creatorId) } }
        : filters.rule
          ? { riskFlags: { some: { rule: filters.rule } } }
          : {}),
    },
    include: {
      riskFlags: { orderBy: { score: "desc" } },
      creator: { select: { id: true, name: true } },
      order: { select: { orderName: true, orderedAt: true } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 200,
  });
  const creators = await db().creator.findMany({
    where: { shopId, commissions: { some: { riskReview: "pending", status: "held" } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  // What each commission costs so far, one statement for the page (a held commission's cost is what it holds).
  const costs = commissions.length
    ? await db().$queryRaw<{ commissionId: string; amountMinor: bigint }[]>(
        commissionCostsSql(shopId, Prisma.join(commissions.map((c) => c.id))),
      )
    : [];
  const costOf = new Map(costs.map((row) => [row.commissionId, toMinorNumber(row.amountMinor)]));
  const dayFlags = await velocityFlagsOfDays(shopId, commissions);
  const signalsOf = (c: (typeof commissions)[number]) => {
    const own = c.riskFlags.filter((f) => f.rule !== VELOCITY_RULE);
    const velocity = velocityFlagOf(c, dayFlags);
    return (velocity ? [...own, { ...velocity, rule: VELOCITY_RULE }] : own).sort((a, b) => b.score - a.score);
  };
  const rows = commissions.map((c) => ({
    commissionId: c.id,
    creatorId: c.creator.id,
    creatorName: c.creator.name,
    orderName: c.order.orderName,
    orderedAt: c.order.orderedAt.toISOString(),
    holdUntil: c.holdUntil?.toISOString() ?? null,
    amountMinor: costOf.get(c.id) ?? 0,
    currency: c.currency,
    signals: signalsOf(c).map((f) => ({ rule: f.rule, label: ruleLabel(f.rule), score: f.score, sentence: f.sentence })),
  }));
  return { rows: filters.rule === VELOCITY_RULE ? rows.filter((r) => r.signals.some((f) => f.rule === VELOCITY_RULE)) : rows, creators };
}

async function creatorsWithVelocityFlags(shopId: string, creatorId: string | null): Promise<string[]> {
  const rows = await db().riskFlag.findMany({
    where: { shopId, rule: VELOCITY_RULE, ...(creatorId ? { creatorId } : {}) },
    select: { creatorId: true },
    distinct: ["creatorId"],
  });
  return rows.map((r) => r.creatorId);
}

/** The velocity flags of the listed commissions' creators on the UTC days they were earned. */
async function velocityFlagsOfDays(shopId: string, commissions: readonly { creatorId: string; createdAt: Date }[]) {
  if (commissions.length === 0) return [];
  const creatorDays = [...new Set(commissions.map((c) => `${c.creatorId} ${c.createdAt.toISOString().slice(0, 10)}`))];
  return db().$queryRaw<{ creatorId: string; score: number; sentence: string; createdAt: Date }[]>(Prisma.sql`
    SELECT f."creatorId", f."score", f."sentence", f."createdAt"
      FROM "RiskFlag" f
      JOIN unnest(${creatorDays}::text[]) AS d(key)
        ON f."creatorId" = split_part(d.key, ' ', 1) AND f."createdAt"::date = split_part(d.key, ' ', 2)::date
     WHERE f."shopId" = ${shopId} AND f."rule" = ${VELOCITY_RULE}`);
}

const ruleLabel = (rule: string) => (isRiskRule(rule) ? RISK_RULE_LABELS[rule] : rule);

/**
 * A creator's signals for the deal page: the newest 20, with each commission's review state and
 * order name. One statement (Prisma's includes made it three).
 */
export async function loadCreatorRiskSignals(shopId: string, creatorId: string) {
  // Named (queryNamed): asked on every view of the deal page, planned once per connection, no
  // Prisma per-query work (its columns are text and an int4).
  const flags = await queryNamed<{
    id: string;
    rule: string;
    score: number;
    sentence: string;
    orderName: string;
    riskReview: RiskReview | null;
  }>(
    "creator-risk-signals",
    Prisma.sql`
    SELECT f."id", f."rule", f."score", f."sentence", o."orderName", c."riskReview"::text AS "riskReview"
    FROM "RiskFlag" f JOIN "Commission" c ON c."id" = f."commissionId" JOIN "AttributedOrder" o ON o."id" = c."orderId"
    WHERE f."shopId" = ${shopId} AND f."creatorId" = ${creatorId}
    ORDER BY f."createdAt" DESC, f."id" ASC
    LIMIT 20`,
  );
  return flags.map((f) => ({
    id: f.id,
    label: ruleLabel(f.rule),
    score: f.score,
    sentence: f.sentence,
    orderName: f.orderName,
    review: f.riskReview,
  }));
}
