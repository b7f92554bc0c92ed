-- CreateIndex
CREATE INDEX "Payout_shopId_createdAt_id_idx" ON "Payout"("shopId", "createdAt", "id");

