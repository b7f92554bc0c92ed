import { maskTaxId } from "../domain/mask-tax-id";
import { open, SecretBoxError } from "../lib/secret-box.server";
import { creatorTaxIdField } from "../lib/sealed-columns.server";

/** The creator's tax id on file, masked for the audit trail and the edit form; null when none. */
export function readMaskedTaxId(creator: { id: string; shopId: string; taxIdCiphertext: string | null }): string | null {
  if (!creator.taxIdCiphertext) return null;
  try {
    return maskTaxId(open(creator.taxIdCiphertext, creatorTaxIdField(creator)));
  } catch (error) {
    // An unreadable old value is still "one on file"; showing or saving must not fail over it.
    if (error instanceof SecretBoxError) return "••••";
    throw error;
  }
}
