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

-- The transition table has no statistics: left to itself the planner hashes whole "LedgerTransaction",
-- "Commission" and "AttributedOrder" tables to join a batch of entries (measured: ≈ 235 ms for a
-- 200-order batch). Nested loops over their primary keys read only the rows the entries name.
CREATE FUNCTION "report_commission_cost_on_expenses"() RETURNS trigger LANGUAGE plpgsql
SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
  -- A posting without a commission's expense entry (payouts, fees, releases) writes nothing, so
  -- "ReportMonth"'s trigger on "CommissionCost" does not fire for it either.
  IF NOT EXISTS (SELECT 1 FROM posted_expense_entries e WHERE e."account" = 'expense') THEN
    RETURN NULL;
  END IF;
  INSERT INTO "CommissionCost" ("commissionId", "currency", "shopId", "orderId", "creatorId", "dealId", "orderedAt", "amountMinor")
  SELECT cm."id", e."currency", cm."shopId", o."id", o."creatorId", o."dealId", o."orderedAt", -SUM(e."amountMinor")::bigint
  FROM posted_expense_entries e
  JOIN "LedgerTransaction" t ON t."id" = e."transactionId" AND t."shopId" = e."shopId"
  JOIN "Commission" cm ON cm."id" = t."subjectId" AND cm."shopId" = t."shopId"
  JOIN "AttributedOrder" o ON o."id" = cm."orderId"
  WHERE e."account" = 'expense' AND t."subjectType" = 'commission'
  GROUP BY cm."id", e."currency", cm."shopId", o."id"
  ORDER BY cm."id", e."currency"
  ON CONFLICT ("commissionId", "currency")
  DO UPDATE SET "amountMinor" = "CommissionCost"."amountMinor" + EXCLUDED."amountMinor";
  RETURN NULL;
END $$;

CREATE TRIGGER "report_commission_cost" AFTER INSERT ON "LedgerEntry"
  REFERENCING NEW TABLE AS posted_expense_entries
  FOR EACH STATEMENT EXECUTE FUNCTION "report_commission_cost_on_expenses"();
