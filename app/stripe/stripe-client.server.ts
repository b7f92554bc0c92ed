// One Stripe SDK client per secret key. No automatic network retries: a transfer is replayed by
// our own job retry / sweeper with the idempotency key stored before the call (pay-payout).
import Stripe from "stripe";
import { outsideServiceOverride } from "../lib/outside-service-origin.server";

/** Tests point the SDK at a local fake (tests/support/fake-stripe.ts); production refuses it. */
function apiOriginOverride(): { host: string; port: number; protocol: "http" | "https" } | Record<string, never> {
  const origin = outsideServiceOverride("STRIPE_API_ORIGIN");
  if (!origin) return {};
  const url = new URL(origin);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: Number(url.port || (protocol === "http" ? 80 : 443)), protocol };
}

const clients = new Map<string, Stripe>();

export function stripeClientFor(secretKey: string): Stripe {
  let client = clients.get(secretKey);
  if (!client) {
    client = new Stripe(secretKey, {
      maxNetworkRetries: 0,
      timeout: 30_000,
      telemetry: false,
      appInfo: { name: "Creator Payouts" },
      ...apiOriginOverride(),
    });
    clients.set(secretKey, client);
  }
  return client;
}

/** Webhook signature checks need no key; any client can verify. */
export function stripeWebhooks(): Stripe["webhooks"] {
  return stripeClientFor("sk_test_signature_checks_only").webhooks;
}
