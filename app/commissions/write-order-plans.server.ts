// Writes the recompute plans of a batch of orders (plan-order-recompute.ts) in a few multi-row
// statements: one upsert of the order rows, one insert of the new commissions, the audit events,
// and every ledger transaction through the ledger's set-based door. Rare movements (a hold moved,
// a reversal, clawbacks and top-ups of approved commissions) add a statement each.
// Runs inside the batch's transaction, under the orders' locks; rows are written in key order, so
// two batches that share rows lock them in the same order.
import { Prisma } from "@prisma/client";
import { recordAuditEvents } from "../audit/record-audit-event.server";
import type { DbTransaction } from "../db.server";
import { postLedgerTransactions } from "../ledger/post-ledger-transactions.server";
import type { OrderRecomputePlan } from "./plan-order-recompute";

const iso = (date: Date | null) => (date === null ? null : date.toISOString());
const text = (value: bigint | null) => (value === null ? null : value.toString());
const byKey = <T>(rows: T[], key: (row: T) => string) => rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

export async function writeOrderPlans(tx: DbTransaction, plans: readonly OrderRecomputePlan[], at: Date): Promise<void> {
  if (plans.length === 0) return;
  await upsertOrderRows(tx, plans, at);

  const commissions = byKey(
    plans.flatMap((p) => (p.commissionInsert ? [p.commissionInsert] : [])),
    (c) => c.id,
  );
  if (commissions.length > 0) {
    // The plan snapshot is stored once per distinct plan (commission_plan_version: immutable,
    // content-addressed, tenant-scoped) and the commission keeps its version's id.
    const rows = JSON.stringify(commissions.map((c) => ({ ...c, holdUntil: iso(c.holdUntil), planSnapshot: c.planSnapshot })));
    await tx.$executeRaw(Prisma.sql`
      WITH c AS MATERIALIZED (
        SELECT * FROM jsonb_to_recordset(${rows}::jsonb) AS c("id" text, "shopId" text, "creatorId" text, "orderId" text, "status" text,
          "statusReason" text, "currency" text, "planSnapshot" jsonb, "holdUntil" text, "riskReview" text)
      ), versions AS MATERIALIZED (
        SELECT d."shopId", d."planSnapshot", commission_plan_version(d."shopId", d."planSnapshot") AS "planVersionId"
        FROM (SELECT DISTINCT c."shopId", c."planSnapshot" FROM c) d
      )
      INSERT INTO "Commission" ("id", "shopId", "creatorId", "orderId", "status", "statusReason", "currency", "planVersionId", "holdUntil",
        "riskReview", "updatedAt")
      SELECT c."id", c."shopId", c."creatorId", c."orderId", c."status"::"CommissionStatus", c."statusReason", c."currency",
        v."planVersionId", (c."holdUntil"::timestamptz AT TIME ZONE 'UTC'), c."riskReview"::"RiskReview",
        (${iso(at)}::timestamptz AT TIME ZONE 'UTC')
      FROM c JOIN versions v ON v."shopId" = c."shopId" AND v."planSnapshot" = c."planSnapshot"
      ORDER BY c."id"`);
  }
  // Risk signals of the commissions earned in this batch: one multi-row insert (issue 17 §2). A
  // creator's velocity spike is stored once per day and score (day-velocity-flag.ts; the caller
  // keeps the batch's first): the unique index skips one an earlier batch raised. "createdAt" is
  // the column's default, the transaction's start, as on the commissions: the Risk screen compares them.
  const riskFlags = byKey(
    plans.flatMap((p) => p.riskFlags),
    (f) => `${f.commissionId}\u0000${f.rule}`,
  );
  if (riskFlags.length > 0) {
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO "RiskFlag" ("shopId", "commissionId", "creatorId", "rule", "score", "sentence")
      SELECT f."shopId", f."commissionId", f."creatorId", f."rule", f."score", f."sentence"
      FROM jsonb_to_recordset(${JSON.stringify(riskFlags)}::jsonb) AS f("shopId" text, "commissionId" text, "creatorId" text,
        "rule" text, "score" int, "sentence" text)
      ON CONFLICT DO NOTHING`);
  }

  // Rare: a hold moved by a late paid version, a reversal in the hold.
  for (const update of plans.flatMap((p) => p.commissionUpdates)) {
    const { id, ...data } = update;
    await tx.commission.update({ where: { id }, data });
  }
  const clawbacks = plans.flatMap((p) => p.clawbacks);
  if (clawbacks.length > 0) await tx.clawback.createMany({ data: clawbacks });
  const payableItems = plans.flatMap((p) => p.payableItems);
  if (payableItems.length > 0) await tx.payableItem.createMany({ data: payableItems });

  await recordAuditEvents(
    tx,
    plans.flatMap((p) => p.audits),
  );
  // The batch's postings (one shop, all by Shopify) share one audit event that keeps each posting's
  // detail: one row and its index entries less per order (issue 16 §1; the export lists them apart).
  const postings = plans.flatMap((p) => p.postings);
  await postLedgerTransactions(tx, postings, { auditPerBatch: postings.length > 1 });
}

/** One INSERT … ON CONFLICT for every order row of the batch (new rows carry their new id). */
async function upsertOrderRows(tx: DbTransaction, plans: readonly OrderRecomputePlan[], at: Date) {
  const rows = JSON.stringify(
    byKey([...plans], (p) => `${p.orderRow.shopId}\u0000${p.orderRow.shopifyOrderId}`).map(
      ({ orderRow: { id, shopId, shopifyOrderId, data } }) => ({
        id,
        shopId,
        shopifyOrderId,
        ...data,
        subtotalMinor: text(data.subtotalMinor),
        eligibleMinor: text(data.eligibleMinor),
        refundedMinor: text(data.refundedMinor),
        presentmentTotalMinor: text(data.presentmentTotalMinor),
        orderedAt: iso(data.orderedAt),
        paidAt: iso(data.paidAt),
        cancelledAt: iso(data.cancelledAt),
        shopifyUpdatedAt: iso(data.shopifyUpdatedAt),
        // As text: stored in a json column as written (jsonb's text form would add a space per element).
        orderState: JSON.stringify(data.orderState),
      }),
    ),
  );
  const utc = (column: string) => Prisma.raw(`(o."${column}"::timestamptz AT TIME ZONE 'UTC')`);
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO "AttributedOrder" AS a ("id", "shopId", "shopifyOrderId", "orderName", "creatorId", "dealId", "attributionSource",
      "attributedCode", "referralLanding", "notEarningReason", "currency", "subtotalMinor", "eligibleMinor", "refundedMinor", "presentmentCurrency", "presentmentTotalMinor",
      "customerShopifyId", "customerEmail", "isNewCustomer", "isTest", "financialStatus", "orderedAt", "paidAt", "cancelledAt",
      "shopifyUpdatedAt", "orderState", "updatedAt")
    SELECT o."id", o."shopId", o."shopifyOrderId", o."orderName", o."creatorId", o."dealId", o."attributionSource"::"AttributionSource",
      o."attributedCode", o."referralLanding", o."notEarningReason", o."currency", o."subtotalMinor"::bigint, o."eligibleMinor"::bigint, o."refundedMinor"::bigint,
      o."presentmentCurrency", o."presentmentTotalMinor"::bigint, o."customerShopifyId", o."customerEmail", o."isNewCustomer",
      o."isTest", o."financialStatus", ${utc("orderedAt")}, ${utc("paidAt")}, ${utc("cancelledAt")}, ${utc("shopifyUpdatedAt")},
      o."orderState"::json, (${iso(at)}::timestamptz AT TIME ZONE 'UTC')
    FROM jsonb_to_recordset(${rows}::jsonb) AS o("id" text, "shopId" text, "shopifyOrderId" text, "orderName" text, "creatorId" text,
      "dealId" text, "attributionSource" text, "attributedCode" text, "referralLanding" boolean, "notEarningReason" text, "currency" text, "subtotalMinor" text, "eligibleMinor" text,
      "refundedMinor" text, "presentmentCurrency" text, "presentmentTotalMinor" text, "customerShopifyId" text, "customerEmail" text,
      "isNewCustomer" boolean, "isTest" boolean, "financialStatus" text, "orderedAt" text, "paidAt" text, "cancelledAt" text,
      "shopifyUpdatedAt" text, "orderState" text)
    ON CONFLICT ("shopId", "shopifyOrderId") DO UPDATE SET
      "orderName" = EXCLUDED."orderName", "creatorId" = EXCLUDED."creatorId", "dealId" = EXCLUDED."dealId",
      "attributionSource" = EXCLUDED."attributionSource", "attributedCode" = EXCLUDED."attributedCode",
      "referralLanding" = EXCLUDED."referralLanding", "notEarningReason" = EXCLUDED."notEarningReason",
      "currency" = EXCLUDED."currency", "subtotalMinor" = EXCLUDED."subtotalMinor", "eligibleMinor" = EXCLUDED."eligibleMinor",
      "refundedMinor" = EXCLUDED."refundedMinor", "presentmentCurrency" = EXCLUDED."presentmentCurrency",
      "presentmentTotalMinor" = EXCLUDED."presentmentTotalMinor", "customerShopifyId" = EXCLUDED."customerShopifyId",
      "customerEmail" = EXCLUDED."customerEmail", "isNewCustomer" = EXCLUDED."isNewCustomer", "isTest" = EXCLUDED."isTest",
      "financialStatus" = EXCLUDED."financialStatus", "orderedAt" = EXCLUDED."orderedAt", "paidAt" = EXCLUDED."paidAt",
      "cancelledAt" = EXCLUDED."cancelledAt", "shopifyUpdatedAt" = EXCLUDED."shopifyUpdatedAt", "orderState" = EXCLUDED."orderState",
      "updatedAt" = EXCLUDED."updatedAt"`);
}
