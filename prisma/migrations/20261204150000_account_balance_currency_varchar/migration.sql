-- AccountBalance (20261204100000) was written beside the varchar(3) change (20261204140000) and
-- still had char(3): its currency follows every other currency column.
ALTER TABLE "AccountBalance"
  ALTER COLUMN "currency" SET DATA TYPE VARCHAR(3) USING trim("currency");

ALTER TABLE "AccountBalance"
  ADD CONSTRAINT "AccountBalance_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');
