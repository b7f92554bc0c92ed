-- Default terms of the creator codes the app creates in Shopify (Settings; a creator's form may override them).
ALTER TABLE "Shop" ADD COLUMN "discountValueKind" TEXT NOT NULL DEFAULT 'percentage',
ADD COLUMN "discountPercentBasisPoints" INTEGER NOT NULL DEFAULT 1000,
ADD COLUMN "discountAmountMinor" BIGINT,
ADD COLUMN "discountMinimumSubtotalMinor" BIGINT,
ADD COLUMN "discountOncePerCustomer" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN "discountCombinesWithOrder" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "discountCombinesWithProduct" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "discountCombinesWithShipping" BOOLEAN NOT NULL DEFAULT true;
