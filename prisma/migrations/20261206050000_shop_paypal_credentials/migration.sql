-- PayPal Payouts credentials per shop (Settings): the client secret is sealed (AES-256-GCM, bound
-- to the shop row and column); the environment is "sandbox" or "live".
ALTER TABLE "Shop" ADD COLUMN "paypalClientId" TEXT,
ADD COLUMN "paypalClientSecretCiphertext" TEXT,
ADD COLUMN "paypalEnvironment" TEXT,
ADD COLUMN "paypalWebhookId" TEXT,
ADD COLUMN "paypalConnectedAt" TIMESTAMP(3),
ADD CONSTRAINT "Shop_paypalEnvironment_check" CHECK ("paypalEnvironment" IN ('sandbox', 'live')),
-- The three are saved and cleared together: a secret without its client id (or mode) is useless.
ADD CONSTRAINT "Shop_paypal_credentials_together_check" CHECK (
  ("paypalClientId" IS NULL) = ("paypalClientSecretCiphertext" IS NULL)
  AND ("paypalClientId" IS NULL) = ("paypalEnvironment" IS NULL)
);
