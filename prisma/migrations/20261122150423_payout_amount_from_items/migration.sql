-- AlterTable
ALTER TABLE "Payout" DROP COLUMN "amountMinor";

