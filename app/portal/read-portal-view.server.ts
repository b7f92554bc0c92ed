// Everything the portal fragment of one creator shows, read in a handful of indexed queries
// (run in parallel, none per row). Every query is scoped by shop AND creator: a creator never
// sees another creator's rows.
import { readGiftCardLastCharacters } from "../rails/gift-card/gift-card-code.server";
import { maskedGiftCardCode } from "../rails/gift-card/gift-card-rules";
import {
  portalStoreCreditsSql,
  toPortalStoreCredits,
  type PortalStoreCredit,
  type PortalStoreCreditRow,
} from "./read-portal-store-credits.server";
import { Prisma, type Creator, type PayoutChannel, type PayoutStatus, type Shop } from "@prisma/client";
import { defaultRailOf, offeredRails } from "../rails/rail-choices.server";
import { commissionCostsSql } from "../commissions/commission-amounts.server";
import { pgPool } from "../lib/pg-pool.server";
import type { DisplayMinor } from "../domain/money";
import { creatorBalancesSql } from "../ledger/read-balances.server";
import { subtractDisplayMinor, toDisplayMinor, toMinorNumber } from "../ledger/to-minor-number";
import { now } from "../lib/clock.server";
import { todayInTimeZone } from "../domain/calendar";
import { getPayoutOrThrow, type PayoutLine } from "../payouts/read-payout.server";
import { nextPayoutDate } from "./next-payout-date";
import {
  currentTaxFormJsonSql,
  describeTaxForm,
  taxFormFromJson,
  type TaxFormJson,
  type TaxFormOnFile,
} from "../tax-forms/read-tax-forms-on-file.server";
import { listCreatorBankPayouts, type CreatorBankPayoutView } from "../stripe/creator-bank-payouts.server";
import { portalStripeOnboardingLink, shopHasStripe } from "./stripe-onboarding-link.server";
import { payoutMinimumMinor } from "../domain/payout-minimum";
import type { CommissionStatus } from "~/domain/status/commission-status";
import type { DeliverableStatus } from "~/domain/status/deliverable-status";
import type { FixedFeeStatus } from "~/domain/status/fixed-fee-status";
import type { PayoutRequestStatus } from "~/domain/status/payout-request-status";

export const COMMISSIONS_PAGE_SIZE = 20;

/** Balances are exact sums, however large (a bigint past 2^53: see toDisplayMinor). */
export interface PortalBalance {
  currency: string;
  heldMinor: DisplayMinor;
  payableMinor: DisplayMinor;
  inPayoutMinor: DisplayMinor;
  paidMinor: DisplayMinor;
  /** What a withdrawal may ask for: payable minus open requests. */
  availableMinor: DisplayMinor;
  /** The shop's minimum payout in this currency, null when none is set for it. */
  minimumMinor: number | null;
}

export interface PortalCommission {
  orderName: string;
  orderedAt: Date;
  amountMinor: number;
  currency: string;
  status: CommissionStatus;
}

export interface PortalPayout {
  id: string;
  status: Exclude<PayoutStatus, "draft">;
  currency: string;
  amountMinor: DisplayMinor;
  invoiceLabel: string | null;
  createdAt: Date;
  paidOn: string | null;
  method: string | null;
  reference: string | null;
  hasCreatorInvoice: boolean;
  /** The merchant's note to the creator (written when marking the payout paid, or on creating it). */
  note: string | null;
  /** Why the payout was canceled or reversed; null for other statuses (a failure's cause is the store's to fix). */
  reason: string | null;
  /** Only for payouts to review: the items, to accept or dispute. */
  items: PayoutLine[] | null;
  /**
   * A gift card payout's card: its masked code, and whether its code is still kept (the page offers
   * "Show code", a POST; a GET never opens the code).
   */
  giftCard: { masked: string; codeKept: boolean } | null;
}

/** A withdrawal request (or a payout the store asked for on the creator's behalf). */
export interface PortalPayoutRequest {
  id: string;
  status: PayoutRequestStatus;
  amountMinor: DisplayMinor;
  currency: string;
  comment: string | null;
  createdAt: Date;
  /** The store's note when it decided (always given with a rejection). */
  decisionNote: string | null;
  /** The status of the payout an approved request became (drafts are not shown to creators). */
  payoutStatus: Exclude<PayoutStatus, "draft"> | null;
}

export interface PortalAdjustment {
  id: string;
  amountMinor: DisplayMinor;
  currency: string;
  reason: string;
  createdAt: Date;
}

