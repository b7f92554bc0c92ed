// The portal's tax form section (issue 17): the form on file, a request for a new W-8BEN before
// it expires, and the W-9 (US persons) and W-8BEN (individuals outside the US) as forms. The IRS
// forms are in English, so this section is too. The TIN is never echoed back into a form.
import { countryOptions } from "../domain/countries";
import { W8BEN_RENEWAL_NOTICE_DAYS } from "../domain/tax/tax-form-validity";
import { TAX_CLASSIFICATIONS } from "../tax-forms/tax-form-schema";
import { Html, html, join } from "./html";
import type { PortalView } from "./read-portal-view.server";
import { field, form, noticeFor, section, selectField, type RenderContext } from "./render-portal";

const KIND_LABEL = { w9: "W-9", w8ben: "W-8BEN" } as const;

function onFile(view: PortalView): Html {
  const taxForm = view.taxForm;
  if (!taxForm) {
    return html`<p>No tax form on file. If you live in the US, fill the W-9; otherwise the W-8BEN. Payouts above the US reporting threshold wait for a W-9.</p>`;
  }
  const through = taxForm.validThrough ? html` It is valid through ${taxForm.validThrough}.` : "";
  const renewal = !taxForm.validToday
    ? html`<p class="creator-portal__notice" role="status">Your W-8BEN expired on ${taxForm.validThrough}: fill a new one below.</p>`
    : taxForm.renewalDue
      ? html`<p class="creator-portal__notice" role="status">Your W-8BEN expires on ${taxForm.validThrough} (within ${W8BEN_RENEWAL_NOTICE_DAYS} days): fill a new one below.</p>`
      : "";
  return html`<p>On file: <strong>${KIND_LABEL[taxForm.kind]}</strong> signed ${taxForm.signedOn}${
    taxForm.maskedTin ? html`, TIN ${taxForm.maskedTin}` : ""
  }.${through}</p>${renewal}`;
}

function selectOf(ctx: RenderContext, formId: string, name: string, label: string, options: readonly (readonly [string, string])[]): Html {
  const typed = ctx.notice?.form === formId ? ctx.notice.values[name] : undefined;
  return selectField(
    `cp-${formId}-${name}`,
    label,
    name,
    join(options.map(([value, text]) => html`<option value="${value}" ${typed === value ? html`selected` : ""}>${text}</option>`)),
    ctx.notice?.form === formId ? ctx.notice.fieldErrors[name] : undefined,
  );
}

function certification(ctx: RenderContext, formId: string, statement: string): Html {
  const error = ctx.notice?.form === formId ? ctx.notice.fieldErrors.certify : undefined;
  const id = `cp-${formId}-certify`;
  return html`<div class="creator-portal__field">
  <label class="creator-portal__choice"><input type="checkbox" id="${id}" name="certify" value="on" ${
    error ? html`aria-invalid="true" aria-describedby="${id}-error"` : ""
  }> ${statement}</label>
  ${error ? html`<p class="creator-portal__field-error" id="${id}-error"><span aria-hidden="true">⚠ </span>${error}</p>` : ""}
</div>
${field(ctx, { form: formId, name: "signature", label: "Signature: type your name", attrs: html`autocomplete="name"` })}`;
}

const address = (ctx: RenderContext, formId: string) =>
  join([
    field(ctx, { form: formId, name: "addressLine", label: "Street address", attrs: html`autocomplete="street-address"` }),
    field(ctx, { form: formId, name: "city", label: "City", attrs: html`autocomplete="address-level2"` }),
  ]);

const countryInput = (ctx: RenderContext, formId: string, name: string, label: string, hint?: string) =>
  field(ctx, {
    form: formId,
    name,
    label,
    hint: hint ?? "Two-letter country code, e.g. DE.",
    attrs: html`list="cp-countries" maxlength="2" autocomplete="off"`,
  });

