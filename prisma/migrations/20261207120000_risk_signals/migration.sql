-- CreateEnum
CREATE TYPE "RiskReview" AS ENUM ('pending', 'approved', 'rejected');

-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "couponSites" TEXT[] DEFAULT ARRAY['retailmenot.com', 'joinhoney.com', 'honey.io', 'couponfollow.com', 'knoji.com', 'dealspotr.com', 'wethrift.com', 'couponbirds.com', 'slickdeals.net', 'coupons.com']::TEXT[],
ADD COLUMN     "riskReviewScore" INTEGER NOT NULL DEFAULT 50;

-- AlterTable
ALTER TABLE "Commission" ADD COLUMN     "riskReview" "RiskReview";

-- AlterTable
ALTER TABLE "Creator" ADD COLUMN     "payoutDetailsFingerprint" TEXT;

-- CreateIndex
CREATE INDEX "Creator_shopId_payoutDetailsFingerprint_idx" ON "Creator"("shopId", "payoutDetailsFingerprint");

-- CreateTable
CREATE TABLE "RiskFlag" (
    "id" TEXT NOT NULL DEFAULT ('rk_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "commissionId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "sentence" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskFlag_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RiskFlag_shopId_creatorId_idx" ON "RiskFlag"("shopId", "creatorId");

-- CreateIndex
CREATE UNIQUE INDEX "RiskFlag_commissionId_rule_key" ON "RiskFlag"("commissionId", "rule");

-- AddForeignKey
ALTER TABLE "RiskFlag" ADD CONSTRAINT "RiskFlag_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskFlag" ADD CONSTRAINT "RiskFlag_commissionId_fkey" FOREIGN KEY ("commissionId") REFERENCES "Commission"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: the review level is a score between 1 and 100.
ALTER TABLE "Shop" ADD CONSTRAINT "Shop_riskReviewScore_range" CHECK ("riskReviewScore" BETWEEN 1 AND 100);
