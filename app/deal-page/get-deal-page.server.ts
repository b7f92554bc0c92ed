import type {
  AttributionSource,
  CommissionStatus,
  CreatorStatus,
  DeliverableStatus,
  FixedFeeStatus,
  PayoutMethod,
  PayoutRequestOrigin,
  PayoutRequestStatus,
} from "@prisma/client";
import { DomainError } from "../domain/errors";
import { toMinorNumber } from "../ledger/to-minor-number";
import { readCommissionAmounts, readCommissionTotals, type CommissionStatusTotal } from "./read-commission-amounts.server";
import { readCreatorMoney, type CreatorMoney } from "./read-creator-money.server";
import { readTransactionHistory, type HistoryPage } from "./read-transaction-history.server";
import { withTransaction } from "../db/transaction.server";
import { formatShopDate, fromDateColumn } from "../domain/calendar";
import { describeInvitation, invitationState } from "../domain/creator/invitation-state";
import { describePayoutDetails, payoutDetailsState } from "../domain/creator/payout-details-state";
import { now } from "../lib/clock.server";

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
    createdAt: string;
  };
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
    amountMinor: number;
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
    amountMinor: number;
    currency: string;
    reason: string;
    createdBy: string;
    createdAt: string;
  }[];
  payoutRequests: {
    id: string;
    origin: PayoutRequestOrigin;
    status: PayoutRequestStatus;
    amountMinor: number;
    currency: string;
    comment: string | null;
    requestedMethod: PayoutMethod | null;
    decisionNote: string | null;
    payoutId: string | null;
    createdAt: string;
  }[];
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
}

const iso = (date: Date) => date.toISOString();
const day = (date: Date | null) => (date ? fromDateColumn(date) : null);

/**
 * Everything the merchant's deal page shows for one creator, read in one repeatable-read
 * snapshot so balances, history and lists agree with each other.
 */
