// The creator's W-9 or W-8BEN from the portal, and the merchant's record of one received on paper.
import type { Actor } from "../audit/actor";
import { db } from "../db.server";
import { withTransaction } from "../db/transaction.server";
import { isCalendarDate, todayInTimeZone } from "../domain/calendar";
import { DomainError } from "../domain/errors";
import { invalidInput } from "../forms/field-errors";
import { parseForm } from "../forms/parse-form";
import { now } from "../lib/clock.server";
import { saveTaxForm, type TaxFormData } from "./save-tax-form.server";
import { w8benSchema, w9Schema } from "./tax-form-schema";

type FormInput = Record<string, unknown>;

function parseTaxForm(input: FormInput): TaxFormData {
  if (input.kind === "w9") return { kind: "w9", ...parseForm(w9Schema, input) };
  if (input.kind === "w8ben") return { kind: "w8ben", ...parseForm(w8benSchema, input) };
  throw invalidInput({ kind: "Choose the form: W-9 (US persons) or W-8BEN (people outside the US)." });
}

async function shopToday(shopId: string): Promise<string> {
  const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId }, select: { timezone: true } });
  return todayInTimeZone(now(), shop.timezone);
}

/** The creator certifies a form in the portal: checkbox, typed signature, time and address. */
export async function submitTaxFormAsCreator(shopId: string, creatorId: string, input: FormInput, fromAddress: string) {
  const form = parseTaxForm(input);
  const signedOn = await shopToday(shopId);
  return withTransaction("short", (tx) =>
    saveTaxForm(tx, shopId, creatorId, form, {
      source: "portal",
      signedOn,
      certifiedAt: now(),
      fromAddress,
      actor: { type: "creator", id: creatorId },
    }),
  );
}

/** The merchant received a signed form on paper and records what it says (deal page, audited). */
export async function recordPaperTaxForm(shopId: string, creatorId: string, input: FormInput, actor: Actor) {
  const today = await shopToday(shopId);
  const signedOn = typeof input.signedOn === "string" ? input.signedOn.trim() : "";
  const creator = await db().creator.findFirst({ where: { id: creatorId, shopId }, select: { id: true } });
  if (!creator) throw new DomainError("not_found", "This creator does not exist in this shop.");
  // The signature is on the paper: the form's name stands for it.
  const form = parseTaxForm({ ...input, certify: "on", signature: input.legalName });
  if (!isCalendarDate(signedOn) || signedOn > today) {
    throw invalidInput({ signedOn: "Enter the date the form was signed (YYYY-MM-DD, not in the future)." });
  }
  return withTransaction("short", (tx) =>
    saveTaxForm(tx, shopId, creatorId, form, { source: "paper", signedOn, certifiedAt: now(), fromAddress: null, actor }),
  );
}
