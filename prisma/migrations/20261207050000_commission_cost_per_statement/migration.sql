-- Issue 16 §1: "CommissionCost" follows the ledger per statement, not per row.
--
-- The row-level trigger ran one INSERT … ON CONFLICT per expense entry, and each of those fired
-- "ReportMonth"'s statement-level trigger (a dynamic statement, planned every time): a set-based
-- batch of N orders paid 2·N trigger statements. This trigger reads the statement's new entries
-- as a transition table and upserts each commission's cost once, in key order (two concurrent
-- postings lock the rows in the same order), so "ReportMonth" follows once per posting statement.
-- The sums are the same: the cost of a commission in a currency is still the negated sum of its
-- expense entries (rebuildCommissionCosts and report_month_from_base are unchanged).
DROP TRIGGER "report_commission_cost" ON "LedgerEntry";
DROP FUNCTION "report_commission_cost_on_expense"();

-- The transition table has no statistics, and left to itself the planner joined a batch's entries
-- to whole "LedgerTransaction", "Commission" and "AttributedOrder" tables (pg_stat_statements:
-- ≈ 250 ms for a 200-order batch). The entries are summed per transaction first, and each
-- transaction's commission and order are read through their primary keys (LATERAL).
CREATE FUNCTION "report_commission_cost_on_expenses"() RETURNS trigger LANGUAGE plpgsql
SET enable_hashjoin = off SET enable_mergejoin = off AS $$
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
  ) c
  GROUP BY c."commissionId", e."currency", c."shopId", c."orderId", c."creatorId", c."dealId", c."orderedAt"
  ORDER BY c."commissionId", e."currency"
  ON CONFLICT ("commissionId", "currency")
  DO UPDATE SET "amountMinor" = "CommissionCost"."amountMinor" + EXCLUDED."amountMinor";
  RETURN NULL;
END $$;

CREATE TRIGGER "report_commission_cost" AFTER INSERT ON "LedgerEntry"
  REFERENCING NEW TABLE AS posted_expense_entries
  FOR EACH STATEMENT EXECUTE FUNCTION "report_commission_cost_on_expenses"();
