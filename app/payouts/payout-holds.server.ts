// Reads the facts the payout-hold door (app/domain/payout-holds.ts) decides on, and asks it.
// `assertPayoutMayBePaid` runs inside every payment's transaction (the rails' shared claim,
// "Mark paid offline"), so no path pays a held payout; `readPayoutHolds` gives the screens
// (Home, the deal page, the payout page) the same reasons. Facts: US tax reporting (US payers
// only) and two-person approval (payouts in a currency with an approval amount set).
import { Prisma } from "@prisma/client";
import type { DbTransaction } from "../db.server";
import { shopZone, todayInTimeZone } from "../domain/calendar";
import { DomainError } from "../domain/errors";
import { payoutHolds, type PayoutHold, type SecondApprovalFacts, type TaxReportingFacts } from "../domain/payout-holds";
import { isFormValidOn } from "../domain/tax/tax-form-validity";
import { REPORTING_CURRENCY } from "../domain/tax-reporting-thresholds";
import { creatorAccountBalanceSql } from "../ledger/read-balances.server";
import { toMinorNumber } from "../ledger/to-minor-number";
import { PAYOUT_STATUSES_HOLDING_ITEMS } from "../domain/status/payout-status";
import { now } from "../lib/clock.server";

type Reader = Pick<DbTransaction, "$queryRaw" | "shop">;

interface FactRow {
  id: string;
  creatorId: string;
  currency: string;
  amountMinor: bigint;
  taxCountry: string | null;
  paidInYearMinor: bigint;
  formKind: "w9" | "w8ben" | null;
  formValidThrough: Date | null;
}

/**
 * The shop's facts the door reads: a caller that already holds the shop's row, current for this
 * request (the admin's cached shop, checked against its version), passes it and saves a read.
 */
export interface PayoutHoldsShop {
  id: string;
  billingCountryCode: string | null;
  timezone: string;
}

/**
 * The reasons each payout may not be paid now, by payout id (payouts with none are left out).
 * `which`: the given payouts, every open payout of the shop (ready, in review, failed), or the
 * payouts a run would create (by the candidates' keys: what its preview says would wait).
 */
export async function readPayoutHolds(
  client: Reader,
  shopOrId: string | PayoutHoldsShop,
  which: PayoutSelection,
): Promise<Map<string, PayoutHold[]>> {
  const shopId = typeof shopOrId === "string" ? shopOrId : shopOrId.id;
  const shop =
    typeof shopOrId === "string"
      ? await client.shop.findUniqueOrThrow({ where: { id: shopId }, select: { billingCountryCode: true, timezone: true } })
      : shopOrId;
  // US information reporting applies to US payers only (the shop's billing country from Shopify).
  const [taxFacts, approvalFacts] = await Promise.all([
    shop.billingCountryCode === "US" ? readTaxReportingFacts(client, shopId, shop.timezone, which) : new Map<string, PayoutTaxFacts>(),
    readSecondApprovalFacts(client, shopId, which),
  ]);
  const held = new Map<string, PayoutHold[]>();
  for (const id of new Set([...taxFacts.keys(), ...approvalFacts.keys()])) {
    const payout = taxFacts.get(id)?.payout ?? approvalFacts.get(id)!.payout;
    const holds = payoutHolds({
      payout,
      taxReporting: taxFacts.get(id)?.taxReporting ?? null,
      secondApproval: approvalFacts.get(id)?.secondApproval ?? null,
    });
    if (holds.length > 0) held.set(id, holds);
  }
  return held;
}

/** A payout a run would create (its preview): the door's answer before the payout exists. */
export interface PayoutCandidate {
  /** The caller's key for the answer (not a payout id). */
  key: string;
  creatorId: string;
  currency: string;
  amountMinor: number;
}

type PayoutSelection = { payoutIds: readonly string[] } | { open: true; creatorId?: string } | { candidates: readonly PayoutCandidate[] };

