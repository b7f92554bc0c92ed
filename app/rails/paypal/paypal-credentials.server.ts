// A shop's PayPal Payouts credentials, from its sealed columns (Settings), and the client that
// uses them. The secret never leaves the server; it is opened only to call PayPal.
import { db } from "~/db.server";
import { DomainError } from "~/domain/errors";
import { outsideServiceOverride } from "~/lib/outside-service-origin.server";
import { shopSecretField } from "~/lib/sealed-columns.server";
import { open } from "~/lib/secret-box.server";
import { createPayPalClient, type PayPalClient, type PayPalEnvironment } from "./paypal-client.server";

export interface PayPalCredentials {
  environment: PayPalEnvironment;
  clientId: string;
  clientSecret: string;
  /** The PayPal webhook whose deliveries are verified (null: no webhook set up; poll only). */
  webhookId: string | null;
}

/** Tests point the client at a local fake (tests/support/fake-paypal.ts); production refuses it. */
function apiOriginOverride(): string | undefined {
  return outsideServiceOverride("PAYPAL_API_ORIGIN") ?? undefined;
}

export function payPalClientFor(credentials: Pick<PayPalCredentials, "environment" | "clientId" | "clientSecret">): PayPalClient {
  return createPayPalClient({ ...credentials, apiOrigin: apiOriginOverride() });
}

export async function readPayPalCredentials(shopId: string): Promise<PayPalCredentials | null> {
  const shop = await db().shop.findUnique({
    where: { id: shopId },
    select: { id: true, paypalClientId: true, paypalClientSecretCiphertext: true, paypalEnvironment: true, paypalWebhookId: true },
  });
  if (!shop?.paypalClientId || !shop.paypalClientSecretCiphertext || !shop.paypalEnvironment) return null;
  return {
    environment: shop.paypalEnvironment === "live" ? "live" : "sandbox",
    clientId: shop.paypalClientId,
    clientSecret: open(shop.paypalClientSecretCiphertext, shopSecretField(shop.id, "paypalClientSecretCiphertext")),
    webhookId: shop.paypalWebhookId,
  };
}

export function payPalNotConnected(): DomainError {
  return new DomainError("paypal_not_connected", "PayPal is not connected for this shop. Connect PayPal Payouts in Settings first.", {});
}

/** The client for the shop's own PayPal account; refuses (DomainError) when PayPal is not connected. */
export async function payPalClientForShop(shopId: string): Promise<{ client: PayPalClient; credentials: PayPalCredentials }> {
  const credentials = await readPayPalCredentials(shopId);
  if (!credentials) throw payPalNotConnected();
  return { client: payPalClientFor(credentials), credentials };
}
