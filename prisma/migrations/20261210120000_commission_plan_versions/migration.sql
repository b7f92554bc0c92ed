-- Issue 16 §1 (WAL per delivery): a commission's plan snapshot is a reference to an immutable,
-- content-addressed version of the shop's plans, written once per distinct plan, instead of a
-- copy of the plan (≈ 0.3 KiB of WAL) in every commission row. The snapshot stays exact: the
-- version's id is the address of its content, and a version is never updated.

CREATE TABLE "CommissionPlanVersion" (
    "shopId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "snapshot" JSONB NOT NULL,

    CONSTRAINT "CommissionPlanVersion_pkey" PRIMARY KEY ("shopId","id")
);

ALTER TABLE "CommissionPlanVersion" ADD CONSTRAINT "CommissionPlanVersion_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The content's address: jsonb's text form is canonical (keys sorted, no duplicates, one
-- spelling of each value), so equal snapshots get one id and one row per shop.
CREATE FUNCTION commission_plan_version_id(snapshot jsonb) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT 'pv_' || md5(snapshot::text) $$;

-- The version of a snapshot, written when it is new; its id. Refuses (rather than sharing a row)
-- if the address is already taken by other content, so a commission always reads back exactly the
-- snapshot it was computed with. Callers with many commissions call it once per distinct snapshot.
CREATE FUNCTION commission_plan_version(shop_id text, snapshot jsonb) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  version_id text := commission_plan_version_id(snapshot);
  stored jsonb;
BEGIN
  INSERT INTO "CommissionPlanVersion" ("shopId", "id", "snapshot") VALUES (shop_id, version_id, snapshot)
    ON CONFLICT ("shopId", "id") DO NOTHING;
  SELECT v."snapshot" INTO stored FROM "CommissionPlanVersion" v WHERE v."shopId" = shop_id AND v."id" = version_id;
  IF stored IS DISTINCT FROM snapshot THEN
    RAISE EXCEPTION 'commission_plan_version: % of shop % holds another snapshot', version_id, shop_id;
  END IF;
  RETURN version_id;
END $$;

-- Immutable: no UPDATE; DELETE only inside redact_shop() (the shop's cascade).
CREATE TRIGGER "CommissionPlanVersion_append_only" BEFORE UPDATE OR DELETE ON "CommissionPlanVersion"
  FOR EACH ROW EXECUTE FUNCTION append_only_guard();
REVOKE UPDATE, DELETE, TRUNCATE ON "CommissionPlanVersion" FROM creator_payouts_runtime;

-- Existing commissions: their snapshots become versions (one per distinct snapshot and shop).
INSERT INTO "CommissionPlanVersion" ("shopId", "id", "snapshot")
SELECT DISTINCT c."shopId", commission_plan_version_id(c."planSnapshot"), c."planSnapshot" FROM "Commission" c;

ALTER TABLE "Commission" ADD COLUMN "planVersionId" TEXT;
UPDATE "Commission" SET "planVersionId" = commission_plan_version_id("planSnapshot");
ALTER TABLE "Commission" ALTER COLUMN "planVersionId" SET NOT NULL, DROP COLUMN "planSnapshot";

-- Tenant-scoped: a commission reads a version of its own shop only.
ALTER TABLE "Commission" ADD CONSTRAINT "Commission_shopId_planVersionId_fkey" FOREIGN KEY ("shopId", "planVersionId") REFERENCES "CommissionPlanVersion"("shopId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;
GRANT EXECUTE ON FUNCTION commission_plan_version_id(jsonb) TO creator_payouts_runtime;
GRANT EXECUTE ON FUNCTION commission_plan_version(text, jsonb) TO creator_payouts_runtime;
