-- Discount codes the app creates in Shopify (or links): the discount's id and its last known state.
ALTER TABLE "DiscountCode" ADD COLUMN "shopifyDiscountId" TEXT,
ADD COLUMN "shopifyDeactivatedAt" TIMESTAMP(3),
ADD COLUMN "shopifyState" TEXT,
ADD COLUMN "shopifyCheckedAt" TIMESTAMP(3);
