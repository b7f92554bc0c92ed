// The reconciliation screen's forms, by intent: one action per mismatch (act-on-mismatch.server.ts).
import { z } from "zod";
import type { Actor } from "../audit/actor";
import { intentRegistry } from "../forms/intent-registry";
import { parseForm } from "../forms/parse-form";
import { flagForInvestigation, settleFromReconciliation } from "./act-on-mismatch.server";

export interface ReconciliationContext {
  shopId: string;
  actor: Actor;
  form: FormData;
}

const payoutField = z.object({ payoutId: z.string().trim().min(1, "Choose a payout.").max(64) });
const investigateFields = payoutField.extend({ note: z.string().trim().max(500).default("") });

/** Each intent's handler returns the sentence of the success banner. */
export const reconciliationActions = intentRegistry<ReconciliationContext, string>({
  settle: async ({ shopId, form }) => {
    const { payoutId } = parseForm(payoutField, form);
    return settleFromReconciliation(shopId, payoutId);
  },
  investigate: async ({ shopId, actor, form }) => {
    const { payoutId, note } = parseForm(investigateFields, form);
    await flagForInvestigation(shopId, payoutId, note || "Flagged from reconciliation.", actor);
    return "Flagged for investigation: the note is in the payout's history.";
  },
});
