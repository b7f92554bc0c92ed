import type { AttributionSource, CommissionStatus, CreatorStatus, PayoutMethod } from "@prisma/client";
import { DomainError } from "../domain/errors";
import { toMinorNumber } from "../ledger/to-minor-number";
import { toCommissionStatusTotal, type CommissionStatusTotal } from "./read-commission-amounts.server";
import { readDealPageRows, type DealPageRows } from "./read-deal-page-rows.server";
import { toCreatorMoney, type CreatorMoney } from "./read-creator-money.server";
import { historyQuery, toHistoryPage, type HistoryPage } from "./read-transaction-history.server";
import { formatShopDate, todayInTimeZone } from "../domain/calendar";
import { toCreatorDiscountViews, type CreatorDiscountView } from "../discounts/creator-discounts.server";
import { toPlanInEffect, type PlanInEffect } from "../plans/plan-in-effect.server";
import { toCreatorTaxStatus, type CreatorTaxStatus } from "../tax-forms/read-creator-tax-status.server";
import { describeInvitation, invitationState } from "../domain/creator/invitation-state";
import { describePayoutDetails, payoutDetailsState } from "../domain/creator/payout-details-state";
import { now } from "../lib/clock.server";

/** A list row of the page's statement with its amount as a number (toMinorNumber refuses an inexact one). */
type WithAmountNumber<Row extends { amountMinor: string }> = Omit<Row, "amountMinor"> & { amountMinor: number };

export const DEAL_PAGE_ORDER_COUNT = 50;
export const DEAL_PAGE_REQUEST_COUNT = 20;

export interface DealPage {
  creator: {
    id: string;
    name: string;
    email: string;
    socialHandle: string | null;
    status: CreatorStatus;
    statusReason: string | null;
    referralCode: string;
    discountCodes: string[];
    payoutMethod: PayoutMethod | null;
    payoutDetailsStatus: string;
    taxCountry: string | null;
    taxFormOnFile: boolean;
    tags: string[];
    notes: string | null;
    /** True once the creator accepted an invitation (a Shopify customer is linked). */
    invitationAccepted: boolean;
    /** The invitation's state as a sentence ("sent, waiting for the creator (expires …)"): portal access only. */
    invitationLine: string;
    /** The payout details' state as a sentence ("none yet…", "Stripe, onboarding not finished", "PayPal on file: …"). */
    payoutDetailsLine: string;
    /** A self-signup application (status `applied` or `declined`): when and what the customer wrote; null otherwise. */
    application: { status: CreatorStatus; appliedAt: string; message: string | null } | null;
    createdAt: string;
  };
  deals: DealPageRows["deals"];
  fixedFees: WithAmountNumber<DealPageRows["fixedFees"][number]>[];
  deliverables: DealPageRows["deliverables"];
  adjustments: WithAmountNumber<DealPageRows["adjustments"][number]>[];
  payoutRequests: WithAmountNumber<DealPageRows["payoutRequests"][number]>[];
  balances: CreatorMoney[];
  commissions: CommissionStatusTotal[];
  orders: {
    id: string;
    orderName: string;
    orderedAt: string;
    currency: string;
    subtotalMinor: number;
    eligibleMinor: number;
    refundedMinor: number;
    attributionSource: AttributionSource | null;
    notEarningReason: string | null;
    commission: { id: string; status: CommissionStatus; amountMinor: number } | null;
  }[];
  history: HistoryPage;
  /** The plans a deal can use (listPlanChoices), the campaigns (listCampaignChoices), the creator's codes and tax form. */
  planChoices: { id: string; name: string }[];
  campaignChoices: { id: string; name: string }[];
  /** The plan the creator's next order earns by, and why (readPlanInEffect's choice). */
  planInEffect: PlanInEffect;
  discounts: CreatorDiscountView[];
  tax: CreatorTaxStatus;
}

