-- DropIndex
DROP INDEX "PayoutRequest_payoutId_key";

-- AlterTable
ALTER TABLE "PayoutRun" ADD COLUMN     "requestKey" TEXT;

-- CreateIndex
CREATE INDEX "PayoutRequest_payoutId_idx" ON "PayoutRequest"("payoutId");

-- CreateIndex
CREATE UNIQUE INDEX "PayoutRun_shopId_requestKey_key" ON "PayoutRun"("shopId", "requestKey");

