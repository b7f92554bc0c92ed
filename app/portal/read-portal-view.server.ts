// Everything the portal fragment of one creator shows, read in a handful of indexed queries
// (run in parallel, none per row). Every query is scoped by shop AND creator: a creator never
// sees another creator's rows.
import { Prisma, type Creator, type PayoutStatus, type Shop } from "@prisma/client";
import { COMMISSION_SUBJECT } from "../commissions/commission-amounts.server";
import { db } from "../db.server";
import { toMinorNumber } from "../ledger/to-minor-number";
import { now } from "../lib/clock.server";
import { todayInTimeZone } from "../payouts/offline-payment-schema";
import { getPayoutOrThrow, type PayoutLine } from "../payouts/read-payout.server";
import { nextPayoutDate } from "./next-payout-date";
import { portalStripeOnboardingLink } from "./stripe-onboarding-link.server";

export const COMMISSIONS_PAGE_SIZE = 20;
const DEFAULT_MINIMUM_MINOR = 2500;

export interface PortalBalance {
  currency: string;
  heldMinor: number;
  payableMinor: number;
  inPayoutMinor: number;
  paidMinor: number;
  /** What a withdrawal may ask for: payable minus open requests. */
  availableMinor: number;
  /** The shop's minimum payout in this currency, null when none is set for it. */
  minimumMinor: number | null;
}

export interface PortalCommission {
  orderName: string;
  orderedAt: Date;
  amountMinor: number;
  currency: string;
  status: string;
}

export interface PortalPayout {
  id: string;
  status: Exclude<PayoutStatus, "draft">;
  currency: string;
  amountMinor: number;
  invoiceLabel: string | null;
  createdAt: Date;
  paidOn: string | null;
  method: string | null;
  reference: string | null;
  hasCreatorInvoice: boolean;
  /** Only for payouts to review: the items, to accept or dispute. */
  items: PayoutLine[] | null;
}

export interface PortalView {
  shop: Pick<Shop, "id" | "domain" | "name" | "currency" | "timezone" | "payoutSchedule" | "creatorReviewEnabled" | "invoiceRequired">;
  creator: Pick<
    Creator,
    "id" | "name" | "status" | "referralCode" | "payoutMethod" | "payoutDetailsSummary" | "payoutDetailsStatus" | "payoutsHeldUntil" | "stripeAccountId" | "stripeTransfersActive"
  >;
  discountCodes: string[];
  balances: PortalBalance[];
  nextPayoutOn: string | null;
  stats: { clicks30: number; clicksAll: number; orders30: number; ordersAll: number };
  commissions: { page: number; hasMore: boolean; rows: PortalCommission[] };
  fees: { id: string; comment: string | null; amountMinor: number; currency: string; status: string; deliverableTitle: string | null }[];
  deliverables: { id: string; title: string; dueOn: string | null; status: string; lastUrl: string | null; lastNote: string | null }[];
  payouts: PortalPayout[];
  pendingMethodChange: { summary: string; expiresAt: Date } | null;
  stripeOnboardingUrl: string | null;
}

type PortalCreator = PortalView["creator"];

export const PORTAL_CREATOR_SELECT = {
  id: true, name: true, status: true, referralCode: true, payoutMethod: true, payoutDetailsSummary: true,
  payoutDetailsStatus: true, payoutsHeldUntil: true, stripeAccountId: true, stripeTransfersActive: true,
} satisfies Prisma.CreatorSelect;