/** The selected payouts (id, creator, currency, amount) as a statement's first CTE, for both fact readers. */
function targetPayouts(shopId: string, which: PayoutSelection): Prisma.Sql {
  if ("candidates" in which) {
    const list = which.candidates;
    return Prisma.sql`
      SELECT t."id", t."creatorId", t."currency", t."amountMinor", NULL::text AS "createdBy"
        FROM unnest(${list.map((c) => c.key)}::text[], ${list.map((c) => c.creatorId)}::text[],
                    ${list.map((c) => c.currency)}::text[], ${list.map((c) => String(c.amountMinor))}::bigint[])
             AS t("id", "creatorId", "currency", "amountMinor")
       WHERE EXISTS (SELECT 1 FROM "Creator" c WHERE c."id" = t."creatorId" AND c."shopId" = ${shopId})`;
  }
  const ids = "payoutIds" in which ? [...which.payoutIds] : null;
  const creatorId = "open" in which ? (which.creatorId ?? null) : null;
  const itemsSum = Prisma.sql`(SELECT COALESCE(SUM(i."amountMinor"), 0) FROM "PayoutItem" i
             WHERE i."payoutId" = p."id" AND i."shopId" = p."shopId" AND i."state" = 'active')`;
  // Every open payout (the screens: Home, the deal page): a payout that is its creator's only one
  // holding items in its currency holds exactly the creator's kept in_payout balance (DOMAIN §4),
  // one key lookup instead of summing its items; summing every open payout's items read all of a
  // run's (1,000,000) on each Home load of a US shop. Given payouts (the payment's own check) sum.
  const amount = ids
    ? itemsSum
    : Prisma.sql`CASE WHEN (SELECT COUNT(*) FROM "Payout" q
             WHERE q."shopId" = p."shopId" AND q."creatorId" = p."creatorId" AND q."currency" = p."currency"
               AND q."status" = ANY(${[...PAYOUT_STATUSES_HOLDING_ITEMS]}::"PayoutStatus"[])) = 1
           THEN ${creatorAccountBalanceSql(shopId, Prisma.sql`p."creatorId"`, Prisma.sql`p."currency"`, "in_payout")}
           ELSE ${itemsSum} END`;
  return Prisma.sql`
    SELECT p."id", p."creatorId", p."currency", ${amount} AS "amountMinor",
           p."createdBy"
      FROM "Payout" p
     WHERE p."shopId" = ${shopId}
       AND ${
         ids
           ? // IN (unnest), not = ANY: PostgreSQL 18 costed "= ANY" as a skip scan of the (shop, createdAt, id)
             // index and read every payout of the shop (6–15 ms for the Payouts list's 50, at 10,000
             // payouts); the join probes the (shop, id) key once per id (0.4 ms).
             Prisma.sql`p."id" IN (SELECT unnest(${ids}::text[]))`
           : Prisma.sql`p."status" IN ('ready', 'pending_review', 'failed') AND (${creatorId}::text IS NULL OR p."creatorId" = ${creatorId})`
       }`;
}

interface PayoutTaxFacts {
  payout: { amountMinor: number; currency: string };
  taxReporting: TaxReportingFacts;
}

async function readTaxReportingFacts(
  client: Reader,
  shopId: string,
  timezone: string,
  which: PayoutSelection,
): Promise<Map<string, PayoutTaxFacts>> {
  const facts = new Map<string, PayoutTaxFacts>();
  const zone = shopZone(timezone);
  const today = todayInTimeZone(now(), zone);
  const year = Number(today.slice(0, 4));
  const rows = await client.$queryRaw<FactRow[]>(Prisma.sql`
    WITH target AS (${targetPayouts(shopId, which)}), paid AS (
      -- What each creator was paid (or is being paid) in USD this calendar year, on every rail:
      -- by the payment date an offline payout records, else the day it was claimed (shop zone).
      SELECT p."creatorId", SUM(i."amountMinor") AS "paidInYearMinor"
        FROM "Payout" p
        JOIN "PayoutItem" i ON i."payoutId" = p."id" AND i."shopId" = p."shopId" AND i."state" = 'active'
       WHERE p."shopId" = ${shopId}
         AND p."currency" = ${REPORTING_CURRENCY}
         AND p."status" IN ('processing', 'paid')
         AND p."creatorId" IN (SELECT "creatorId" FROM target)
         AND p."id" NOT IN (SELECT "id" FROM target)
         AND EXTRACT(YEAR FROM COALESCE(p."paidOn", (p."processedAt" AT TIME ZONE 'UTC' AT TIME ZONE ${zone})::date)) = ${year}
       GROUP BY p."creatorId"
    )
    SELECT t."id", t."creatorId", t."currency", t."amountMinor", c."taxCountry",
           COALESCE(paid."paidInYearMinor", 0) AS "paidInYearMinor",
           f."kind"::text AS "formKind", f."validThrough" AS "formValidThrough"
      FROM target t
      JOIN "Creator" c ON c."id" = t."creatorId" AND c."shopId" = ${shopId}
      LEFT JOIN paid ON paid."creatorId" = t."creatorId"
      LEFT JOIN "TaxForm" f ON f."creatorId" = t."creatorId" AND f."shopId" = ${shopId} AND f."supersededAt" IS NULL`);
  for (const row of rows) {
    const validThrough = row.formValidThrough ? row.formValidThrough.toISOString().slice(0, 10) : null;
    const validW9OnFile = row.formKind === "w9";
    const validW8benOnFile = row.formKind === "w8ben" && isFormValidOn({ kind: "w8ben", validThrough }, today);
    // A US person: a W-9 says so; else unless a valid W-8BEN or the creator's country says otherwise
    // (an unknown country in a US shop is treated as US, so the form is asked for rather than missed).
    const payeeIsUsPerson = validW9OnFile || (!validW8benOnFile && (row.taxCountry === null || row.taxCountry.trim() === "US"));
    facts.set(row.id, {
      payout: { amountMinor: toMinorNumber(row.amountMinor), currency: row.currency },
      taxReporting: { year, payeeIsUsPerson, validW9OnFile, paidInYearMinor: toMinorNumber(row.paidInYearMinor) },
    });
  }
  return facts;
}

