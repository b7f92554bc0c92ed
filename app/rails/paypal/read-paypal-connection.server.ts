// What Settings shows about the shop's PayPal Payouts connection: mode, a client id hint and the
// webhook id. The secret is never read here.
import type { Shop } from "@prisma/client";
import { clientIdHint } from "./paypal-connection-form";

export interface PayPalConnectionView {
  connected: boolean;
  environment: "sandbox" | "live" | null;
  clientIdHint: string | null;
  webhookId: string | null;
  connectedAt: string | null;
}

export function readPayPalConnection(shop: Shop): PayPalConnectionView {
  const connected = Boolean(shop.paypalClientId && shop.paypalClientSecretCiphertext);
  return {
    connected,
    environment: connected ? (shop.paypalEnvironment === "live" ? "live" : "sandbox") : null,
    clientIdHint: connected ? clientIdHint(shop.paypalClientId!) : null,
    webhookId: connected ? shop.paypalWebhookId : null,
    connectedAt: connected ? (shop.paypalConnectedAt?.toISOString() ?? null) : null,
  };
}
