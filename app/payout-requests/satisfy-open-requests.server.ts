// Runs, manual payouts and "Pay all due" meet the creator's open payout requests here (the rule
// is app/domain/open-requests.ts): read them under a row lock, and mark the ones a new payout
// satisfies `approved`, linked to that payout, with an audit event each and the creator's
// "withdrawal approved" email, as approving the request by hand would. Set-based, for a run's batch.
import { Prisma, type PayoutRequestOrigin } from "@prisma/client";
import { actorLabel, type Actor } from "../audit/actor";
import { recordAuditEvents } from "../audit/record-audit-event.server";
import type { DbTransaction } from "../db.server";
import type { OpenRequest } from "../domain/open-requests";
import { toMinorNumber } from "../ledger/to-minor-number";
import { now } from "../lib/clock.server";
import { creatorLocale, withdrawalApprovedEmail } from "../notifications/creator-emails";
import { queueEmailsInBulk } from "../notifications/queue-creator-email.server";
import { PAYOUT_REQUEST_SUBJECT } from "./request-payout.server";

export interface OpenRequestRow extends OpenRequest {
  origin: PayoutRequestOrigin;
}

export const requestGroupKey = (creatorId: string, currency: string) => `${creatorId}:${currency}`;

/**
 * The open requests of each creator and currency, oldest first, locked FOR UPDATE: a staff
 * member deciding one of them at the same time waits, or has decided it already and it is not read.
 * Call it after locking the creators' balances (the order approvePayoutRequest takes them in too).
 */
export async function lockOpenRequests(
  tx: DbTransaction,
  shopId: string,
  groups: readonly { creatorId: string; currency: string }[],
): Promise<Map<string, OpenRequestRow[]>> {
  const byGroup = new Map<string, OpenRequestRow[]>();
  if (groups.length === 0) return byGroup;
  const keys = JSON.stringify(groups.map(({ creatorId, currency }) => ({ creatorId, currency })));
  const rows = await tx.$queryRaw<
    { id: string; creatorId: string; currency: string; amountMinor: bigint; createdAt: Date; origin: PayoutRequestOrigin }[]
  >(
    Prisma.sql`
      SELECT r."id", r."creatorId", r."currency", r."amountMinor", r."createdAt", r."origin"::text AS "origin"
      FROM "PayoutRequest" r
      WHERE r."shopId" = ${shopId} AND r."status" = 'requested'
        AND (r."creatorId", r."currency") IN (SELECT g."creatorId", g."currency" FROM jsonb_to_recordset(${keys}::jsonb) AS g("creatorId" text, "currency" text))
      ORDER BY r."createdAt", r."id"
      FOR UPDATE OF r`,
  );
  for (const row of rows) {
    const key = requestGroupKey(row.creatorId, row.currency);
    const list = byGroup.get(key) ?? [];
    list.push({ id: row.id, amountMinor: toMinorNumber(row.amountMinor), createdAt: row.createdAt, origin: row.origin });
    byGroup.set(key, list);
  }
  return byGroup;
}

export interface SatisfyingPayout {
  payoutId: string;
  creatorId: string;
  currency: string;
  amountMinor: number;
  status: string;
  invoiceLabel: string | null;
  /** The open requests this payout satisfies (locked by lockOpenRequests in this transaction). */
  requests: readonly OpenRequestRow[];
}

/**
 * requested → approved for each request, linked to the payout that satisfies it. Returns the
 * payouts whose creator was emailed about a withdrawal: like an approved withdrawal, that email
 * replaces the payout's own "scheduled"/"to review" email.
 */
export async function satisfyOpenRequests(
  tx: DbTransaction,
  shopId: string,
  actor: Actor,
  payouts: readonly SatisfyingPayout[],
): Promise<Set<string>> {
  const links = payouts.flatMap((payout) => payout.requests.map((request) => ({ payout, request })));
  if (links.length === 0) return new Set();
  const rows = JSON.stringify(links.map(({ payout, request }) => ({ id: request.id, payoutId: payout.payoutId })));
  const updated = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
    UPDATE "PayoutRequest" r
    SET "status" = 'approved', "decidedBy" = ${actorLabel(actor)}, "decidedAt" = ${now()}::timestamp, "payoutId" = s."payoutId"
    FROM jsonb_to_recordset(${rows}::jsonb) AS s("id" text, "payoutId" text)
    WHERE r."id" = s."id" AND r."shopId" = ${shopId} AND r."status" = 'requested'
    RETURNING r."id"`);
  const approved = new Set(updated.map((row) => row.id));
  const done = links.filter(({ request }) => approved.has(request.id));

  await recordAuditEvents(
    tx,
    done.map(({ payout, request }) => ({
      shopId,
      actor,
      action: "payout_request.approved",
      subject: { type: PAYOUT_REQUEST_SUBJECT, id: request.id },
      before: { status: "requested" },
      after: {
        status: "approved",
        payoutId: payout.payoutId,
        amountMinor: payout.amountMinor,
        requestedMinor: request.amountMinor,
        currency: payout.currency,
        satisfiedBy: "payout",
      },
    })),
  );

  const withdrawals = done.filter(({ request }) => request.origin === "creator");
  if (withdrawals.length === 0) return new Set();
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { name: true, domain: true, timezone: true } });
  const creators = await tx.creator.findMany({
    where: { shopId, id: { in: [...new Set(withdrawals.map(({ payout }) => payout.creatorId))] } },
    select: { id: true, name: true, email: true, locale: true },
  });
  const creatorById = new Map(creators.map((creator) => [creator.id, creator]));
  await queueEmailsInBulk(
    tx,
    shopId,
    withdrawals.map(({ payout, request }) => {
      const creator = creatorById.get(payout.creatorId)!;
      const context = {
        shopName: shop.name,
        shopDomain: shop.domain,
        creatorName: creator.name,
        timeZone: shop.timezone,
        locale: creatorLocale(creator.locale),
      };
      return {
        to: creator.email,
        email: withdrawalApprovedEmail(
          context,
          { amount: { amountMinor: request.amountMinor, currency: payout.currency } },
          {
            amount: { amountMinor: payout.amountMinor, currency: payout.currency },
            invoiceLabel: payout.invoiceLabel,
            status: payout.status,
          },
        ),
      };
    }),
  );
  return new Set(withdrawals.map(({ payout }) => payout.payoutId));
}
