// /app/exports/1099-nec.csv?year=2026 — Form 1099-NEC data for every reportable creator of the
// year (format: app/documents/form-1099-nec-csv.ts, 1099 Pro's import field names), for a 1099
// e-filing service. It files nothing. A shop outside the US, or a bad year: a sentence, not a file.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/require-staff.server";
import { csvLines } from "~/documents/csv";
import { fileResponse, refusal } from "~/documents/document-responses";
import { form1099NecRows } from "~/documents/form-1099-nec-csv";
import { todayInTimeZone } from "~/domain/calendar";
import { now } from "~/lib/clock.server";
import { readPayerStateIds } from "~/settings/payer-state-ids.server";
import { read1099NecRecipients } from "~/tax-forms/read-1099-nec-recipients.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  if (shop.billingCountryCode !== "US") {
    return refusal(422, "Form 1099-NEC is filed by US payers: this shop's billing country is not the United States.");
  }
  const asked = new URL(request.url).searchParams.get("year") ?? todayInTimeZone(now(), shop.timezone).slice(0, 4);
  if (!/^\d{4}$/.test(asked) || Number(asked) < 2000 || Number(asked) > 2100)
    return refusal(400, `"year" must be a calendar year like 2026.`);
  const year = Number(asked);
  const [recipients, stateIds] = await Promise.all([read1099NecRecipients(shop, year), readPayerStateIds(shop.id)]);
  const payer = {
    name: shop.legalName ?? shop.name,
    addressLines: (shop.billingAddress ?? "").split("\n").filter(Boolean),
    stateIds: new Map(stateIds.map((id) => [id.state, id.idNumber])),
  };
  return fileResponse(csvLines(form1099NecRows(payer, recipients)), {
    contentType: "text/csv; charset=utf-8",
    filename: `1099-nec-${year}.csv`,
    headers: { "X-Reportable-Creators": String(recipients.length) },
  });
};