export async function getDealPage(
  shopId: string,
  creatorId: string,
  options: { historyCursor?: string | null; historyPageSize?: number } = {},
): Promise<DealPage> {
  return withTransaction("snapshot", async (tx) => {
    const creator = await tx.creator.findFirst({
      where: { id: creatorId, shopId },
      include: { discountCodes: { select: { code: true }, orderBy: { code: "asc" } } },
    });
    if (!creator) throw new DomainError("not_found", "That creator does not exist in this shop.", { creatorId });
    const at = now();
    // Independent reads, issued together: on the snapshot's one connection they still run one
    // after another, but each is prepared while the one before it is in the database.
    const [shop, latestInvitation, pendingChange, deals, fees, adjustments, requests, orders, commissions] = await Promise.all([
      tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { currency: true, timezone: true } }),
      tx.creatorInvitation.findFirst({
        where: { shopId, creatorId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { expiresAt: true, usedAt: true },
      }),
      tx.payoutMethodChange.findFirst({
        where: { shopId, creatorId, confirmedAt: null, supersededAt: null, expiresAt: { gt: at } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { summary: true },
      }),
      tx.deal.findMany({
        where: { shopId, creatorId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        include: {
          campaign: { select: { id: true, name: true } },
          commissionPlan: { select: { id: true, name: true } },
          comments: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
        },
      }),
      tx.fixedFee.findMany({ where: { shopId, creatorId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
      tx.adjustment.findMany({ where: { shopId, creatorId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
      tx.payoutRequest.findMany({
        where: { shopId, creatorId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: DEAL_PAGE_REQUEST_COUNT,
      }),
      tx.attributedOrder.findMany({
        where: { shopId, creatorId },
        orderBy: [{ orderedAt: "desc" }, { id: "desc" }],
        take: DEAL_PAGE_ORDER_COUNT,
        include: { commission: { select: { id: true, status: true } } },
      }),
      readCommissionTotals(tx, shopId, creatorId),
    ]);
    const [deliverables, orderAmounts, balances, history] = await Promise.all([
      tx.deliverable.findMany({
        where: { shopId, dealId: { in: deals.map((d) => d.id) } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        include: {
          submissions: { orderBy: [{ submittedAt: "asc" }, { id: "asc" }] },
          decisions: { orderBy: [{ decidedAt: "asc" }, { id: "asc" }] },
        },
      }),
      readCommissionAmounts(
        tx,
        shopId,
        creatorId,
        orders.flatMap((o) => (o.commission ? [o.commission.id] : [])),
      ),
      readCreatorMoney(tx, shopId, creatorId, shop.currency),
      readTransactionHistory(tx, shopId, creator, { cursor: options.historyCursor, pageSize: options.historyPageSize }),
    ]);

    return {
      creator: {
        id: creator.id,
        name: creator.name,
        email: creator.email,
        socialHandle: creator.socialHandle,
        status: creator.status,
        statusReason: creator.statusReason,
        referralCode: creator.referralCode,
        discountCodes: creator.discountCodes.map((d) => d.code),
        payoutMethod: creator.payoutMethod,
        payoutDetailsStatus: creator.payoutDetailsStatus,
        taxCountry: creator.taxCountry,
        taxFormOnFile: creator.taxFormOnFile,
        tags: creator.tags,
        notes: creator.notes,
        invitationAccepted: creator.shopifyCustomerId !== null,
        invitationLine: describeInvitation(
          invitationState({ status: creator.status, customerLinked: creator.shopifyCustomerId !== null, latestInvitation, at }),
          (date) => formatShopDate(date, shop.timezone),
        ),
        payoutDetailsLine: describePayoutDetails(
          payoutDetailsState({
            payoutMethod: creator.payoutMethod,
            payoutDetailsStatus: creator.payoutDetailsStatus,
            payoutDetailsSummary: creator.payoutDetailsSummary,
            pendingChangeSummary: pendingChange?.summary ?? null,
          }),
        ),
        createdAt: iso(creator.createdAt),
      },
      deals: deals.map((d) => ({
        id: d.id,
        title: d.title,
        campaign: d.campaign,
        commissionPlan: d.commissionPlan,
        createdAt: iso(d.createdAt),
        comments: d.comments.map((c) => ({ id: c.id, author: c.author, body: c.body, createdAt: iso(c.createdAt) })),
      })),
      fixedFees: fees.map((f) => ({
        id: f.id,
        dealId: f.dealId,
        campaignId: f.campaignId,
        deliverableId: f.deliverableId,
        status: f.status,
        amountMinor: toMinorNumber(f.amountMinor),
        currency: f.currency,
        comment: f.comment,
        createdBy: f.createdBy,
        createdAt: iso(f.createdAt),
      })),
      deliverables: deliverables.map((d) => ({
        id: d.id,
        dealId: d.dealId,
        title: d.title,
        dueOn: day(d.dueOn),
        status: d.status,
        submissions: d.submissions.map((s) => ({ id: s.id, contentUrl: s.contentUrl, note: s.note, submittedAt: iso(s.submittedAt) })),
        decisions: d.decisions.map((x) => ({
          id: x.id,
          decision: x.decision,
          note: x.note,
          decidedBy: x.decidedBy,
          decidedAt: iso(x.decidedAt),
        })),
      })),
      adjustments: adjustments.map((a) => ({
        id: a.id,
        dealId: a.dealId,
        amountMinor: toMinorNumber(a.amountMinor),
        currency: a.currency,
        reason: a.reason,
        createdBy: a.createdBy,
        createdAt: iso(a.createdAt),
      })),
      payoutRequests: requests.map((r) => ({
        id: r.id,
        origin: r.origin,
        status: r.status,
        amountMinor: toMinorNumber(r.amountMinor),
        currency: r.currency,
        comment: r.comment,
        requestedMethod: r.requestedMethod,
        decisionNote: r.decisionNote,
        payoutId: r.payoutId,
        createdAt: iso(r.createdAt),
      })),
      balances,
      commissions,
      orders: orders.map((o) => ({
        id: o.id,
        orderName: o.orderName,
        orderedAt: iso(o.orderedAt),
        currency: o.currency,
        subtotalMinor: toMinorNumber(o.subtotalMinor),
        eligibleMinor: toMinorNumber(o.eligibleMinor),
        refundedMinor: toMinorNumber(o.refundedMinor),
        attributionSource: o.attributionSource,
        notEarningReason: o.notEarningReason,
        commission: o.commission
          ? { id: o.commission.id, status: o.commission.status, amountMinor: orderAmounts.get(o.commission.id) ?? 0 }
          : null,
      })),
      history,
    };
  });
}