export interface PortalView {
  shop: Pick<Shop, "id" | "domain" | "name" | "currency" | "timezone" | "payoutSchedule" | "creatorReviewEnabled" | "invoiceRequired">;
  creator: Pick<
    Creator,
    | "id"
    | "name"
    | "status"
    | "referralCode"
    | "payoutMethod"
    | "payoutDetailsSummary"
    | "payoutDetailsStatus"
    | "payoutsHeldUntil"
    | "stripeAccountId"
    | "stripeTransfersActive"
    | "stripeOnboardingLinkId"
    | "stripeOnboardingLinkExpiresAt"
    | "preferredRail"
  >;
  discountCodes: string[];
  /** The creator's W-9 / W-8BEN on file (issue 17), TIN masked; null when none. */
  taxForm: TaxFormOnFile | null;
  balances: PortalBalance[];
  nextPayoutOn: string | null;
  /** The clock's now() when the view was read: the page judges "still held" against it. */
  asOf: Date;
  stats: { clicks30: number; clicksAll: number; orders30: number; ordersAll: number };
  commissions: { page: number; hasMore: boolean; rows: PortalCommission[] };
  fees: {
    id: string;
    comment: string | null;
    amountMinor: number;
    currency: string;
    status: FixedFeeStatus;
    deliverableTitle: string | null;
  }[];
  deliverables: {
    id: string;
    title: string;
    dueOn: string | null;
    status: DeliverableStatus;
    lastUrl: string | null;
    lastNote: string | null;
  }[];
  payouts: PortalPayout[];
  requests: PortalPayoutRequest[];
  adjustments: PortalAdjustment[];
  /** The rails the shop enables and can pay on now: the creator chooses one of them (issue 15). */
  enabledRails: PayoutChannel[];
  /** The rail the creator is paid on now: their choice while enabled, else as their payout method. */
  currentRail: PayoutChannel;
  /** The shop's store credit bonus percent (100: none), named on the store credit choice. */
  storeCreditBonusPercent: number;
  /** The creator's store credit payouts: credited, bonus, date, status (issue 15). */
  storeCredits: PortalStoreCredit[];
  /** Whether the shop pays through Stripe: the portal offers Stripe only then. */
  stripeConnected: boolean;
  pendingMethodChange: { summary: string; expiresAt: Date } | null;
  stripeOnboardingUrl: string | null;
  bankPayouts: CreatorBankPayoutView[];
}

type PortalCreator = PortalView["creator"];

export const PORTAL_CREATOR_SELECT = {
  id: true,
  name: true,
  status: true,
  referralCode: true,
  payoutMethod: true,
  payoutDetailsSummary: true,
  payoutDetailsStatus: true,
  payoutsHeldUntil: true,
  stripeAccountId: true,
  stripeTransfersActive: true,
  stripeOnboardingLinkId: true,
  stripeOnboardingLinkExpiresAt: true,
  preferredRail: true,
} satisfies Prisma.CreatorSelect;

// Timestamps are stored without zone (UTC): JSON gives "2026-10-01T12:00:00"; dates "2026-10-01".
const utc = (value: string) => new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
const day = (value: string | null) => (value ? value.slice(0, 10) : null);

interface PortalRow {
  codes: string[];
  balances: {
    currency: string;
    held: string;
    payable: string;
    in_payout: string;
    paid: string;
    requested: string;
    minimum: string | null;
  }[];
  stats: PortalView["stats"];
  commissions: { orderName: string; orderedAt: string; currency: string; status: CommissionStatus; amountMinor: string }[];
  payouts: {
    id: string;
    status: Exclude<PayoutStatus, "draft">;
    currency: string;
    invoiceLabel: string | null;
    createdAt: string;
    paidOn: string | null;
    paidAt: string | null;
    channel: string | null;
    offlineMethod: string | null;
    offlineReference: string | null;
    stripeTransferId: string | null;
    creatorInvoiceFileId: string | null;
    noteToCreator: string | null;
    statusReason: string | null;
    amountMinor: string;
  }[];
  requests: {
    id: string;
    status: PayoutRequestStatus;
    amountMinor: string;
    currency: string;
    comment: string | null;
    createdAt: string;
    decisionNote: string | null;
    payoutStatus: PayoutStatus | null;
  }[];
  adjustments: { id: string; amountMinor: string; currency: string; reason: string; createdAt: string }[];
  fees: {
    id: string;
    comment: string | null;
    amountMinor: string;
    currency: string;
    status: FixedFeeStatus;
    deliverableTitle: string | null;
  }[];
  deliverables: {
    id: string;
    title: string;
    dueOn: string | null;
    status: DeliverableStatus;
    lastUrl: string | null;
    lastNote: string | null;
  }[];
  pending: { summary: string; expiresAt: string } | null;
  taxForm: TaxFormJson | null;
  storeCredits: PortalStoreCreditRow[];
}

