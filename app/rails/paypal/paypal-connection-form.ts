// The Settings form for connecting PayPal Payouts: shapes only (the credentials are then checked
// live with a token request). Pure.
import { z } from "zod";

// PayPal's REST app credentials are long base64url-like strings (about 80 characters).
const credential = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${what} of your PayPal REST app (developer.paypal.com → Apps & Credentials).`)
    .regex(/^[A-Za-z0-9_-]{8,200}$/, `That is not a PayPal ${what}: copy it again from developer.paypal.com → Apps & Credentials.`);

export const payPalConnectionForm = z.object({
  environment: z.enum(["sandbox", "live"], {
    errorMap: () => ({ message: "Choose Sandbox (test payouts) or Live (real money)." }),
  }),
  clientId: credential("client id"),
  clientSecret: credential("secret"),
  webhookId: z
    .string()
    .trim()
    .regex(/^([A-Za-z0-9]{1,50})?$/, "Enter the webhook's id as PayPal shows it (letters and digits), or leave it empty.")
    .optional()
    .transform((id) => id || null),
});

export type PayPalConnectionInput = z.infer<typeof payPalConnectionForm>;

/** What Settings may show of a client id: its first six and last four characters. */
export function clientIdHint(clientId: string): string {
  return clientId.length <= 12 ? `${clientId.slice(0, 2)}…` : `${clientId.slice(0, 6)}…${clientId.slice(-4)}`;
}
