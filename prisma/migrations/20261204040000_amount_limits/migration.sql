-- The business maximum of one amount (app/domain/amount-limits.ts), as the last line of defence
-- behind the app's input checks: 10^11 minor units per amount; 10^13 per ledger entry, because an
-- entry that reserves, pays or cancels a payout carries the sum of its items.
--
-- NOT VALID: enforced for every row written from now on, without checking rows already written.
-- The ledger is append-only, so rows written before the cap (issue 11 §5: two adjustments near
-- 2^53) stay; the reads show them exactly instead of failing (app/ledger/to-minor-number.ts).
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_amountMinor_limit"
  CHECK ("amountMinor" BETWEEN -10000000000000 AND 10000000000000) NOT VALID;
ALTER TABLE "Adjustment" ADD CONSTRAINT "Adjustment_amountMinor_limit"
  CHECK ("amountMinor" BETWEEN -100000000000 AND 100000000000) NOT VALID;
ALTER TABLE "FixedFee" ADD CONSTRAINT "FixedFee_amountMinor_limit"
  CHECK ("amountMinor" BETWEEN -100000000000 AND 100000000000) NOT VALID;
ALTER TABLE "PayoutRequest" ADD CONSTRAINT "PayoutRequest_amountMinor_limit"
  CHECK ("amountMinor" BETWEEN -100000000000 AND 100000000000) NOT VALID;
ALTER TABLE "PayoutMinimum" ADD CONSTRAINT "PayoutMinimum_amountMinor_limit"
  CHECK ("amountMinor" BETWEEN -100000000000 AND 100000000000) NOT VALID;
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_budgetMinor_limit"
  CHECK ("budgetMinor" BETWEEN -100000000000 AND 100000000000) NOT VALID;
ALTER TABLE "CommissionPlan" ADD CONSTRAINT "CommissionPlan_flatAmountMinor_limit"
  CHECK ("flatAmountMinor" BETWEEN -100000000000 AND 100000000000) NOT VALID;
ALTER TABLE "CommissionPlanOverride" ADD CONSTRAINT "CommissionPlanOverride_flatAmountMinor_limit"
  CHECK ("flatAmountMinor" BETWEEN -100000000000 AND 100000000000) NOT VALID;
