-- Form 1099-NEC box 6 (issue 17): the shop's payer id per state, typed in Settings.
-- CreateTable
CREATE TABLE "PayerStateId" (
    "shopId" TEXT NOT NULL,
    "state" VARCHAR(2) NOT NULL,
    "idNumber" TEXT NOT NULL,

    CONSTRAINT "PayerStateId_pkey" PRIMARY KEY ("shopId","state")
);

-- AddForeignKey
ALTER TABLE "PayerStateId" ADD CONSTRAINT "PayerStateId_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;
