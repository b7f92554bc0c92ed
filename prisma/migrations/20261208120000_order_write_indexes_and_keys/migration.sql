-- Issue 16 §1 (WAL per delivery): what an order's write costs beyond its rows. Every index on a
-- table is one more B-tree entry (≈ 100 bytes of WAL, more after a checkpoint) for each row written,
-- and every foreign key one more lookup of its parent row, locked FOR KEY SHARE, per row. The
-- table of every index an order writes, with the query that needs it, is in README (Benchmarks,
-- "Issue 16 §1, WAL per delivery"). Kept: every unique index a money rule needs (one first
-- delivery per webhook id, one order row per Shopify order, one commission per order, one
-- ledger transaction per idempotency key, one risk flag per commission and rule).

-- "InboundEvent" --------------------------------------------------------------------------------
-- Nothing reads events by status and time any more (the drain claims through the partial
-- "InboundEvent_due_idx"); the first delivery of a (source, deliveryId) is found through the unique
-- "InboundEvent_first_delivery" (its predicate, status <> 'duplicate', is the lookup's).
DROP INDEX "InboundEvent_status_receivedAt_idx";
DROP INDEX "InboundEvent_source_deliveryId_idx";
-- ("shopId", "receivedAt") served two reads: a shop's last Stripe event (Settings) and a shop's
-- deferred events (given back to the queue when the shop reinstalls). Two partial indexes hold
-- only those rows; an order event (the bulk) is in neither.
DROP INDEX "InboundEvent_shopId_receivedAt_idx";
CREATE INDEX "InboundEvent_stripe_idx" ON "InboundEvent" ("shopId", "receivedAt") WHERE "source" = 'stripe';
CREATE INDEX "InboundEvent_deferred_idx" ON "InboundEvent" ("shopId") WHERE "status" = 'deferred';
-- shopId on an event is a note of the shop the domain named when it arrived, not a key: each
-- recorded delivery checked it (a KEY SHARE lock on the shop's one row from every concurrent
-- webhook request, a new MultiXact each), and its cascade deleted nothing that redact_shop()
-- does not already delete by domain. An event recorded while its shop is being redacted keeps a
-- stale shopId; it is worked by domain (the shop is gone: rejected) like any other.
ALTER TABLE "InboundEvent" DROP CONSTRAINT "InboundEvent_shopId_fkey";

-- "AttributedOrder" -----------------------------------------------------------------------------
-- Same key as "AttributedOrder_report_idx" ("shopId", "orderedAt") INCLUDE (…), which serves every
-- query this one did.
DROP INDEX "AttributedOrder_shopId_orderedAt_idx";

-- "CommissionCost" ------------------------------------------------------------------------------
-- Its only reader was the trigger that follows an order's creator, deal and date; it now finds the
-- order's commission by "Commission_orderId_key" and the costs by the primary key's prefix.
CREATE OR REPLACE FUNCTION "report_commission_cost_on_order"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "CommissionCost" SET "creatorId" = NEW."creatorId", "dealId" = NEW."dealId", "orderedAt" = NEW."orderedAt"
  WHERE "commissionId" = (SELECT cm."id" FROM "Commission" cm WHERE cm."orderId" = NEW."id");
  RETURN NULL;
END $$;
DROP INDEX "CommissionCost_orderId_idx";

-- Foreign keys to "Shop" on the order path's high-volume child rows -----------------------------
-- Each one is a lookup of the shop's row FOR KEY SHARE per row written (16 per order before). Kept
-- where the row has no other parent (AttributedOrder, LedgerTransaction, AuditEvent) or where the
-- shop deletion's cascade must reach it directly: "Commission" and "LedgerEntry" carry a
-- (shopId, creatorId) key to "Creator" that is NO ACTION (tenant scoping), so they must be gone
-- before the shop's creators are, which only their own cascade from "Shop" guarantees (without it
-- redact_shop() fails on "LedgerEntry_shop_creator_fkey"). Dropped where the row's own parent
-- already ties it to the shop and deletes it with the shop (ON DELETE CASCADE through that parent),
-- and nothing on the row refers to a creator:
--   "RiskFlag"       → "Commission" (commissionId) → "Shop";
--   "CommissionCost" → "Commission" (commissionId), same chain; its "ReportMonth" trigger already
--                      ignores rows of a shop being deleted.
ALTER TABLE "RiskFlag" DROP CONSTRAINT "RiskFlag_shopId_fkey";
ALTER TABLE "CommissionCost" DROP CONSTRAINT "CommissionCost_shopId_fkey";
