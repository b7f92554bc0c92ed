import { DomainError } from "../domain/errors";
import type { FieldErrors } from "../forms/field-errors";

// Every error a payout run operation can throw, with a sentence the merchant can act on.

export function invalidRunRequest(fieldErrors: FieldErrors): DomainError {
  const first = Object.values(fieldErrors)[0];
  return new DomainError("invalid_payout_run", first ? `Check the run settings: ${first}` : "Check the run settings.", { fieldErrors });
}

export function creatorNotInShop(): DomainError {
  return invalidRunRequest({ creatorId: "This creator does not exist in this shop. Pick one from the list." });
}

export function shopUninstalled(): DomainError {
  return new DomainError(
    "shop_uninstalled",
    "The app is uninstalled from this shop, so payout runs are paused. Reinstall the app to generate payouts.",
  );
}

export function payoutRunNotFound(runId: string): DomainError {
  return new DomainError("payout_run_not_found", "This payout run does not exist in this shop.", { runId });
}