interface ApprovalFactRow {
  id: string;
  currency: string;
  amountMinor: bigint;
  thresholdMinor: bigint;
  initiatorIds: string[];
  approverId: string | null;
  approverName: string | null;
  approvedAmountMinor: bigint | null;
}

interface PayoutApprovalFacts {
  payout: { amountMinor: number; currency: string };
  secondApproval: SecondApprovalFacts;
}

/**
 * Two-person approval facts of the selected payouts whose currency has an approval amount set
 * (none set: an empty map, one cheap query). Who created or requested a payout: its `createdBy`,
 * the staff actor of its `payout.created` audit event, and whoever asked for it by a payout request.
 */
export async function readSecondApprovalFacts(
  client: Reader,
  shopId: string,
  which: PayoutSelection,
): Promise<Map<string, PayoutApprovalFacts>> {
  const facts = new Map<string, PayoutApprovalFacts>();
  const rows = await client.$queryRaw<ApprovalFactRow[]>(Prisma.sql`
    WITH target AS (${targetPayouts(shopId, which)})
    SELECT p."id", p."currency", t."amountMinor" AS "thresholdMinor", p."amountMinor",
           ARRAY(
             SELECT p."createdBy"
             UNION SELECT e."actorId" FROM "AuditEvent" e
              WHERE e."shopId" = ${shopId} AND e."subjectType" = 'payout' AND e."subjectId" = p."id"
                AND e."action" = 'payout.created' AND e."actorType" = 'staff' AND e."actorId" IS NOT NULL
             UNION SELECT r."requestedBy" FROM "PayoutRequest" r WHERE r."shopId" = ${shopId} AND r."payoutId" = p."id"
           ) AS "initiatorIds",
           a."approverId", a."approverName", a."amountMinor" AS "approvedAmountMinor"
      FROM target p
      JOIN "PayoutApprovalThreshold" t ON t."shopId" = ${shopId} AND t."currency" = p."currency"
      LEFT JOIN "PayoutApproval" a ON a."payoutId" = p."id" AND a."shopId" = ${shopId}`);
  for (const row of rows) {
    facts.set(row.id, {
      payout: { amountMinor: toMinorNumber(row.amountMinor), currency: row.currency },
      secondApproval: {
        thresholdMinor: toMinorNumber(row.thresholdMinor),
        initiatorIds: row.initiatorIds,
        approval:
          row.approverId === null
            ? null
            : { approverId: row.approverId, approverName: row.approverName, amountMinor: toMinorNumber(row.approvedAmountMinor) },
      },
    });
  }
  return facts;
}

/** Refuses (payout_held, 409) a payout the hold door holds; call it inside the payment's transaction. */
export async function assertPayoutMayBePaid(tx: DbTransaction, shopId: string, payout: { id: string; creatorId: string }): Promise<void> {
  // One payment of a creator at a time past this point, so two payouts claimed together cannot
  // both see the year's total without the other and cross the threshold unnoticed.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`payout-holds:${payout.creatorId}`}, 0))`;
  const holds = (await readPayoutHolds(tx, shopId, { payoutIds: [payout.id] })).get(payout.id) ?? [];
  if (holds.length > 0) {
    throw new DomainError("payout_held", holds.map((hold) => hold.sentence).join(" "), { holds: holds.map((hold) => hold.code) });
  }
}
