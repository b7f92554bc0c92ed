-- CreateTable
CREATE TABLE "PayoutApprovalThreshold" (
    "shopId" TEXT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "amountMinor" BIGINT NOT NULL,

    CONSTRAINT "PayoutApprovalThreshold_pkey" PRIMARY KEY ("shopId","currency")
);

-- CreateTable
CREATE TABLE "PayoutApprover" (
    "shopId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "addedBy" TEXT NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PayoutApprover_pkey" PRIMARY KEY ("shopId","staffId")
);

-- CreateTable
CREATE TABLE "PayoutApproval" (
    "payoutId" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "approverId" TEXT NOT NULL,
    "approverName" TEXT,
    "approverEmail" TEXT,
    "amountMinor" BIGINT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "approvedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PayoutApproval_pkey" PRIMARY KEY ("payoutId")
);

-- CreateIndex
CREATE INDEX "PayoutApproval_shopId_idx" ON "PayoutApproval"("shopId");

-- AddForeignKey
ALTER TABLE "PayoutApprovalThreshold" ADD CONSTRAINT "PayoutApprovalThreshold_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutApprover" ADD CONSTRAINT "PayoutApprover_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutApproval" ADD CONSTRAINT "PayoutApproval_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutApproval" ADD CONSTRAINT "PayoutApproval_payoutId_fkey" FOREIGN KEY ("payoutId") REFERENCES "Payout"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A threshold is a positive amount within the app's maximum (MAX_AMOUNT_MINOR, app/domain/amount-limits.ts).
ALTER TABLE "PayoutApprovalThreshold" ADD CONSTRAINT "PayoutApprovalThreshold_amount_range"
  CHECK ("amountMinor" > 0 AND "amountMinor" <= 100000000000);
