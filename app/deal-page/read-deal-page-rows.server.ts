import { Prisma } from "@prisma/client";
import type {
  AttributionSource,
  CommissionStatus,
  CreatorStatus,
  DeliverableStatus,
  FixedFeeStatus,
  PayoutDetailsStatus,
  PayoutMethod,
  PayoutRequestOrigin,
  PayoutRequestStatus,
} from "@prisma/client";
import { commissionTotalsSql, creatorCommissionCostsSql } from "./read-commission-amounts.server";
import { queryNamed } from "../db/named-statement.server";
import { campaignChoicesJsonSql } from "../campaigns/campaigns.server";
import { creatorDiscountsJsonSql, type CreatorDiscountJson } from "../discounts/creator-discounts.server";
import { planChoicesJsonSql } from "../plans/plans.server";
import { planCandidatesJsonSql, type PlanCandidatesJson } from "../plans/plan-in-effect.server";
import { currentTaxFormJsonSql, type TaxFormJson } from "../tax-forms/read-tax-forms-on-file.server";
import { creatorMoneyJsonSql, type CreatorMoneyJson } from "./read-creator-money.server";
import { transactionHistoryJsonSql, type historyQuery, type HistoryRowsJson } from "./read-transaction-history.server";

/** An instant as `Date.toISOString()` writes it (the columns are timestamp(3) in UTC). */
const iso = (column: string) => Prisma.raw(`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** Amounts leave as text: JSON numbers would round past 2^53 before toMinorNumber could refuse them. */
type MinorText = string;

export interface DealPageRows {
  shop: { currency: string; timezone: string };
  creator: {
    id: string;
    name: string;
    email: string;
    socialHandle: string | null;
    status: CreatorStatus;
    statusReason: string | null;
    referralCode: string;
    payoutMethod: PayoutMethod | null;
    payoutDetailsStatus: PayoutDetailsStatus;
    payoutDetailsSummary: string | null;
    shopifyCustomerId: string | null;
    taxCountry: string | null;
    taxFormOnFile: boolean;
    tags: string[];
    notes: string | null;
    appliedAt: string | null;
    applicationMessage: string | null;
    createdAt: string;
    discountCodes: string[];
  };
  latestInvitation: { expiresAt: string; usedAt: string | null } | null;
  pendingChangeSummary: string | null;
  deals: {
    id: string;
    title: string;
    campaign: { id: string; name: string } | null;
    commissionPlan: { id: string; name: string } | null;
    createdAt: string;
    comments: { id: string; author: string; body: string; createdAt: string }[];
  }[];
  fixedFees: {
    id: string;
    dealId: string;
    campaignId: string | null;
    deliverableId: string | null;
    status: FixedFeeStatus;
    amountMinor: MinorText;
    currency: string;
    comment: string | null;
    createdBy: string;
    createdAt: string;
  }[];
  deliverables: {
    id: string;
    dealId: string;
    title: string;
    dueOn: string | null;
    status: DeliverableStatus;
    submissions: { id: string; contentUrl: string; note: string | null; submittedAt: string }[];
    decisions: { id: string; decision: "approved" | "rejected"; note: string | null; decidedBy: string; decidedAt: string }[];
  }[];
  adjustments: {
    id: string;
    dealId: string | null;
    amountMinor: MinorText;
    currency: string;
    reason: string;
    createdBy: string;
    createdAt: string;
  }[];
  payoutRequests: {
    id: string;
    origin: PayoutRequestOrigin;
    status: PayoutRequestStatus;
    amountMinor: MinorText;
    currency: string;
    comment: string | null;
    requestedMethod: PayoutMethod | null;
    decisionNote: string | null;
    payoutId: string | null;
    createdAt: string;
  }[];
  /** By currency, then status (the enum's order). */
  commissionTotals: { status: CommissionStatus; currency: string; count: number; amountMinor: MinorText }[];
  orders: {
    id: string;
    orderName: string;
    orderedAt: string;
    currency: string;
    subtotalMinor: MinorText;
    eligibleMinor: MinorText;
    refundedMinor: MinorText;
    attributionSource: AttributionSource | null;
    notEarningReason: string | null;
    commission: { id: string; status: CommissionStatus; amountMinor: MinorText } | null;
  }[];
  /** Balances and paid sums (creatorMoneyJsonSql). */
  money: CreatorMoneyJson;
  /** One page of the transaction history (transactionHistoryJsonSql), up to its size + 1. */
  history: HistoryRowsJson;
  /** The other cards' reads, each its module's fragment: plan and campaign choices, discount codes, the tax form on file. */
  planChoices: { id: string; name: string }[];
  campaignChoices: { id: string; name: string }[];
  discounts: CreatorDiscountJson[];
  taxForm: TaxFormJson | null;
  /** The plan in effect's three candidates (planCandidatesJsonSql). */
  planCandidates: PlanCandidatesJson;
}

/**
 * The deal page in ONE statement (one row of JSON, or none for a creator not in the shop), so
 * everything it shows is read in one snapshot without a transaction's extra round trips
 * (BEGIN, isolation, COMMIT): the creator, the shop's zone and currency, invitation, pending payout-method change,
 * deals with comments, fees, deliverables with submissions and decisions, adjustments, the latest
 * payout requests, the latest orders with their commission and its cost, the commissions' totals
 * by status (both from one pass over the creator's commissions' costs: creatorCommissionCostsSql), the balances and paid sums,
 * one page of the transaction history with its subjects' facts, and the other cards' reads
 * (plan and campaign choices, the plan in effect, discount codes, the tax form on file). Through Prisma's model queries these were ~25 statements, each
 * compiled and interpreted in the app; every part is scoped by shop.
 */
export async function readDealPageRows(
  shopId: string,
  creatorId: string,
  options: { at: Date; orderCount: number; requestCount: number; history: ReturnType<typeof historyQuery> },
): Promise<DealPageRows | null> {
  // A named statement: planned once per connection (see queryNamed); its text depends only on
  // whether a history cursor is given.
  const rows = await queryNamed<DealPageRows>(
    "deal-page",
    Prisma.sql`
    WITH page_orders AS MATERIALIZED (
      SELECT o."id", o."orderName", o."orderedAt", o."currency", o."subtotalMinor", o."eligibleMinor", o."refundedMinor",
        o."attributionSource", o."notEarningReason", cm."id" AS "commissionId", cm."status" AS "commissionStatus"
      FROM "AttributedOrder" o LEFT JOIN "Commission" cm ON cm."orderId" = o."id"
      WHERE o."shopId" = ${shopId} AND o."creatorId" = ${creatorId}
      ORDER BY o."orderedAt" DESC, o."id" DESC
      LIMIT ${options.orderCount}
    ), costs AS MATERIALIZED (
      ${creatorCommissionCostsSql(shopId, creatorId)}
    ), deals AS MATERIALIZED (
      SELECT d."id", d."title", d."createdAt", d."campaignId", d."commissionPlanId"
      FROM "Deal" d WHERE d."shopId" = ${shopId} AND d."creatorId" = ${creatorId}
    )
    SELECT
      (SELECT json_build_object('currency', s."currency", 'timezone', s."timezone") FROM "Shop" s WHERE s."id" = ${shopId}) AS "shop",
      json_build_object(
        'id', c."id", 'name', c."name", 'email', c."email", 'socialHandle', c."socialHandle", 'status', c."status",
        'statusReason', c."statusReason", 'referralCode', c."referralCode", 'payoutMethod', c."payoutMethod",
        'payoutDetailsStatus', c."payoutDetailsStatus", 'payoutDetailsSummary', c."payoutDetailsSummary",
        'shopifyCustomerId', c."shopifyCustomerId", 'taxCountry', c."taxCountry", 'taxFormOnFile', c."taxFormOnFile",
        'tags', c."tags", 'notes', c."notes", 'appliedAt', ${iso('c."appliedAt"')},
        'applicationMessage', c."applicationMessage", 'createdAt', ${iso('c."createdAt"')},
        'discountCodes', COALESCE((SELECT json_agg(dc."code" ORDER BY dc."code") FROM "DiscountCode" dc
          WHERE dc."shopId" = ${shopId} AND dc."creatorId" = c."id"), '[]'::json)
      ) AS "creator",
      (SELECT json_build_object('expiresAt', ${iso('i."expiresAt"')}, 'usedAt', ${iso('i."usedAt"')})
        FROM "CreatorInvitation" i WHERE i."shopId" = ${shopId} AND i."creatorId" = c."id"
        ORDER BY i."createdAt" DESC, i."id" DESC LIMIT 1) AS "latestInvitation",
      (SELECT m."summary" FROM "PayoutMethodChange" m
        WHERE m."shopId" = ${shopId} AND m."creatorId" = c."id" AND m."confirmedAt" IS NULL AND m."supersededAt" IS NULL
          AND m."expiresAt" > ${options.at.toISOString()}::timestamp(3)
        ORDER BY m."createdAt" DESC, m."id" DESC LIMIT 1) AS "pendingChangeSummary",
      COALESCE((SELECT json_agg(json_build_object(
          'id', d."id", 'title', d."title", 'createdAt', ${iso('d."createdAt"')},
          'campaign', (SELECT json_build_object('id', cp."id", 'name', cp."name") FROM "Campaign" cp WHERE cp."id" = d."campaignId"),
          'commissionPlan', (SELECT json_build_object('id', pl."id", 'name', pl."name") FROM "CommissionPlan" pl WHERE pl."id" = d."commissionPlanId"),
          'comments', COALESCE((SELECT json_agg(json_build_object('id', k."id", 'author', k."author", 'body', k."body",
              'createdAt', ${iso('k."createdAt"')}) ORDER BY k."createdAt", k."id")
            FROM "DealComment" k WHERE k."shopId" = ${shopId} AND k."dealId" = d."id"), '[]'::json)
        ) ORDER BY d."createdAt" DESC, d."id" DESC) FROM deals d), '[]'::json) AS "deals",
      COALESCE((SELECT json_agg(json_build_object('id', f."id", 'dealId', f."dealId", 'campaignId', f."campaignId",
          'deliverableId', f."deliverableId", 'status', f."status", 'amountMinor', f."amountMinor"::text, 'currency', f."currency",
          'comment', f."comment", 'createdBy', f."createdBy", 'createdAt', ${iso('f."createdAt"')}) ORDER BY f."createdAt" DESC, f."id" DESC)
        FROM "FixedFee" f WHERE f."shopId" = ${shopId} AND f."creatorId" = c."id"), '[]'::json) AS "fixedFees",
      COALESCE((SELECT json_agg(json_build_object('id', v."id", 'dealId', v."dealId", 'title', v."title",
          'dueOn', to_char(v."dueOn", 'YYYY-MM-DD'), 'status', v."status",
          'submissions', COALESCE((SELECT json_agg(json_build_object('id', s."id", 'contentUrl', s."contentUrl", 'note', s."note",
              'submittedAt', ${iso('s."submittedAt"')}) ORDER BY s."submittedAt", s."id")
            FROM "DeliverableSubmission" s WHERE s."shopId" = ${shopId} AND s."deliverableId" = v."id"), '[]'::json),
          'decisions', COALESCE((SELECT json_agg(json_build_object('id', x."id", 'decision', x."decision", 'note', x."note",
              'decidedBy', x."decidedBy", 'decidedAt', ${iso('x."decidedAt"')}) ORDER BY x."decidedAt", x."id")
            FROM "DeliverableDecision" x WHERE x."shopId" = ${shopId} AND x."deliverableId" = v."id"), '[]'::json)
        ) ORDER BY v."createdAt", v."id")
        FROM "Deliverable" v WHERE v."shopId" = ${shopId} AND v."dealId" IN (SELECT "id" FROM deals)), '[]'::json) AS "deliverables",
      COALESCE((SELECT json_agg(json_build_object('id', a."id", 'dealId', a."dealId", 'amountMinor', a."amountMinor"::text,
          'currency', a."currency", 'reason', a."reason", 'createdBy', a."createdBy", 'createdAt', ${iso('a."createdAt"')})
          ORDER BY a."createdAt" DESC, a."id" DESC)
        FROM "Adjustment" a WHERE a."shopId" = ${shopId} AND a."creatorId" = c."id"), '[]'::json) AS "adjustments",
      COALESCE((SELECT json_agg(json_build_object('id', r."id", 'origin', r."origin", 'status', r."status",
          'amountMinor', r."amountMinor"::text, 'currency', r."currency", 'comment', r."comment", 'requestedMethod', r."requestedMethod",
          'decisionNote', r."decisionNote", 'payoutId', r."payoutId", 'createdAt', ${iso('r."createdAt"')}) ORDER BY r."createdAt" DESC, r."id" DESC)
        FROM (SELECT * FROM "PayoutRequest" WHERE "shopId" = ${shopId} AND "creatorId" = c."id"
          ORDER BY "createdAt" DESC, "id" DESC LIMIT ${options.requestCount}) r), '[]'::json) AS "payoutRequests",
      COALESCE((SELECT json_agg(json_build_object('id', o."id", 'orderName', o."orderName", 'orderedAt', ${iso('o."orderedAt"')},
          'currency', o."currency", 'subtotalMinor', o."subtotalMinor"::text, 'eligibleMinor', o."eligibleMinor"::text,
          'refundedMinor', o."refundedMinor"::text, 'attributionSource', o."attributionSource", 'notEarningReason', o."notEarningReason",
          'commission', CASE WHEN o."commissionId" IS NOT NULL THEN json_build_object('id', o."commissionId",
            'status', o."commissionStatus", 'amountMinor', COALESCE(am."amountMinor", 0)::text) END
        ) ORDER BY o."orderedAt" DESC, o."id" DESC)
        FROM page_orders o LEFT JOIN costs am ON am."commissionId" = o."commissionId"), '[]'::json) AS "orders",
      COALESCE((SELECT json_agg(json_build_object('status', t."status", 'currency', t."currency", 'count', t."count",
          'amountMinor', t."amountMinor"::text) ORDER BY t."currency", t."status"::"CommissionStatus")
        FROM (${commissionTotalsSql(shopId, creatorId, Prisma.sql`costs`)}) t), '[]'::json) AS "commissionTotals",
      ${creatorMoneyJsonSql(shopId, creatorId)} AS "money",
      (${transactionHistoryJsonSql(shopId, creatorId, options.history)}) AS "history",
      ${planChoicesJsonSql(shopId)} AS "planChoices",
      ${campaignChoicesJsonSql(shopId)} AS "campaignChoices",
      ${creatorDiscountsJsonSql(shopId, creatorId)} AS "discounts",
      ${currentTaxFormJsonSql(shopId, creatorId)} AS "taxForm",
      ${planCandidatesJsonSql(shopId, creatorId)} AS "planCandidates"
    FROM "Creator" c
    WHERE c."id" = ${creatorId} AND c."shopId" = ${shopId}`,
  );
  return rows[0] ?? null;
}
