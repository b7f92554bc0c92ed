// How long a tax form stays valid. A W-9 has no expiry (a new one is needed when facts change).
// A W-8BEN "remains in effect until the last day of the third succeeding calendar year" after
// the year it was signed (IRS Instructions for Form W-8BEN), unless facts change.
import { addDays, type CalendarDate } from "../calendar";

export type TaxFormKind = "w9" | "w8ben";

/** The portal asks for a new W-8BEN this many days before the old one expires. */
export const W8BEN_RENEWAL_NOTICE_DAYS = 90;

/** The last day a W-8BEN signed on `signedOn` is valid: 31 December of the third year after. */
export function w8benValidThrough(signedOn: CalendarDate): CalendarDate {
  return `${Number(signedOn.slice(0, 4)) + 3}-12-31`;
}

export function isFormValidOn(form: { kind: TaxFormKind; validThrough: CalendarDate | null }, today: CalendarDate): boolean {
  return form.validThrough === null || today <= form.validThrough;
}

/** Whether the portal should ask for a new form today (expired, or within the notice period). */
export function needsRenewal(form: { kind: TaxFormKind; validThrough: CalendarDate | null }, today: CalendarDate): boolean {
  if (form.validThrough === null) return false;
  return today > addDays(form.validThrough, -W8BEN_RENEWAL_NOTICE_DAYS);
}
