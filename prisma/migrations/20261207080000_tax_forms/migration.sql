-- CreateEnum
CREATE TYPE "TaxFormKind" AS ENUM ('w9', 'w8ben');

-- CreateEnum
CREATE TYPE "TaxFormSource" AS ENUM ('portal', 'paper');

-- CreateTable
CREATE TABLE "TaxForm" (
    "id" TEXT NOT NULL DEFAULT ('tf_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "shopId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "kind" "TaxFormKind" NOT NULL,
    "source" "TaxFormSource" NOT NULL,
    "legalName" TEXT NOT NULL,
    "businessName" TEXT,
    "taxClassification" TEXT,
    "addressLine" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "region" TEXT,
    "postalCode" TEXT,
    "country" CHAR(2) NOT NULL,
    "tinKind" TEXT,
    "tinCiphertext" TEXT,
    "citizenshipCountry" CHAR(2),
    "treatyCountry" CHAR(2),
    "treatyArticle" TEXT,
    "dateOfBirth" DATE,
    "signatureName" TEXT,
    "signedOn" DATE NOT NULL,
    "certifiedAt" TIMESTAMP(3) NOT NULL,
    "certifiedFromAddress" TEXT,
    "recordedBy" TEXT,
    "validThrough" DATE,
    "supersededAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TaxForm_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TaxForm_shopId_creatorId_createdAt_idx" ON "TaxForm"("shopId", "creatorId", "createdAt");

-- AddForeignKey
ALTER TABLE "TaxForm" ADD CONSTRAINT "TaxForm_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaxForm" ADD CONSTRAINT "TaxForm_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

