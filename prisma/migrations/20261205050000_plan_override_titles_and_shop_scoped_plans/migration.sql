-- The plan editor shows each product or collection override by the title the resource picker
-- returned (null for ids typed by hand); the engine still matches by id.
ALTER TABLE "CommissionPlanOverride" ADD COLUMN "title" TEXT;

-- A creator, deal or fee may only point at a plan or campaign of its own shop: shop-scoped
-- foreign keys on top of the plain ones (like the money rows in the first migration). NOT VALID:
-- rows written before are not re-checked; every new or changed row is.
CREATE UNIQUE INDEX "CommissionPlan_shopId_id_key" ON "CommissionPlan" ("shopId", "id");
CREATE UNIQUE INDEX "Campaign_shopId_id_key" ON "Campaign" ("shopId", "id");
ALTER TABLE "Creator" ADD CONSTRAINT "Creator_shop_commission_plan_fkey"
  FOREIGN KEY ("shopId", "commissionPlanId") REFERENCES "CommissionPlan" ("shopId", "id") ON DELETE NO ACTION NOT VALID;
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_shop_commission_plan_fkey"
  FOREIGN KEY ("shopId", "commissionPlanId") REFERENCES "CommissionPlan" ("shopId", "id") ON DELETE NO ACTION NOT VALID;
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_shop_campaign_fkey"
  FOREIGN KEY ("shopId", "campaignId") REFERENCES "Campaign" ("shopId", "id") ON DELETE NO ACTION NOT VALID;
ALTER TABLE "FixedFee" ADD CONSTRAINT "FixedFee_shop_campaign_fkey"
  FOREIGN KEY ("shopId", "campaignId") REFERENCES "Campaign" ("shopId", "id") ON DELETE NO ACTION NOT VALID;
