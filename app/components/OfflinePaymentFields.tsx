import { TextField } from "@shopify/polaris";
import { useState } from "react";

/**
 * The fields of an offline payment (method, reference, date), as the payout page and the
 * Payouts list's bulk "Mark paid offline" both ask for them; the caller lays them out.
 */
export function OfflinePaymentFields({
  today,
  fieldErrors,
  defaultMethod = "Bank transfer",
}: {
  today: string;
  fieldErrors: Record<string, string | undefined>;
  /** The creator's own method on the payout page (offlineMethodDefault); the bulk form keeps a bank transfer. */
  defaultMethod?: string;
}) {
  const [method, setMethod] = useState(defaultMethod);
  const [reference, setReference] = useState("");
  const [paidOn, setPaidOn] = useState(today);
  return (
    <>
      <TextField label="Method" name="method" value={method} onChange={setMethod} autoComplete="off" error={fieldErrors.method} />
      <TextField
        label="Reference or receipt number"
        name="reference"
        value={reference}
        onChange={setReference}
        autoComplete="off"
        error={fieldErrors.reference}
      />
      <TextField
        label="Payment date"
        name="paidOn"
        type="date"
        value={paidOn}
        onChange={setPaidOn}
        autoComplete="off"
        error={fieldErrors.paidOn}
      />
    </>
  );
}