/**
 * Everything in ONE statement (each part a CTE on an index of shop + creator), so the page costs
 * one round trip however many commissions, payouts or clicks the creator has.
 */
function portalQuery(shop: Shop, creatorId: string, since: Date, at: Date, page: number) {
  const s = shop.id;
  // Columns are UTC timestamps without zone: instants are passed as UTC ISO strings cast to them.
  const sinceUtc = Prisma.sql`${since.toISOString()}::timestamp(3)`;
  const atUtc = Prisma.sql`${at.toISOString()}::timestamp(3)`;
  return Prisma.sql`
    WITH ledger AS (${creatorBalancesSql(s, creatorId)}), paid AS (
      SELECT p."currency", SUM(i."amountMinor") AS paid
      FROM "Payout" p JOIN "PayoutItem" i ON i."payoutId" = p."id" AND i."shopId" = p."shopId" AND i."state" = 'active'
      WHERE p."shopId" = ${s} AND p."creatorId" = ${creatorId} AND p."status" = 'paid'
      GROUP BY p."currency"
    ), requested AS (
      SELECT "currency", SUM("amountMinor") AS requested FROM "PayoutRequest"
      WHERE "shopId" = ${s} AND "creatorId" = ${creatorId} AND "status" = 'requested'
      GROUP BY "currency"
    ), currencies AS (
      SELECT "currency" FROM ledger UNION SELECT "currency" FROM paid UNION SELECT ${shop.currency}::varchar(3)
    ), commission_page AS (
      SELECT o."orderName", o."orderedAt", o."id", c."id" AS "commissionId", c."currency", c."status"::text AS status
      FROM "AttributedOrder" o
      JOIN "Commission" c ON c."orderId" = o."id" AND c."shopId" = o."shopId" AND c."creatorId" = ${creatorId}
      WHERE o."shopId" = ${s} AND o."creatorId" = ${creatorId}
      ORDER BY o."orderedAt" DESC, o."id" DESC
      LIMIT ${COMMISSIONS_PAGE_SIZE + 1} OFFSET ${(page - 1) * COMMISSIONS_PAGE_SIZE}
    ), commission_costs AS (${commissionCostsSql(s, Prisma.sql`SELECT "commissionId" FROM commission_page`)}
    ), payout_rows AS (
      SELECT p."id", p."status"::text AS status, p."currency", p."invoiceLabel", p."createdAt", p."paidOn", p."paidAt",
        p."channel"::text AS channel, p."offlineMethod", p."offlineReference", p."stripeTransferId", p."creatorInvoiceFileId",
        p."noteToCreator", p."statusReason",
        COALESCE((
          SELECT SUM(i."amountMinor") FROM "PayoutItem" i
          WHERE i."payoutId" = p."id" AND i."shopId" = p."shopId"
            AND i."state" = CASE WHEN p."status" = 'canceled' THEN 'released'::"PayoutItemState" ELSE 'active'::"PayoutItemState" END
        ), 0) AS "amountMinor"
      FROM "Payout" p
      WHERE p."shopId" = ${s} AND p."creatorId" = ${creatorId} AND p."status" <> 'draft'
      ORDER BY p."createdAt" DESC, p."id" DESC
      LIMIT 50
    ), request_rows AS (
      SELECT r."id", r."status"::text AS status, r."amountMinor", r."currency", r."comment", r."createdAt", r."decisionNote",
        p."status"::text AS "payoutStatus"
      FROM "PayoutRequest" r LEFT JOIN "Payout" p ON p."id" = r."payoutId" AND p."shopId" = r."shopId"
      WHERE r."shopId" = ${s} AND r."creatorId" = ${creatorId}
      ORDER BY r."createdAt" DESC, r."id" DESC
      LIMIT 20
    ), adjustment_rows AS (
      SELECT a."id", a."amountMinor", a."currency", a."reason", a."createdAt"
      FROM "Adjustment" a
      WHERE a."shopId" = ${s} AND a."creatorId" = ${creatorId}
      ORDER BY a."createdAt" DESC, a."id" DESC
      LIMIT 50
    ), fee_rows AS (
      SELECT f."id", f."comment", f."amountMinor", f."currency", f."status"::text AS status, d."title" AS "deliverableTitle", f."createdAt"
      FROM "FixedFee" f LEFT JOIN "Deliverable" d ON d."id" = f."deliverableId" AND d."shopId" = f."shopId"
      WHERE f."shopId" = ${s} AND f."creatorId" = ${creatorId}
      ORDER BY f."createdAt" DESC LIMIT 100
    ), deliverable_rows AS (
      SELECT d."id", d."title", d."dueOn", d."status"::text AS status, d."createdAt",
        (SELECT x."contentUrl" FROM "DeliverableSubmission" x WHERE x."shopId" = d."shopId" AND x."deliverableId" = d."id" ORDER BY x."submittedAt" DESC LIMIT 1) AS "lastUrl",
        (SELECT x."note" FROM "DeliverableDecision" x WHERE x."shopId" = d."shopId" AND x."deliverableId" = d."id" ORDER BY x."decidedAt" DESC LIMIT 1) AS "lastNote"
      FROM "Deliverable" d JOIN "Deal" g ON g."id" = d."dealId" AND g."shopId" = d."shopId"
      WHERE d."shopId" = ${s} AND g."creatorId" = ${creatorId}
      ORDER BY d."dueOn" ASC NULLS LAST, d."createdAt" ASC LIMIT 100
    )
    SELECT
      (SELECT COALESCE(json_agg("code" ORDER BY "code"), '[]'::json) FROM "DiscountCode" WHERE "shopId" = ${s} AND "creatorId" = ${creatorId}) AS codes,
      (SELECT COALESCE(json_agg(json_build_object(
          'currency', c."currency", 'held', COALESCE(l.held, 0)::text, 'payable', COALESCE(l.payable, 0)::text,
          'in_payout', COALESCE(l.in_payout, 0)::text, 'paid', COALESCE(p.paid, 0)::text, 'requested', COALESCE(r.requested, 0)::text,
          'minimum', m."amountMinor"::text) ORDER BY c."currency"), '[]'::json)
        FROM currencies c
        LEFT JOIN ledger l ON l."currency" = c."currency"
        LEFT JOIN paid p ON p."currency" = c."currency"
        LEFT JOIN requested r ON r."currency" = c."currency"
        LEFT JOIN "PayoutMinimum" m ON m."shopId" = ${s} AND m."currency" = c."currency") AS balances,
      json_build_object(
        'clicks30', (SELECT COUNT(*) FROM "ReferralClick" WHERE "shopId" = ${s} AND "creatorId" = ${creatorId} AND "day" >= (${sinceUtc})::date),
        'clicksAll', (SELECT COUNT(*) FROM "ReferralClick" WHERE "shopId" = ${s} AND "creatorId" = ${creatorId}),
        'orders30', (SELECT COUNT(*) FROM "AttributedOrder" WHERE "shopId" = ${s} AND "creatorId" = ${creatorId} AND "orderedAt" >= ${sinceUtc} AND "cancelledAt" IS NULL),
        'ordersAll', (SELECT COUNT(*) FROM "AttributedOrder" WHERE "shopId" = ${s} AND "creatorId" = ${creatorId} AND "cancelledAt" IS NULL)
      ) AS stats,
      (SELECT COALESCE(json_agg(json_build_object('orderName', x."orderName", 'orderedAt', x."orderedAt", 'currency', x."currency",
          'status', x.status, 'amountMinor', COALESCE(k."amountMinor", 0)::text) ORDER BY x."orderedAt" DESC, x."id" DESC), '[]'::json)
        FROM commission_page x LEFT JOIN commission_costs k ON k."commissionId" = x."commissionId") AS commissions,
      (SELECT COALESCE(json_agg(json_build_object('id', x."id", 'status', x.status, 'currency', x."currency", 'invoiceLabel', x."invoiceLabel",
          'createdAt', x."createdAt", 'paidOn', x."paidOn", 'paidAt', x."paidAt", 'channel', x.channel, 'offlineMethod', x."offlineMethod",
          'offlineReference', x."offlineReference", 'stripeTransferId', x."stripeTransferId", 'creatorInvoiceFileId', x."creatorInvoiceFileId",
          'noteToCreator', x."noteToCreator", 'statusReason', x."statusReason",
          'amountMinor', x."amountMinor"::text) ORDER BY x."createdAt" DESC, x."id" DESC), '[]'::json) FROM payout_rows x) AS payouts,
      (SELECT COALESCE(json_agg(json_build_object('id', x."id", 'status', x.status, 'amountMinor', x."amountMinor"::text, 'currency', x."currency",
          'comment', x."comment", 'createdAt', x."createdAt", 'decisionNote', x."decisionNote", 'payoutStatus', x."payoutStatus")
          ORDER BY x."createdAt" DESC, x."id" DESC), '[]'::json) FROM request_rows x) AS requests,
      (SELECT COALESCE(json_agg(json_build_object('id', x."id", 'amountMinor', x."amountMinor"::text, 'currency', x."currency",
          'reason', x."reason", 'createdAt', x."createdAt") ORDER BY x."createdAt" DESC, x."id" DESC), '[]'::json) FROM adjustment_rows x) AS adjustments,
      (SELECT COALESCE(json_agg(json_build_object('id', x."id", 'comment', x."comment", 'amountMinor', x."amountMinor"::text, 'currency', x."currency",
          'status', x.status, 'deliverableTitle', x."deliverableTitle") ORDER BY x."createdAt" DESC), '[]'::json) FROM fee_rows x) AS fees,
      (SELECT COALESCE(json_agg(json_build_object('id', x."id", 'title', x."title", 'dueOn', x."dueOn", 'status', x.status,
          'lastUrl', x."lastUrl", 'lastNote', x."lastNote") ORDER BY x."dueOn" ASC NULLS LAST, x."createdAt" ASC), '[]'::json) FROM deliverable_rows x) AS deliverables,
      (SELECT json_build_object('summary', "summary", 'expiresAt', "expiresAt") FROM "PayoutMethodChange"
        WHERE "shopId" = ${s} AND "creatorId" = ${creatorId} AND "confirmedAt" IS NULL AND "supersededAt" IS NULL AND "expiresAt" > ${atUtc}
        ORDER BY "createdAt" DESC LIMIT 1) AS pending,
      ${currentTaxFormJsonSql(s, creatorId)} AS "taxForm",
      ${portalStoreCreditsSql(s, creatorId)} AS "storeCredits"`;
}

