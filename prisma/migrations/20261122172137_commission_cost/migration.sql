-- CreateTable
CREATE TABLE "CommissionCost" (
    "commissionId" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "shopId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "creatorId" TEXT,
    "dealId" TEXT,
    "orderedAt" TIMESTAMP(3) NOT NULL,
    "amountMinor" BIGINT NOT NULL,

    CONSTRAINT "CommissionCost_pkey" PRIMARY KEY ("commissionId","currency")
);

-- CreateIndex
CREATE INDEX "CommissionCost_orderId_idx" ON "CommissionCost"("orderId");


-- Hand-written ---------------------------------------------------------------------------------

ALTER TABLE "CommissionCost" ADD CONSTRAINT "CommissionCost_shopId_fkey"
  FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CommissionCost" ADD CONSTRAINT "CommissionCost_commissionId_fkey"
  FOREIGN KEY ("commissionId") REFERENCES "Commission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A period's commission cost with every column the report groups by (index-only scan).
CREATE INDEX "CommissionCost_report_idx" ON "CommissionCost" ("shopId", "orderedAt")
  INCLUDE ("creatorId", "dealId", "currency", "amountMinor");

-- An expense movement of a commission (earn, recompute, reverse, reject, clawback, top-up) adds
-- its cost; ledger entries are immutable, so inserts are the only change to follow. AFTER ROW
-- triggers fire at the end of the statement, so the transaction row posted by the same
-- statement (post-ledger-transaction.server.ts) is visible here.
CREATE FUNCTION "report_commission_cost_on_expense"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CommissionCost" ("commissionId", "currency", "shopId", "orderId", "creatorId", "dealId", "orderedAt", "amountMinor")
  SELECT cm."id", NEW."currency", cm."shopId", o."id", o."creatorId", o."dealId", o."orderedAt", -NEW."amountMinor"
  FROM "LedgerTransaction" t
  JOIN "Commission" cm ON cm."id" = t."subjectId" AND cm."shopId" = t."shopId"
  JOIN "AttributedOrder" o ON o."id" = cm."orderId"
  WHERE t."id" = NEW."transactionId" AND t."subjectType" = 'commission'
  ON CONFLICT ("commissionId", "currency")
  DO UPDATE SET "amountMinor" = "CommissionCost"."amountMinor" + EXCLUDED."amountMinor";
  RETURN NULL;
END $$;

CREATE TRIGGER "report_commission_cost" AFTER INSERT ON "LedgerEntry"
  FOR EACH ROW WHEN (NEW."account" = 'expense') EXECUTE FUNCTION "report_commission_cost_on_expense"();

-- The report groups commission cost by the order's creator, deal and date: follow their changes.
CREATE FUNCTION "report_commission_cost_on_order"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "CommissionCost" SET "creatorId" = NEW."creatorId", "dealId" = NEW."dealId", "orderedAt" = NEW."orderedAt"
  WHERE "orderId" = NEW."id";
  RETURN NULL;
END $$;

CREATE TRIGGER "report_commission_cost_order" AFTER UPDATE OF "creatorId", "dealId", "orderedAt" ON "AttributedOrder"
  FOR EACH ROW WHEN (OLD."creatorId" IS DISTINCT FROM NEW."creatorId" OR OLD."dealId" IS DISTINCT FROM NEW."dealId" OR OLD."orderedAt" IS DISTINCT FROM NEW."orderedAt")
  EXECUTE FUNCTION "report_commission_cost_on_order"();

-- Existing installations: fill it from the ledger (the same statement as rebuildCommissionCosts).
INSERT INTO "CommissionCost" ("commissionId", "currency", "shopId", "orderId", "creatorId", "dealId", "orderedAt", "amountMinor")
SELECT cm."id", e."currency", cm."shopId", o."id", o."creatorId", o."dealId", o."orderedAt", -SUM(e."amountMinor")
FROM "Commission" cm
JOIN "AttributedOrder" o ON o."id" = cm."orderId"
JOIN "LedgerTransaction" t ON t."shopId" = cm."shopId" AND t."subjectType" = 'commission' AND t."subjectId" = cm."id"
JOIN "LedgerEntry" e ON e."transactionId" = t."id" AND e."account" = 'expense'
GROUP BY cm."id", e."currency", cm."shopId", o."id";
