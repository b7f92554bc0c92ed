// The VAT treatment a self-billing invoice states. Pure. A creator in one EU member state who
// supplies a business (the shop) in another does not charge VAT: the shop accounts for it (the
// reverse charge of Article 196 of Directive 2006/112/EC), and the invoice must say so
// (Article 226(11a)). Anything else — same country, outside the EU, a country unknown — states
// nothing: the app does not guess a VAT rate or a registration.

/** The 27 EU member states by ISO 3166-1 code (Greece is GR here; its VAT prefix is EL). */
export const EU_MEMBER_STATES: ReadonlySet<string> = new Set([
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
  "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
]); // prettier-ignore

export const REVERSE_CHARGE_NOTE = "Reverse charge: VAT to be accounted for by the recipient, Article 196 Directive 2006/112/EC";

export type VatTreatment = { kind: "reverse_charge"; note: string } | { kind: "none" };

const country = (code: string | null | undefined) => code?.trim().toUpperCase() || null;

/** Reverse charge when the creator (supplier) and the shop (recipient) are in different EU member states. */
export function vatTreatment(input: { creatorCountry: string | null; shopCountry: string | null }): VatTreatment {
  const supplier = country(input.creatorCountry);
  const recipient = country(input.shopCountry);
  if (!supplier || !recipient || supplier === recipient) return { kind: "none" };
  if (!EU_MEMBER_STATES.has(supplier) || !EU_MEMBER_STATES.has(recipient)) return { kind: "none" };
  return { kind: "reverse_charge", note: REVERSE_CHARGE_NOTE };
}