function w9Form(ctx: RenderContext): Html {
  const formId = "tax_form_w9";
  return html`<details class="creator-portal__details"><summary>W-9 — US persons</summary>
${noticeFor(ctx, formId)}
${form(
  ctx,
  formId,
  join([
    field(ctx, { form: formId, name: "legalName", label: "Name (as shown on your income tax return)", attrs: html`autocomplete="name"` }),
    field(ctx, { form: formId, name: "businessName", label: "Business name (if different, optional)" }),
    selectOf(ctx, formId, "taxClassification", "Federal tax classification", Object.entries(TAX_CLASSIFICATIONS)),
    address(ctx, formId),
    field(ctx, {
      form: formId,
      name: "region",
      label: "State",
      hint: "Two letters, e.g. CA.",
      attrs: html`maxlength="2" autocomplete="address-level1"`,
    }),
    field(ctx, { form: formId, name: "postalCode", label: "ZIP code", attrs: html`autocomplete="postal-code"` }),
    selectOf(ctx, formId, "tinKind", "Taxpayer identification number", [
      ["ssn", "Social security number (SSN)"],
      ["ein", "Employer identification number (EIN)"],
    ]),
    field(ctx, {
      form: formId,
      name: "tin",
      label: "SSN or EIN",
      hint: "Stored encrypted; the store sees only its last four digits.",
      attrs: html`autocomplete="off" inputmode="numeric" spellcheck="false"`,
    }),
    certification(
      ctx,
      formId,
      "Under penalties of perjury, I certify that the number shown is my correct taxpayer identification number, that I am not subject to backup withholding (unless I was notified otherwise), and that I am a U.S. citizen or other U.S. person.",
    ),
    html`<button type="submit" class="creator-portal__button">Sign and submit W-9</button>`,
  ]),
  { label: "W-9" },
)}</details>`;
}

function w8benForm(ctx: RenderContext): Html {
  const formId = "tax_form_w8ben";
  return html`<details class="creator-portal__details"><summary>W-8BEN — individuals outside the US</summary>
${noticeFor(ctx, formId)}
${form(
  ctx,
  formId,
  join([
    field(ctx, { form: formId, name: "legalName", label: "Name", attrs: html`autocomplete="name"` }),
    countryInput(ctx, formId, "citizenshipCountry", "Country of citizenship"),
    address(ctx, formId),
    field(ctx, { form: formId, name: "region", label: "Region (optional)" }),
    field(ctx, { form: formId, name: "postalCode", label: "Postal code (optional)", attrs: html`autocomplete="postal-code"` }),
    countryInput(ctx, formId, "country", "Country of residence"),
    field(ctx, {
      form: formId,
      name: "foreignTaxId",
      label: "Foreign tax identifying number (optional)",
      attrs: html`autocomplete="off" spellcheck="false"`,
    }),
    countryInput(
      ctx,
      formId,
      "treatyCountry",
      "Treaty country, if you claim treaty benefits (optional)",
      "Two-letter code; leave empty if you claim none.",
    ),
    field(ctx, { form: formId, name: "treatyArticle", label: "Treaty article and paragraph (optional)" }),
    field(ctx, { form: formId, name: "dateOfBirth", label: "Date of birth", type: "date" }),
    certification(
      ctx,
      formId,
      "Under penalties of perjury, I certify that I am the beneficial owner of the income, that I am not a U.S. person, and that the information on this form is true, correct and complete.",
    ),
    html`<button type="submit" class="creator-portal__button">Sign and submit W-8BEN</button>`,
  ]),
  { label: "W-8BEN" },
)}</details>`;
}

let countryList: Html | null = null;
const countries = () =>
  (countryList ??= html`<datalist id="cp-countries">${join(countryOptions().map((c) => html`<option value="${c.code}">${c.name}</option>`))}</datalist>`);

export function taxFormSection(view: PortalView, ctx: RenderContext): Html {
  const erroredHere = ctx.notice?.form === "tax_form_w9" || ctx.notice?.form === "tax_form_w8ben";
  const open = (body: Html, formId: string) =>
    erroredHere && ctx.notice?.form === formId ? new Html(body.value.replace("<details ", "<details open ")) : body;
  return section("cp-tax", "Tax form", [
    onFile(view),
    countries(),
    open(w9Form(ctx), "tax_form_w9"),
    open(w8benForm(ctx), "tax_form_w8ben"),
  ]);
}
