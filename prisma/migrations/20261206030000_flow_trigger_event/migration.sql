-- Shopify Flow triggers (issue 14 §5): one row per business event the app reports to Flow.

-- CreateEnum
CREATE TYPE "FlowTriggerStatus" AS ENUM ('pending', 'sent', 'refused', 'failed');

-- CreateTable
CREATE TABLE "FlowTriggerEvent" (
    "id" TEXT NOT NULL DEFAULT ('flw_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "FlowTriggerStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "FlowTriggerEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FlowTriggerEvent_shopId_eventKey_key" ON "FlowTriggerEvent"("shopId", "eventKey");

-- CreateIndex
CREATE INDEX "FlowTriggerEvent_shopId_createdAt_idx" ON "FlowTriggerEvent"("shopId", "createdAt");

-- AddForeignKey
ALTER TABLE "FlowTriggerEvent" ADD CONSTRAINT "FlowTriggerEvent_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;
