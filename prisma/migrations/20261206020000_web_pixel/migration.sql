-- Web Pixel (issue 14 §3): pixel events stored once by event id, the pixel's activation state on
-- the shop, and "pixel" as an attribution source.

-- CreateEnum
CREATE TYPE "PixelEventKind" AS ENUM ('landing', 'checkout');

-- AlterEnum
ALTER TYPE "AttributionSource" ADD VALUE 'pixel';

-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "storefrontHost" TEXT,
ADD COLUMN     "webPixelCheckedAt" TIMESTAMP(3),
ADD COLUMN     "webPixelError" TEXT,
ADD COLUMN     "webPixelId" TEXT;

-- CreateTable
CREATE TABLE "PixelEvent" (
    "id" TEXT NOT NULL DEFAULT ('pxe_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "kind" "PixelEventKind" NOT NULL,
    "referralCode" TEXT NOT NULL,
    "shopifyOrderId" TEXT,
    "visitorHash" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PixelEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PixelEvent_shopId_shopifyOrderId_idx" ON "PixelEvent"("shopId", "shopifyOrderId");

-- CreateIndex
CREATE UNIQUE INDEX "PixelEvent_shopId_eventId_key" ON "PixelEvent"("shopId", "eventId");

-- AddForeignKey
ALTER TABLE "PixelEvent" ADD CONSTRAINT "PixelEvent_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

