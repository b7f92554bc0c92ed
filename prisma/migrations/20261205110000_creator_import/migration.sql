-- Creator imports (issue 14 §4): one row per uploaded file, with its progress.

-- CreateEnum
CREATE TYPE "CreatorImportStatus" AS ENUM ('running', 'completed', 'failed');

-- CreateTable
CREATE TABLE "CreatorImport" (
    "id" TEXT NOT NULL DEFAULT ('imp_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "status" "CreatorImportStatus" NOT NULL DEFAULT 'running',
    "fileName" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "preset" TEXT NOT NULL,
    "csvText" TEXT NOT NULL,
    "totalRows" INTEGER NOT NULL,
    "doneRows" INTEGER NOT NULL DEFAULT 0,
    "summary" JSONB,
    "error" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "CreatorImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CreatorImport_shopId_createdAt_idx" ON "CreatorImport"("shopId", "createdAt");

-- AddForeignKey
ALTER TABLE "CreatorImport" ADD CONSTRAINT "CreatorImport_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