/**
 * Everything the merchant's deal page shows for one creator, read in ONE statement
 * (readDealPageRows) so balances, history and lists agree with each other: a statement sees one
 * snapshot, without a repeatable-read transaction's BEGIN, isolation and COMMIT round trips.
 */
export async function getDealPage(
  shopId: string,
  creatorId: string,
  options: { historyCursor?: string | null; historyPageSize?: number } = {},
): Promise<DealPage> {
  // A bad history cursor is refused before anything is read.
  const history = historyQuery({ cursor: options.historyCursor, pageSize: options.historyPageSize });
  const at = now();
  const rows = await readDealPageRows(shopId, creatorId, {
    at,
    orderCount: DEAL_PAGE_ORDER_COUNT,
    requestCount: DEAL_PAGE_REQUEST_COUNT,
    history,
  });
  if (!rows) throw new DomainError("not_found", "That creator does not exist in this shop.", { creatorId });
  const { shop, creator, latestInvitation } = rows;
  const invitation = latestInvitation && {
    expiresAt: new Date(latestInvitation.expiresAt),
    usedAt: latestInvitation.usedAt === null ? null : new Date(latestInvitation.usedAt),
  };

  return {
    creator: {
      id: creator.id,
      name: creator.name,
      email: creator.email,
      socialHandle: creator.socialHandle,
      status: creator.status,
      statusReason: creator.statusReason,
      referralCode: creator.referralCode,
      discountCodes: creator.discountCodes,
      payoutMethod: creator.payoutMethod,
      payoutDetailsStatus: creator.payoutDetailsStatus,
      taxCountry: creator.taxCountry,
      taxFormOnFile: creator.taxFormOnFile,
      tags: creator.tags,
      notes: creator.notes,
      invitationAccepted: creator.shopifyCustomerId !== null,
      invitationLine: describeInvitation(
        invitationState({
          status: creator.status,
          customerLinked: creator.shopifyCustomerId !== null,
          latestInvitation: invitation,
          at,
        }),
        (date) => formatShopDate(date, shop.timezone),
      ),
      payoutDetailsLine: describePayoutDetails(
        payoutDetailsState({
          payoutMethod: creator.payoutMethod,
          payoutDetailsStatus: creator.payoutDetailsStatus,
          payoutDetailsSummary: creator.payoutDetailsSummary,
          pendingChangeSummary: rows.pendingChangeSummary,
        }),
      ),
      application: creator.appliedAt ? { status: creator.status, appliedAt: creator.appliedAt, message: creator.applicationMessage } : null,
      createdAt: creator.createdAt,
    },
    deals: rows.deals,
    fixedFees: rows.fixedFees.map((f) => ({ ...f, amountMinor: toMinorNumber(f.amountMinor) })),
    deliverables: rows.deliverables,
    adjustments: rows.adjustments.map((a) => ({ ...a, amountMinor: toMinorNumber(a.amountMinor) })),
    payoutRequests: rows.payoutRequests.map((r) => ({ ...r, amountMinor: toMinorNumber(r.amountMinor) })),
    balances: toCreatorMoney(rows.money, shop.currency),
    commissions: rows.commissionTotals.map(toCommissionStatusTotal),
    orders: rows.orders.map((o) => ({
      ...o,
      subtotalMinor: toMinorNumber(o.subtotalMinor),
      eligibleMinor: toMinorNumber(o.eligibleMinor),
      refundedMinor: toMinorNumber(o.refundedMinor),
      commission: o.commission && { ...o.commission, amountMinor: toMinorNumber(o.commission.amountMinor) },
    })),
    history: toHistoryPage(rows.history, creator, history.pageSize),
    planChoices: rows.planChoices,
    campaignChoices: rows.campaignChoices,
    planInEffect: toPlanInEffect(rows.planCandidates),
    discounts: toCreatorDiscountViews(rows.discounts),
    tax: toCreatorTaxStatus(rows.taxForm, todayInTimeZone(at, shop.timezone)),
  };
}