async function readBalances(shop: Shop, creatorId: string): Promise<PortalBalance[]> {
  const rows = await db().$queryRaw<
    { currency: string; held: bigint; payable: bigint; in_payout: bigint; paid: bigint; requested: bigint; minimum: bigint | null }[]
  >(Prisma.sql`
    WITH ledger AS (
      SELECT "currency",
        COALESCE(SUM("amountMinor") FILTER (WHERE "account" = 'held'), 0) AS held,
        COALESCE(SUM("amountMinor") FILTER (WHERE "account" = 'payable'), 0) AS payable,
        COALESCE(SUM("amountMinor") FILTER (WHERE "account" = 'in_payout'), 0) AS in_payout
      FROM "LedgerEntry" WHERE "shopId" = ${shop.id} AND "creatorId" = ${creatorId}
      GROUP BY "currency"
    ), paid AS (
      SELECT p."currency", SUM(i."amountMinor") AS paid
      FROM "Payout" p JOIN "PayoutItem" i ON i."payoutId" = p."id" AND i."shopId" = p."shopId" AND i."state" = 'active'
      WHERE p."shopId" = ${shop.id} AND p."creatorId" = ${creatorId} AND p."status" = 'paid'
      GROUP BY p."currency"
    ), requested AS (
      SELECT "currency", SUM("amountMinor") AS requested FROM "PayoutRequest"
      WHERE "shopId" = ${shop.id} AND "creatorId" = ${creatorId} AND "status" = 'requested'
      GROUP BY "currency"
    ), currencies AS (
      SELECT "currency" FROM ledger UNION SELECT "currency" FROM paid UNION SELECT ${shop.currency}::char(3)
    )
    SELECT c."currency", COALESCE(l.held, 0) AS held, COALESCE(l.payable, 0) AS payable,
      COALESCE(l.in_payout, 0) AS in_payout, COALESCE(p.paid, 0) AS paid, COALESCE(r.requested, 0) AS requested,
      m."amountMinor" AS minimum
    FROM currencies c
    LEFT JOIN ledger l ON l."currency" = c."currency"
    LEFT JOIN paid p ON p."currency" = c."currency"
    LEFT JOIN requested r ON r."currency" = c."currency"
    LEFT JOIN "PayoutMinimum" m ON m."shopId" = ${shop.id} AND m."currency" = c."currency"
    ORDER BY c."currency"`);
  return rows.map((row) => {
    const currency = row.currency.trim();
    const payableMinor = toMinorNumber(row.payable);
    const minimum = row.minimum === null ? (currency === shop.currency ? DEFAULT_MINIMUM_MINOR : null) : toMinorNumber(row.minimum);
    return {
      currency,
      heldMinor: toMinorNumber(row.held),
      payableMinor,
      inPayoutMinor: toMinorNumber(row.in_payout),
      paidMinor: toMinorNumber(row.paid),
      availableMinor: payableMinor - toMinorNumber(row.requested),
      minimumMinor: minimum,
    };
  });
}

async function readStats(shopId: string, creatorId: string, since: Date) {
  const [row] = await db().$queryRaw<{ clicks30: number; clicksAll: number; orders30: number; ordersAll: number }[]>(Prisma.sql`
    SELECT
      (SELECT COUNT(*) FROM "ReferralClick" WHERE "shopId" = ${shopId} AND "creatorId" = ${creatorId} AND "day" >= ${since}::date)::int AS "clicks30",
      (SELECT COUNT(*) FROM "ReferralClick" WHERE "shopId" = ${shopId} AND "creatorId" = ${creatorId})::int AS "clicksAll",
      (SELECT COUNT(*) FROM "AttributedOrder" WHERE "shopId" = ${shopId} AND "creatorId" = ${creatorId} AND "orderedAt" >= ${since} AND "cancelledAt" IS NULL)::int AS "orders30",
      (SELECT COUNT(*) FROM "AttributedOrder" WHERE "shopId" = ${shopId} AND "creatorId" = ${creatorId} AND "cancelledAt" IS NULL)::int AS "ordersAll"`);
  return row;
}

async function readCommissionPage(shopId: string, creatorId: string, page: number) {
  const rows = await db().$queryRaw<{ orderName: string; orderedAt: Date; amountMinor: bigint; currency: string; status: string }[]>(Prisma.sql`
    SELECT o."orderName", o."orderedAt", c."currency", c."status"::text AS status,
      COALESCE((
        SELECT -SUM(e."amountMinor") FROM "LedgerTransaction" t
        JOIN "LedgerEntry" e ON e."transactionId" = t."id" AND e."account" = 'expense'
        WHERE t."shopId" = ${shopId} AND t."subjectType" = ${COMMISSION_SUBJECT} AND t."subjectId" = c."id"
      ), 0)::bigint AS "amountMinor"
    FROM "AttributedOrder" o
    JOIN "Commission" c ON c."orderId" = o."id" AND c."shopId" = o."shopId" AND c."creatorId" = ${creatorId}
    WHERE o."shopId" = ${shopId} AND o."creatorId" = ${creatorId}
    ORDER BY o."orderedAt" DESC, o."id" DESC
    LIMIT ${COMMISSIONS_PAGE_SIZE + 1} OFFSET ${(page - 1) * COMMISSIONS_PAGE_SIZE}`);
  return {
    page,
    hasMore: rows.length > COMMISSIONS_PAGE_SIZE,
    rows: rows.slice(0, COMMISSIONS_PAGE_SIZE).map((row) => ({ ...row, currency: row.currency.trim(), amountMinor: toMinorNumber(row.amountMinor) })),
  };
}

