// The deal page's tax card: the form on file (TIN masked). The payouts a missing form holds are
// shown with every other hold reason by app/payouts/read-creator-payout-holds.server.ts.
import { todayInTimeZone, type CalendarDate } from "../domain/calendar";
import { now } from "../lib/clock.server";
import { describeTaxForm, readTaxFormOnFile, taxFormFromJson, type TaxFormJson, type TaxFormOnFile } from "./read-tax-forms-on-file.server";

export interface CreatorTaxStatus {
  form: TaxFormOnFile | null;
}

export async function readCreatorTaxStatus(shop: { id: string; timezone: string }, creatorId: string): Promise<CreatorTaxStatus> {
  return { form: await readTaxFormOnFile(shop.id, creatorId, todayInTimeZone(now(), shop.timezone)) };
}

/** The same status from the current form read inside a page's one statement (currentTaxFormJsonSql). */
export function toCreatorTaxStatus(json: TaxFormJson | null, today: CalendarDate): CreatorTaxStatus {
  return { form: json ? describeTaxForm(taxFormFromJson(json), today) : null };
}
