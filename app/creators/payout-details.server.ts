// A creator's offline payout details, sealed at rest (app/lib/secret-box.server.ts).
import { z } from "zod";
import { open, seal } from "../lib/secret-box.server";

export const payoutDetailsSchema = z.discriminatedUnion("method", [
  z.object({ method: z.literal("paypal"), paypalEmail: z.string().email() }),
  z.object({ method: z.literal("bank_transfer"), accountHolder: z.string().min(1), iban: z.string().min(15), bic: z.string().optional() }),
  z.object({ method: z.literal("other"), instructions: z.string().min(1) }),
]);

export type PayoutDetails = z.infer<typeof payoutDetailsSchema>;

export function sealPayoutDetails(details: PayoutDetails, shopId: string): string {
  return seal(JSON.stringify(payoutDetailsSchema.parse(details)), shopId);
}

/** The creator's details, or null when none are on file. */
export function openPayoutDetails(creator: { shopId: string; payoutDetailsCiphertext: string | null }): PayoutDetails | null {
  if (!creator.payoutDetailsCiphertext) return null;
  return payoutDetailsSchema.parse(JSON.parse(open(creator.payoutDetailsCiphertext, creator.shopId)));
}
