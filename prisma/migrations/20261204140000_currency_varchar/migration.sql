-- Currency columns become varchar(3) instead of char(3): a char column hands back values the
-- application had to .trim(), and compares blank-padded. Every currency is an ISO 4217 code,
-- three upper-case letters, now checked by the database on every table (LedgerEntry already was).
-- Primary keys and indexes on these columns are rebuilt by ALTER TYPE itself.

ALTER TABLE "Shop"
  ALTER COLUMN "currency" SET DATA TYPE VARCHAR(3) USING trim("currency");

ALTER TABLE "PayoutMinimum"
  ALTER COLUMN "currency" SET DATA TYPE VARCHAR(3) USING trim("currency");

ALTER TABLE "CreatorBalanceLock"
  ALTER COLUMN "currency" SET DATA TYPE VARCHAR(3) USING trim("currency");

ALTER TABLE "Campaign"
  ALTER COLUMN "currency" SET DATA TYPE VARCHAR(3) USING trim("currency");

ALTER TABLE "CommissionPlan"
  ALTER COLUMN "flatCurrency" SET DATA TYPE VARCHAR(3) USING trim("flatCurrency");

ALTER TABLE "AttributedOrder"
  ALTER COLUMN "currency" SET DATA TYPE VARCHAR(3) USING trim("currency"),
  ALTER COLUMN "presentmentCurrency" SET DATA TYPE VARCHAR(3) USING trim("presentmentCurrency");

ALTER TABLE "Commission"
  ALTER COLUMN "currency" SET DATA TYPE VARCHAR(3) USING trim("currency");

ALTER TABLE "FixedFee"
  ALTER COLUMN "currency" SET DATA TYPE VARCHAR(3) USING trim("currency");

ALTER TABLE "Adjustment"
  ALTER COLUMN "currency" SET DATA TYPE VARCHAR(3) USING trim("currency");

ALTER TABLE "Clawback"
  ALTER COLUMN "currency" SET DATA TYPE VARCHAR(3) USING trim("currency");

ALTER TABLE "PayableItem"
  ALTER COLUMN "currency" SET DATA TYPE VARCHAR(3) USING trim("currency");

ALTER TABLE "PayoutRequest"
  ALTER COLUMN "currency" SET DATA TYPE VARCHAR(3) USING trim("currency");

ALTER TABLE "Payout"
  ALTER COLUMN "currency" SET DATA TYPE VARCHAR(3) USING trim("currency");

ALTER TABLE "PayoutItem"
  ALTER COLUMN "currency" SET DATA TYPE VARCHAR(3) USING trim("currency");

ALTER TABLE "LedgerEntry"
  ALTER COLUMN "currency" SET DATA TYPE VARCHAR(3) USING trim("currency");

ALTER TABLE "CreatorBankPayout"
  ALTER COLUMN "currency" SET DATA TYPE VARCHAR(3) USING trim("currency");

ALTER TABLE "CommissionCost"
  ALTER COLUMN "currency" SET DATA TYPE VARCHAR(3) USING trim("currency");


ALTER TABLE "Shop"
  ADD CONSTRAINT "Shop_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');

ALTER TABLE "PayoutMinimum"
  ADD CONSTRAINT "PayoutMinimum_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');

ALTER TABLE "CreatorBalanceLock"
  ADD CONSTRAINT "CreatorBalanceLock_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');

ALTER TABLE "Campaign"
  ADD CONSTRAINT "Campaign_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');

ALTER TABLE "CommissionPlan"
  ADD CONSTRAINT "CommissionPlan_flatCurrency_iso" CHECK ("flatCurrency" ~ '^[A-Z]{3}$');

ALTER TABLE "AttributedOrder"
  ADD CONSTRAINT "AttributedOrder_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$'),
  ADD CONSTRAINT "AttributedOrder_presentmentCurrency_iso" CHECK ("presentmentCurrency" ~ '^[A-Z]{3}$');

ALTER TABLE "Commission"
  ADD CONSTRAINT "Commission_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');

ALTER TABLE "FixedFee"
  ADD CONSTRAINT "FixedFee_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');

ALTER TABLE "Adjustment"
  ADD CONSTRAINT "Adjustment_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');

ALTER TABLE "Clawback"
  ADD CONSTRAINT "Clawback_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');

ALTER TABLE "PayableItem"
  ADD CONSTRAINT "PayableItem_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');

ALTER TABLE "PayoutRequest"
  ADD CONSTRAINT "PayoutRequest_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');

ALTER TABLE "Payout"
  ADD CONSTRAINT "Payout_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');

ALTER TABLE "PayoutItem"
  ADD CONSTRAINT "PayoutItem_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');

ALTER TABLE "CreatorBankPayout"
  ADD CONSTRAINT "CreatorBankPayout_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');

ALTER TABLE "CommissionCost"
  ADD CONSTRAINT "CommissionCost_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');