// The statement's text is the same for every request (only its values change): it runs as a named
// statement on the pool, parsed and planned once per connection, without Prisma's per-query
// compilation. Every column is JSON (node-postgres parses it), so the rows read as with $queryRaw.
const statementNames = new Map<string, string>();
function pagePgQuery(statement: Prisma.Sql) {
  let name = statementNames.get(statement.text);
  if (name === undefined) {
    name = `portal-page-${statementNames.size + 1}`;
    statementNames.set(statement.text, name);
  }
  return pgPool().query<PortalRow>({ name, text: statement.text, values: statement.values as unknown[] });
}

function toBalances(shop: Shop, rows: PortalRow["balances"]): PortalBalance[] {
  return rows.map((row) => {
    const currency = row.currency;
    const payableMinor = toDisplayMinor(row.payable);
    const minimum = payoutMinimumMinor(row.minimum === null ? null : toMinorNumber(row.minimum), currency, shop.currency);
    return {
      currency,
      heldMinor: toDisplayMinor(row.held),
      payableMinor,
      inPayoutMinor: toDisplayMinor(row.in_payout),
      paidMinor: toDisplayMinor(row.paid),
      availableMinor: subtractDisplayMinor(payableMinor, toDisplayMinor(row.requested)),
      minimumMinor: minimum,
    };
  });
}

