// What the PayPal and SEPA routes read from the request: which payouts, and whether to preview.
import { z } from "zod";
import type { ParsedQuery } from "./export-filters";
import { BODY_LIMITS, readFormData } from "../http/bounded-body.server";

export const MAX_SELECTED_PAYOUTS = 5000;

export interface BankFileSelection {
  /** Repeated `payoutId` parameters; none means every ready payout of the shop. */
  payoutIds: string[];
  /** `preview=1`: answer JSON saying what the file would hold and what it leaves out, instead of the file. */
  preview: boolean;
}

const selectionSchema = z.object({
  payoutIds: z
    .array(z.string().trim().min(1).max(100, "A payoutId is at most 100 characters."))
    .max(MAX_SELECTED_PAYOUTS, `Select at most ${MAX_SELECTED_PAYOUTS.toLocaleString("en-US")} payouts per file.`),
  preview: z.boolean(),
});

export function parseBankFileSelection(params: URLSearchParams): ParsedQuery<BankFileSelection> {
  const parsed = selectionSchema.safeParse({
    payoutIds: params.getAll("payoutId").filter((id) => id !== ""),
    preview: ["1", "true"].includes(params.get("preview") ?? ""),
  });
  if (parsed.success) return { ok: true, value: { ...parsed.data, payoutIds: [...new Set(parsed.data.payoutIds)] } };
  return { ok: false, message: parsed.error.issues.map((issue) => issue.message).join(" ") };
}

/** The query string, with a POSTed form's fields taking precedence: the merchant may use either. */
export async function requestParams(request: Request): Promise<URLSearchParams> {
  const params = new URL(request.url).searchParams;
  if (request.method !== "POST") return params;
  const form = await readFormData(request, BODY_LIMITS.adminForm);
  for (const key of new Set(form.keys())) {
    params.delete(key);
    for (const value of form.getAll(key)) if (typeof value === "string") params.append(key, value);
  }
  return params;
}
