// A creator's offline payout details, sealed at rest (app/lib/secret-box.server.ts).
import { z } from "zod";
import { creatorPayoutDetailsField } from "../lib/sealed-columns.server";
import { open, seal, type SealedField } from "../lib/secret-box.server";

export const payoutDetailsSchema = z.discriminatedUnion("method", [
  z.object({ method: z.literal("paypal"), paypalEmail: z.string().email() }),
  z.object({ method: z.literal("bank_transfer"), accountHolder: z.string().min(1), iban: z.string().min(15), bic: z.string().optional() }),
  z.object({ method: z.literal("other"), instructions: z.string().min(1) }),
]);

export type PayoutDetails = z.infer<typeof payoutDetailsSchema>;

export function sealPayoutDetails(details: PayoutDetails, field: SealedField): string {
  return seal(JSON.stringify(payoutDetailsSchema.parse(details)), field);
}

export function openPayoutDetailsAt(sealed: string, field: SealedField): PayoutDetails {
  return payoutDetailsSchema.parse(JSON.parse(open(sealed, field)));
}

/** The creator's details, or null when none are on file. */
export function openPayoutDetails(creator: { id: string; shopId: string; payoutDetailsCiphertext: string | null }): PayoutDetails | null {
  if (!creator.payoutDetailsCiphertext) return null;
  return openPayoutDetailsAt(creator.payoutDetailsCiphertext, creatorPayoutDetailsField(creator));
}
