// The portal's "payout method" form, validated without I/O: which method, and the details it
// needs (an IBAN and BIC checked with ibantools, a PayPal email, or free-text instructions).
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from "ibantools";
import { z } from "zod";
import { DomainError } from "../../domain/errors";
import { summarizePayoutDetails, type PayoutDetailsForSummary } from "./payout-method-summary";

export interface PayoutMethodInput {
  method: string;
  paypalEmail?: string;
  accountHolder?: string;
  iban?: string;
  bic?: string;
  instructions?: string;
}

export interface ParsedPayoutMethod {
  details: PayoutDetailsForSummary;
  summary: string;
}

function invalid(fieldErrors: Record<string, string>): DomainError {
  const messages = Object.values(fieldErrors);
  return new DomainError("invalid_input", messages.length === 1 ? messages[0] : `Fix the ${messages.length} highlighted fields.`, {
    fieldErrors,
  });
}

const text = (value: string | undefined) => (value ?? "").trim();

/** Details ready to seal, with their masked summary, or invalid_input naming each field to fix. */
export function parsePayoutMethodInput(input: PayoutMethodInput): ParsedPayoutMethod {
  const method = text(input.method);
  switch (method) {
    case "paypal": {
      const email = text(input.paypalEmail).toLowerCase();
      if (!z.string().email().max(254).safeParse(email).success) {
        throw invalid({ paypalEmail: "Enter the email address of your PayPal account, like jane@example.com." });
      }
      return withSummary({ method, paypalEmail: email });
    }
    case "bank_transfer": {
      const fieldErrors: Record<string, string> = {};
      const accountHolder = text(input.accountHolder);
      if (!accountHolder) fieldErrors.accountHolder = "Enter the account holder's name as the bank knows it.";
      else if (accountHolder.length > 140) fieldErrors.accountHolder = "Keep the account holder's name under 140 characters.";
      const iban = electronicFormatIBAN(text(input.iban)) ?? "";
      if (!iban) fieldErrors.iban = "Enter your IBAN, like DE89 3704 0044 0532 0130 00.";
      else if (!isValidIBAN(iban))
        fieldErrors.iban = "This IBAN is not valid: check it for typos (it starts with a country code, like DE89…).";
      const bic = text(input.bic).replace(/\s+/g, "").toUpperCase();
      if (bic && !isValidBIC(bic))
        fieldErrors.bic = "This BIC is not valid: it has 8 or 11 characters, like COBADEFFXXX. Leave it empty if you do not know it.";
      if (Object.keys(fieldErrors).length > 0) throw invalid(fieldErrors);
      return withSummary({ method, accountHolder, iban, ...(bic ? { bic } : {}) });
    }
    case "other": {
      const instructions = text(input.instructions);
      if (!instructions) throw invalid({ instructions: "Tell the shop how to pay you." });
      if (instructions.length > 1000) throw invalid({ instructions: "Keep the instructions under 1,000 characters." });
      return withSummary({ method, instructions });
    }
    case "stripe":
      throw invalid({ method: "Stripe is set up with “Connect with Stripe”, not with this form." });
    default:
      throw invalid({ method: "Choose PayPal, bank transfer or another method." });
  }
}

function withSummary(details: PayoutDetailsForSummary): ParsedPayoutMethod {
  return { details, summary: summarizePayoutDetails(details) };
}
