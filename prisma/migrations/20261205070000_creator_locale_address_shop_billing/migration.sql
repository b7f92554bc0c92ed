-- Emails in the creator's language, and self-billing invoices that name both parties' addresses.
ALTER TABLE "Creator" ADD COLUMN "postalAddress" TEXT,
ADD COLUMN "locale" TEXT;

ALTER TABLE "Creator"
  ADD CONSTRAINT "Creator_locale_known" CHECK ("locale" IS NULL OR "locale" IN ('en', 'fr'));

ALTER TABLE "Shop" ADD COLUMN "legalName" TEXT,
ADD COLUMN "billingAddress" TEXT,
ADD COLUMN "billingCountryCode" CHAR(2);
