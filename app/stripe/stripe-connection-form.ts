// The Settings form for connecting Stripe: shapes only (the key is then checked live). Pure.
import { z } from "zod";

export const stripeConnectionForm = z.object({
  secretKey: z
    .string()
    .trim()
    .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, "Enter a Stripe secret key (sk_live_… / sk_test_…) or restricted key (rk_…)."),
  platformWebhookSecret: z
    .string()
    .trim()
    .regex(/^whsec_[A-Za-z0-9]+$/, "Enter the signing secret (whsec_…) of the platform events endpoint."),
  connectWebhookSecret: z
    .string()
    .trim()
    .regex(/^whsec_[A-Za-z0-9]+$/, "Enter the signing secret (whsec_…) of the Connect events endpoint."),
});

export type StripeConnectionInput = z.infer<typeof stripeConnectionForm>;

/** What Settings may show of a key: its kind and mode and last four characters, never the key. */
export function keyHint(secretKey: string): string {
  return `${secretKey.slice(0, secretKey.indexOf("_", 3) + 1)}…${secretKey.slice(-4)}`;
}
