-- CreateTable
CREATE TABLE "CustomerDataRequest" (
    "id" TEXT NOT NULL DEFAULT ('cdr_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "shopifyRequestId" TEXT,
    "shopifyCustomerId" TEXT,
    "email" TEXT,
    "report" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerDataRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CustomerDataRequest_shopId_createdAt_idx" ON "CustomerDataRequest"("shopId", "createdAt");

-- AddForeignKey
ALTER TABLE "CustomerDataRequest" ADD CONSTRAINT "CustomerDataRequest_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

