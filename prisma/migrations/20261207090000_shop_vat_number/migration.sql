-- The store's VAT number (Settings): the buyer's VAT id on reverse-charge e-invoices.
ALTER TABLE "Shop" ADD COLUMN "vatNumber" TEXT;
