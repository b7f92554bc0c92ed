-- Issue 16 §3, fifth pass: "ReportCreatorMonth", "ReportMonth" summed over deals per shop, month,
-- creator and currency, with the clicks in the shop-currency row (click rows carry no money; in
-- "ReportMonth" they are rows of their own, currency ''). The Reports table grouped by creator
-- with no campaign or creator filter reads its whole months from here: one row per creator and
-- month (30,000 for a 90-day period at 10,000 creators) instead of a money row per deal and a
-- click row (60,000) into the statement's one aggregate.
--
-- Kept by the same trigger statement as "ReportMonth" and "ReportDay", from the same per-statement
-- sums, in the writing transaction, rows upserted in key order. Per creator and month, so not
-- shop-wide: no stripes. A change of the shop's time zone or currency (which row holds the
-- clicks) recomputes the shop's rows.
CREATE TABLE "ReportCreatorMonth" (
  "shopId"                TEXT       NOT NULL,
  "month"                 DATE       NOT NULL,
  "creatorId"             TEXT       NOT NULL,
  "currency"              VARCHAR(3) NOT NULL,
  "orders"                BIGINT     NOT NULL DEFAULT 0,
  "newCustomerOrders"     BIGINT     NOT NULL DEFAULT 0,
  "revenueMinor"          BIGINT     NOT NULL DEFAULT 0,
  "paidOrders"            BIGINT     NOT NULL DEFAULT 0,
  "paidNewCustomerOrders" BIGINT     NOT NULL DEFAULT 0,
  "paidRevenueMinor"      BIGINT     NOT NULL DEFAULT 0,
  "commissionCosts"       BIGINT     NOT NULL DEFAULT 0,
  "commissionMinor"       BIGINT     NOT NULL DEFAULT 0,
  "clicks"                BIGINT     NOT NULL DEFAULT 0,
  CONSTRAINT "ReportCreatorMonth_pkey" PRIMARY KEY ("shopId", "month", "creatorId", "currency"),
  CONSTRAINT "ReportCreatorMonth_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Month rows (of "ReportMonth"'s shape, in relation `rel`, with the shop's currency in `zones`)
-- summed per creator row: deals merged, clicks ('' currency) into the shop's currency; rows that
-- net to zero left out.
CREATE FUNCTION "report_creator_month_sum"(rel text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
SELECT format($q$
  SELECT m."shopId", m."month", m."creatorId", (CASE WHEN m."currency" = '' THEN z."currency" ELSE m."currency" END)::varchar(3) AS "currency",
    SUM(m."orders")::bigint AS "orders", SUM(m."newCustomerOrders")::bigint AS "newCustomerOrders",
    SUM(m."revenueMinor")::bigint AS "revenueMinor", SUM(m."paidOrders")::bigint AS "paidOrders",
    SUM(m."paidNewCustomerOrders")::bigint AS "paidNewCustomerOrders", SUM(m."paidRevenueMinor")::bigint AS "paidRevenueMinor",
    SUM(m."commissionCosts")::bigint AS "commissionCosts", SUM(m."commissionMinor")::bigint AS "commissionMinor",
    SUM(m."clicks")::bigint AS "clicks"
  FROM %1$s m JOIN zones z ON z."id" = m."shopId"
  GROUP BY 1, 2, 3, 4
  HAVING SUM(m."orders") <> 0 OR SUM(m."newCustomerOrders") <> 0 OR SUM(m."revenueMinor") <> 0
    OR SUM(m."paidOrders") <> 0 OR SUM(m."paidNewCustomerOrders") <> 0 OR SUM(m."paidRevenueMinor") <> 0
    OR SUM(m."commissionCosts") <> 0 OR SUM(m."commissionMinor") <> 0 OR SUM(m."clicks") <> 0$q$, rel)
$f$;

-- The shop's rows recomputed from the base tables (through "report_month_from_base"): the
-- comparison and the rebuild in app/reports/report-months.server.ts.
CREATE FUNCTION "report_creator_month_from_base"(shop text) RETURNS SETOF "ReportCreatorMonth" LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY EXECUTE format($q$
    WITH zones AS MATERIALIZED (SELECT s."id", s."currency" FROM "Shop" s WHERE s."id" = $1)
    %s$q$, "report_creator_month_sum"('"report_month_from_base"($1)'))
  USING shop;
END $$;

-- The shop's rows summed from its stored "ReportMonth" rows (the backfill below, and a change of
-- time zone or currency, after "ReportMonth" itself is recomputed).
CREATE FUNCTION "report_creator_month_from_months"(shop text) RETURNS SETOF "ReportCreatorMonth" LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY EXECUTE format($q$
    WITH zones AS MATERIALIZED (SELECT s."id", s."currency" FROM "Shop" s WHERE s."id" = $1),
    months AS (SELECT * FROM "ReportMonth" r WHERE r."shopId" = $1)
    %s$q$, "report_creator_month_sum"('months'))
  USING shop;
END $$;

-- The report keeper of 20261209180000: the statement's month sums are computed once
-- (MATERIALIZED) and upserted into "ReportMonth" and, summed per creator, "ReportCreatorMonth";
-- orders and commission costs also into "ReportDay", all in one statement.
CREATE OR REPLACE FUNCTION "report_month_on_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS "change", n.* FROM new_rows n'
    WHEN 'DELETE' THEN 'SELECT -1 AS "change", d.* FROM old_rows d'
    ELSE 'SELECT 1 AS "change", n.* FROM new_rows n UNION ALL SELECT -1, d.* FROM old_rows d' END;
  contributions text := CASE TG_TABLE_NAME
    WHEN 'AttributedOrder' THEN "report_month_order_rows"('src')
    WHEN 'CommissionCost' THEN "report_month_cost_rows"('src')
    ELSE "report_month_click_rows"('src') END;
  head text;
BEGIN
  -- A shop being deleted is no longer in "Shop": its rows contribute nothing (no zone to join).
  head := format($q$
    WITH src AS (%s),
    zones AS MATERIALIZED (SELECT s."id", "report_zone"(s."timezone") AS "zone", s."currency" FROM "Shop" s WHERE s."id" IN (SELECT "shopId" FROM src)),
    sums AS MATERIALIZED (%s),
    months AS (
      INSERT INTO "ReportMonth" AS r
      SELECT d.* FROM sums d
      WHERE EXISTS (SELECT 1 FROM "Shop" s WHERE s."id" = d."shopId")
      ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT ("shopId", "month", "creatorId", "dealId", "currency") DO UPDATE SET
        "orders" = r."orders" + EXCLUDED."orders",
        "newCustomerOrders" = r."newCustomerOrders" + EXCLUDED."newCustomerOrders",
        "revenueMinor" = r."revenueMinor" + EXCLUDED."revenueMinor",
        "paidOrders" = r."paidOrders" + EXCLUDED."paidOrders",
        "paidNewCustomerOrders" = r."paidNewCustomerOrders" + EXCLUDED."paidNewCustomerOrders",
        "paidRevenueMinor" = r."paidRevenueMinor" + EXCLUDED."paidRevenueMinor",
        "commissionCosts" = r."commissionCosts" + EXCLUDED."commissionCosts",
        "commissionMinor" = r."commissionMinor" + EXCLUDED."commissionMinor",
        "clicks" = r."clicks" + EXCLUDED."clicks"
    ),
    creators AS (
      INSERT INTO "ReportCreatorMonth" AS r
      SELECT d.* FROM (%s) d
      ORDER BY 1, 2, 3, 4
      ON CONFLICT ("shopId", "month", "creatorId", "currency") DO UPDATE SET
        "orders" = r."orders" + EXCLUDED."orders",
        "newCustomerOrders" = r."newCustomerOrders" + EXCLUDED."newCustomerOrders",
        "revenueMinor" = r."revenueMinor" + EXCLUDED."revenueMinor",
        "paidOrders" = r."paidOrders" + EXCLUDED."paidOrders",
        "paidNewCustomerOrders" = r."paidNewCustomerOrders" + EXCLUDED."paidNewCustomerOrders",
        "paidRevenueMinor" = r."paidRevenueMinor" + EXCLUDED."paidRevenueMinor",
        "commissionCosts" = r."commissionCosts" + EXCLUDED."commissionCosts",
        "commissionMinor" = r."commissionMinor" + EXCLUDED."commissionMinor",
        "clicks" = r."clicks" + EXCLUDED."clicks"
    )$q$,
    changed, "report_month_sum"(contributions), "report_creator_month_sum"('sums'));
  IF TG_TABLE_NAME = 'ReferralClick' THEN
    -- Clicks carry no money: no day rows (the data-modifying CTEs above run all the same).
    EXECUTE head || ' SELECT 1';
  ELSE
    EXECUTE head || format($q$
    INSERT INTO "ReportDay" AS r
    SELECT d.* FROM (%s) d
    WHERE EXISTS (SELECT 1 FROM "Shop" s WHERE s."id" = d."shopId")
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ("shopId", "day", "currency", "stripe") DO UPDATE SET
      "revenueMinor" = r."revenueMinor" + EXCLUDED."revenueMinor",
      "paidRevenueMinor" = r."paidRevenueMinor" + EXCLUDED."paidRevenueMinor",
      "commissionMinor" = r."commissionMinor" + EXCLUDED."commissionMinor"$q$,
      "report_day_sum"("report_day_rows"(TG_TABLE_NAME, 'src'), 'writer_stripe()'));
  END IF;
  RETURN NULL;
END $$;

-- A new time zone moves day and month boundaries: the shop's rows of all three are recomputed.
CREATE OR REPLACE FUNCTION "report_month_on_shop_zone"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ReportMonth" WHERE "shopId" = NEW."id";
  INSERT INTO "ReportMonth" SELECT * FROM "report_month_from_base"(NEW."id");
  DELETE FROM "ReportDay" WHERE "shopId" = NEW."id";
  INSERT INTO "ReportDay" SELECT * FROM "report_day_from_base"(NEW."id");
  DELETE FROM "ReportCreatorMonth" WHERE "shopId" = NEW."id";
  INSERT INTO "ReportCreatorMonth" SELECT * FROM "report_creator_month_from_months"(NEW."id");
  RETURN NULL;
END $$;

-- A new shop currency moves the clicks to the new currency's row: the shop's creator rows are
-- summed again from its month rows (they do not depend on the currency).
CREATE FUNCTION "report_creator_month_on_shop_currency"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ReportCreatorMonth" WHERE "shopId" = NEW."id";
  INSERT INTO "ReportCreatorMonth" SELECT * FROM "report_creator_month_from_months"(NEW."id");
  RETURN NULL;
END $$;

CREATE TRIGGER "report_creator_month_shop_currency" AFTER UPDATE OF "currency" ON "Shop"
  FOR EACH ROW WHEN (OLD."currency" IS DISTINCT FROM NEW."currency") EXECUTE FUNCTION "report_creator_month_on_shop_currency"();

-- Existing installations: sum it from "ReportMonth" (kept equal to its recompute), in key order,
-- so a period's months are a few adjacent pages (as rows appended month by month would be), not
-- rows spread over the whole table by the aggregate's hash order.
INSERT INTO "ReportCreatorMonth" SELECT m.* FROM "Shop" s CROSS JOIN LATERAL "report_creator_month_from_months"(s."id") m ORDER BY 1, 2, 3, 4;