async function toPayouts(shopId: string, rows: PortalRow["payouts"]): Promise<PortalPayout[]> {
  const toReview = rows.filter((row) => row.status === "pending_review").slice(0, 5);
  // Payouts under review are few (usually none or one): their items are read with the payout reader.
  const details = await Promise.all(toReview.map((row) => getPayoutOrThrow(shopId, row.id)));
  const giftCardIds = rows.filter((row) => row.channel === "gift_card").map((row) => row.id);
  // Only the masked code here: the page's GET must not open (or use up) a code.
  const cards = await readGiftCardLastCharacters(shopId, giftCardIds);
  return rows.map((row) => {
    const stripe = row.channel === "stripe";
    const card = cards.get(row.id);
    return {
      id: row.id,
      status: row.status,
      currency: row.currency,
      amountMinor: toDisplayMinor(row.amountMinor),
      invoiceLabel: row.invoiceLabel,
      createdAt: utc(row.createdAt),
      paidOn: day(row.paidOn) ?? day(row.paidAt),
      method:
        row.channel === null
          ? null
          : stripe
            ? "Stripe"
            : row.channel === "store_credit"
              ? "Store credit"
              : row.channel === "gift_card"
                ? "Gift card"
                : row.offlineMethod,
      reference: stripe ? row.stripeTransferId : row.offlineReference,
      hasCreatorInvoice: row.creatorInvoiceFileId !== null,
      note: row.noteToCreator,
      reason: row.status === "canceled" || row.status === "reversed" ? row.statusReason : null,
      items: details.find((d) => d.id === row.id)?.items.filter((item) => item.state === "active") ?? null,
      giftCard:
        row.channel === "gift_card" && card
          ? { masked: maskedGiftCardCode(card.lastCharacters), codeKept: card.codeKept && row.status === "paid" }
          : null,
    };
  });
}

