// The W-9 and W-8BEN as the portal (and the merchant's "received on paper") submit them. Every
// refusal names its field and says what to fix; the TIN is checked in format by app/domain/tax/tin.ts.
import { z } from "zod";
import { isCalendarDate } from "../domain/calendar";
import { isCountryCode } from "../domain/countries";
import { checkTin, type TinKind } from "../domain/tax/tin";

export const TAX_CLASSIFICATIONS = {
  individual: "Individual/sole proprietor or single-member LLC",
  c_corporation: "C corporation",
  s_corporation: "S corporation",
  partnership: "Partnership",
  trust_estate: "Trust/estate",
  llc_c: "LLC taxed as a C corporation",
  llc_s: "LLC taxed as an S corporation",
  llc_p: "LLC taxed as a partnership",
  other: "Other",
} as const;

export type TaxClassification = keyof typeof TAX_CLASSIFICATIONS;

const text = (label: string, max = 200) =>
  z
    .string({ required_error: `Enter ${label}.`, invalid_type_error: `Enter ${label}.` })
    .trim()
    .min(1, `Enter ${label}.`)
    .max(max, `Keep ${label} under ${max} characters.`);
const optionalText = (label: string, max = 200) =>
  z
    .string()
    .trim()
    .max(max, `Keep ${label} under ${max} characters.`)
    .optional()
    .transform((value) => value || null);
const country = (label: string) =>
  z
    .string({ required_error: `Choose ${label}.` })
    .trim()
    .toUpperCase()
    .refine(isCountryCode, `Choose ${label} from the list.`);
const sameName = (a: string, b: string) => a.replace(/\s+/g, " ").trim().toLowerCase() === b.replace(/\s+/g, " ").trim().toLowerCase();

// Checked in the forms' superRefine (with the signature), so every field's sentence shows at once.
const certification = {
  certify: z.string().optional(),
  signature: z.string().trim().max(200, "Keep your signature under 200 characters.").optional().default(""),
};
const CERTIFY_SENTENCE = "Tick the box to certify that the information is correct.";

function checkCertification(form: { certify?: string; signature: string; legalName: string }, ctx: z.RefinementCtx) {
  if (form.certify !== "on") ctx.addIssue({ code: "custom", path: ["certify"], message: CERTIFY_SENTENCE });
  if (!form.signature) ctx.addIssue({ code: "custom", path: ["signature"], message: "Type your name to sign." });
  else if (!sameName(form.signature, form.legalName)) {
    ctx.addIssue({ code: "custom", path: ["signature"], message: "Type your name exactly as in “Name” to sign." });
  }
}

const address = {
  addressLine: text("the street address"),
  city: text("the city"),
  region: optionalText("the state or region", 100),
  postalCode: optionalText("the postal code", 20),
};

export const w9Schema = z
  .object({
    legalName: text("the name on your tax return"),
    businessName: optionalText("the business name"),
    taxClassification: z.enum(Object.keys(TAX_CLASSIFICATIONS) as [TaxClassification, ...TaxClassification[]], {
      errorMap: () => ({ message: "Choose the federal tax classification." }),
    }),
    ...address,
    region: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "Enter the state as two letters, like CA."),
    postalCode: z
      .string()
      .trim()
      .regex(/^\d{5}(-\d{4})?$/, "Enter the ZIP code as 5 digits (or ZIP+4, like 94103-1234)."),
    tinKind: z.enum(["ssn", "ein"], { errorMap: () => ({ message: "Choose whether you give an SSN or an EIN." }) }),
    tin: z.string({ required_error: "Enter your SSN or EIN." }),
    ...certification,
  })
  .superRefine((form, ctx) => {
    const checked = checkTin(form.tinKind as TinKind, form.tin);
    if (!checked.ok) ctx.addIssue({ code: "custom", path: ["tin"], message: checked.message });
    if (form.tinKind === "ssn" && form.taxClassification !== "individual") {
      ctx.addIssue({ code: "custom", path: ["tinKind"], message: "A business other than a sole proprietor gives its EIN, not an SSN." });
    }
    checkCertification(form, ctx);
  })
  .transform((form) => {
    const checked = checkTin(form.tinKind as TinKind, form.tin);
    return { ...form, tin: checked.ok ? checked.digits : form.tin };
  });

export const w8benSchema = z
  .object({
    legalName: text("your name"),
    citizenshipCountry: country("your country of citizenship"),
    ...address,
    country: country("the country where you live"),
    foreignTaxId: optionalText("the foreign tax id", 50),
    treatyCountry: z
      .string()
      .trim()
      .toUpperCase()
      .optional()
      .transform((value) => value || null)
      .refine((value) => value === null || isCountryCode(value), "Choose the treaty country from the list, or leave it empty."),
    treatyArticle: optionalText("the treaty article", 50),
    dateOfBirth: z
      .string({ required_error: "Enter your date of birth." })
      .trim()
      .refine(isCalendarDate, "Enter your date of birth as a date (YYYY-MM-DD)."),
    ...certification,
  })
  .superRefine((form, ctx) => {
    if (form.country === "US") {
      ctx.addIssue({ code: "custom", path: ["country"], message: "A W-8BEN is for people living outside the US: US persons fill a W-9." });
    }
    if (form.citizenshipCountry === "US") {
      ctx.addIssue({ code: "custom", path: ["citizenshipCountry"], message: "US citizens fill a W-9, not a W-8BEN." });
    }
    if (form.treatyArticle && !form.treatyCountry) {
      ctx.addIssue({ code: "custom", path: ["treatyCountry"], message: "Choose the treaty country for the article you claim." });
    }
    checkCertification(form, ctx);
  });

export type W9Input = z.output<typeof w9Schema>;
export type W8benInput = z.output<typeof w8benSchema>;
