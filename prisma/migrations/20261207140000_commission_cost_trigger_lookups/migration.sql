-- "CommissionCost"'s statement trigger without function-level join settings.
--
-- 20261207050000 turned hash and merge joins off for the whole trigger function so that a batch's
-- few entries were joined to their transactions, commissions and orders by primary key. A SET on a
-- function also holds for every statement it fires, so "ReportMonth"'s trigger on "CommissionCost"
-- ran with the same settings, and a statement posting many commissions at once (a backfill, an
-- import, the benchmarks' seeds) became quadratic: 5,000 commissions took 2.1 s, 10,000 took 7 s.
-- The per-row primary-key lookups are now kept by the subquery itself: OFFSET 0 stops the planner
-- from flattening the LATERAL subquery into a join it could plan over whole tables, so it runs once
-- per transaction of the statement, through the primary keys, whatever the settings; the planner
-- is otherwise left alone.
CREATE OR REPLACE FUNCTION "report_commission_cost_on_expenses"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A posting without a commission's expense entry (payouts, fees, releases) writes nothing, so
  -- "ReportMonth"'s trigger on "CommissionCost" does not fire for it either.
  IF NOT EXISTS (SELECT 1 FROM posted_expense_entries e WHERE e."account" = 'expense') THEN
    RETURN NULL;
  END IF;
  INSERT INTO "CommissionCost" ("commissionId", "currency", "shopId", "orderId", "creatorId", "dealId", "orderedAt", "amountMinor")
  SELECT c."commissionId", e."currency", c."shopId", c."orderId", c."creatorId", c."dealId", c."orderedAt", SUM(e."costMinor")::bigint
  FROM (
    SELECT x."transactionId", x."currency", -SUM(x."amountMinor") AS "costMinor"
    FROM posted_expense_entries x WHERE x."account" = 'expense'
    GROUP BY x."transactionId", x."currency"
  ) e
  CROSS JOIN LATERAL (
    SELECT cm."id" AS "commissionId", cm."shopId", o."id" AS "orderId", o."creatorId", o."dealId", o."orderedAt"
    FROM "LedgerTransaction" t
    JOIN "Commission" cm ON cm."id" = t."subjectId" AND cm."shopId" = t."shopId"
    JOIN "AttributedOrder" o ON o."id" = cm."orderId"
    WHERE t."id" = e."transactionId" AND t."subjectType" = 'commission'
    OFFSET 0
  ) c
  GROUP BY c."commissionId", e."currency", c."shopId", c."orderId", c."creatorId", c."dealId", c."orderedAt"
  ORDER BY c."commissionId", e."currency"
  ON CONFLICT ("commissionId", "currency")
  DO UPDATE SET "amountMinor" = "CommissionCost"."amountMinor" + EXCLUDED."amountMinor";
  RETURN NULL;
END $$;