export async function readPortalView(
  shop: Shop,
  creator: PortalCreator,
  // offlineScope: the cached offline session's scopes (the proxy request holds them), so the rails
  // offered need no read of their own.
  options: { commissionsPage: number; offlineScope?: string | null },
): Promise<PortalView> {
  const at = now();
  const since = new Date(at.getTime() - 30 * 24 * 60 * 60 * 1000);
  const page = Math.max(1, Math.min(Math.trunc(options.commissionsPage) || 1, 10_000));
  const [
    {
      rows: [row],
    },
    bankPayouts,
    stripeOnboardingUrl,
    enabledRails,
  ] = await Promise.all([
    pagePgQuery(portalQuery(shop, creator.id, since, at, page)),
    // Payouts from the creator's Stripe balance to their bank: only once they have an account.
    creator.stripeAccountId ? listCreatorBankPayouts(shop.id, creator.id, 5) : Promise.resolve([]),
    portalStripeOnboardingLink(shop, creator),
    offeredRails(shop, { offlineScope: options.offlineScope }),
  ]);
  const today = todayInTimeZone(at, shop.timezone);
  const commissionRows = row.commissions.map((c) => ({
    orderName: c.orderName,
    orderedAt: utc(c.orderedAt),
    amountMinor: toMinorNumber(c.amountMinor),
    currency: c.currency,
    status: c.status,
  }));
  return {
    shop,
    creator,
    discountCodes: row.codes,
    taxForm: row.taxForm ? describeTaxForm(taxFormFromJson(row.taxForm), today) : null,
    balances: toBalances(shop, row.balances),
    nextPayoutOn: nextPayoutDate(shop.payoutSchedule, today),
    asOf: at,
    stats: {
      clicks30: Number(row.stats.clicks30),
      clicksAll: Number(row.stats.clicksAll),
      orders30: Number(row.stats.orders30),
      ordersAll: Number(row.stats.ordersAll),
    },
    commissions: { page, hasMore: commissionRows.length > COMMISSIONS_PAGE_SIZE, rows: commissionRows.slice(0, COMMISSIONS_PAGE_SIZE) },
    fees: row.fees.map((f) => ({ ...f, amountMinor: toMinorNumber(f.amountMinor), currency: f.currency })),
    deliverables: row.deliverables.map((d) => ({ ...d, dueOn: day(d.dueOn) })),
    payouts: await toPayouts(shop.id, row.payouts),
    requests: row.requests.map((r) => ({
      id: r.id,
      status: r.status,
      amountMinor: toDisplayMinor(r.amountMinor),
      currency: r.currency,
      comment: r.comment,
      createdAt: utc(r.createdAt),
      decisionNote: r.decisionNote,
      payoutStatus: r.payoutStatus === null || r.payoutStatus === "draft" ? null : r.payoutStatus,
    })),
    adjustments: row.adjustments.map((a) => ({
      id: a.id,
      amountMinor: toDisplayMinor(a.amountMinor),
      currency: a.currency,
      reason: a.reason,
      createdAt: utc(a.createdAt),
    })),
    enabledRails,
    storeCreditBonusPercent: shop.storeCreditBonusPercent,
    storeCredits: toPortalStoreCredits(row.storeCredits),
    currentRail: defaultRailOf(shop, creator),
    stripeConnected: shopHasStripe(shop),
    pendingMethodChange: row.pending ? { summary: row.pending.summary, expiresAt: utc(row.pending.expiresAt) } : null,
    stripeOnboardingUrl,
    bankPayouts,
  };
}
