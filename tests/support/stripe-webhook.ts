// Signs Stripe webhook deliveries the way Stripe does (Stripe-Signature: t=…,v1=…).
import { randomBytes } from "node:crypto";
import Stripe from "stripe";

const signer = new Stripe("sk_test_signer_only");

export function stripeEvent(type: string, object: Record<string, unknown>, extra: { account?: string; created?: number } = {}) {
  return {
    id: `evt_${randomBytes(8).toString("hex")}`,
    object: "event",
    api_version: "2025-01-27.acacia",
    created: extra.created ?? Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
    ...(extra.account ? { account: extra.account } : {}),
  };
}

export function deliverStripeEvent(
  baseUrl: string,
  shopId: string,
  endpoint: "platform" | "connect",
  event: object,
  signing: { secret: string; timestamp?: number; forge?: boolean },
) {
  const payload = JSON.stringify(event);
  let header = signer.webhooks.generateTestHeaderString({ payload, secret: signing.secret, timestamp: signing.timestamp });
  if (signing.forge) header = header.replace(/v1=([0-9a-f])/, (_, c: string) => `v1=${c === "0" ? "1" : "0"}`);
  return fetch(new URL(`/webhooks/stripe/${shopId}/${endpoint}`, baseUrl), {
    method: "POST",
    headers: { "Content-Type": "application/json", "Stripe-Signature": header },
    body: payload,
  });
}

/** The Stripe-Signature header for `payload` exactly as given (any text, not only an event). */
export function signedStripeHeader(payload: string, secret: string, timestamp?: number): string {
  return signer.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}