async function readPayouts(shopId: string, creatorId: string): Promise<PortalPayout[]> {
  const rows = await db().$queryRaw<
    {
      id: string; status: Exclude<PayoutStatus, "draft">; currency: string; amountMinor: bigint; invoiceLabel: string | null; createdAt: Date;
      paidOn: Date | null; paidAt: Date | null; channel: string | null; offlineMethod: string | null; offlineReference: string | null;
      stripeTransferId: string | null; creatorInvoiceFileId: string | null;
    }[]
  >(Prisma.sql`
    SELECT p."id", p."status"::text AS status, p."currency", p."invoiceLabel", p."createdAt", p."paidOn", p."paidAt",
      p."channel"::text AS channel, p."offlineMethod", p."offlineReference", p."stripeTransferId", p."creatorInvoiceFileId",
      COALESCE((
        SELECT SUM(i."amountMinor") FROM "PayoutItem" i
        WHERE i."payoutId" = p."id" AND i."shopId" = p."shopId"
          AND i."state" = CASE WHEN p."status" = 'canceled' THEN 'released'::"PayoutItemState" ELSE 'active'::"PayoutItemState" END
      ), 0)::bigint AS "amountMinor"
    FROM "Payout" p
    WHERE p."shopId" = ${shopId} AND p."creatorId" = ${creatorId} AND p."status" <> 'draft'
    ORDER BY p."createdAt" DESC, p."id" DESC
    LIMIT 50`);
  const toReview = rows.filter((row) => row.status === "pending_review").slice(0, 5);
  // Payouts under review are few (usually one): their items are read with the payout reader.
  const details = await Promise.all(toReview.map((row) => getPayoutOrThrow(shopId, row.id)));
  return rows.map((row) => {
    const stripe = row.channel === "stripe";
    return {
      id: row.id,
      status: row.status,
      currency: row.currency.trim(),
      amountMinor: toMinorNumber(row.amountMinor),
      invoiceLabel: row.invoiceLabel,
      createdAt: row.createdAt,
      paidOn: row.paidOn ? row.paidOn.toISOString().slice(0, 10) : row.paidAt ? row.paidAt.toISOString().slice(0, 10) : null,
      method: row.channel === null ? null : stripe ? "Stripe" : row.offlineMethod,
      reference: stripe ? row.stripeTransferId : row.offlineReference,
      hasCreatorInvoice: row.creatorInvoiceFileId !== null,
      items: details.find((d) => d.id === row.id)?.items.filter((item) => item.state === "active") ?? null,
    };
  });
}

async function readFeesAndDeliverables(shopId: string, creatorId: string) {
  const [fees, deliverables] = await Promise.all([
    db().fixedFee.findMany({
      where: { shopId, creatorId },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: { id: true, comment: true, amountMinor: true, currency: true, status: true, deliverable: { select: { title: true } } },
    }),
    db().deliverable.findMany({
      where: { shopId, deal: { shopId, creatorId } },
      orderBy: [{ dueOn: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
      take: 100,
      select: {
        id: true, title: true, dueOn: true, status: true,
        submissions: { orderBy: { submittedAt: "desc" }, take: 1, select: { contentUrl: true } },
        decisions: { orderBy: { decidedAt: "desc" }, take: 1, select: { note: true } },
      },
    }),
  ]);
  return {
    fees: fees.map((fee) => ({
      id: fee.id, comment: fee.comment, amountMinor: toMinorNumber(fee.amountMinor), currency: fee.currency.trim(),
      status: fee.status, deliverableTitle: fee.deliverable?.title ?? null,
    })),
    deliverables: deliverables.map((d) => ({
      id: d.id, title: d.title, dueOn: d.dueOn ? d.dueOn.toISOString().slice(0, 10) : null, status: d.status,
      lastUrl: d.submissions[0]?.contentUrl ?? null, lastNote: d.decisions[0]?.note ?? null,
    })),
  };
}

export async function readPortalView(shop: Shop, creator: PortalCreator, options: { commissionsPage: number }): Promise<PortalView> {
  const at = now();
  const since = new Date(at.getTime() - 30 * 24 * 60 * 60 * 1000);
  const page = Math.max(1, Math.min(Math.trunc(options.commissionsPage) || 1, 10_000));
  const [codes, balances, stats, commissions, feesAndDeliverables, payouts, pendingChange, stripeOnboardingUrl] = await Promise.all([
    db().discountCode.findMany({ where: { shopId: shop.id, creatorId: creator.id }, orderBy: { code: "asc" }, select: { code: true } }),
    readBalances(shop, creator.id),
    readStats(shop.id, creator.id, since),
    readCommissionPage(shop.id, creator.id, page),
    readFeesAndDeliverables(shop.id, creator.id),
    readPayouts(shop.id, creator.id),
    db().payoutMethodChange.findFirst({
      where: { shopId: shop.id, creatorId: creator.id, confirmedAt: null, supersededAt: null, expiresAt: { gt: at } },
      orderBy: { createdAt: "desc" },
      select: { summary: true, expiresAt: true },
    }),
    portalStripeOnboardingLink(shop, creator),
  ]);
  return {
    shop,
    creator,
    discountCodes: codes.map((c) => c.code),
    balances,
    nextPayoutOn: nextPayoutDate(shop.payoutSchedule, todayInTimeZone(at, shop.timezone)),
    stats,
    commissions,
    ...feesAndDeliverables,
    payouts,
    pendingMethodChange: pendingChange,
    stripeOnboardingUrl,
  };
}
