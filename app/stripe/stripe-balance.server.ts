// The shop's Stripe balance: what Settings shows, and which currencies a payout can be paid in.
import { minorFromStripeAmount } from "../domain/currency";
import { DomainError } from "../domain/errors";
import { shopStripeClient } from "./stripe-connection.server";

export interface StripeBalanceLine {
  currency: string;
  availableMinor: number;
  pendingMinor: number;
}

export async function readStripeBalance(shopId: string): Promise<StripeBalanceLine[]> {
  const client = await shopStripeClient(shopId);
  let balance;
  try {
    balance = await client.balance.retrieve();
  } catch {
    throw new DomainError("stripe_unreachable", "Stripe could not be reached to read your balance. Try again in a moment.", {});
  }
  const lines = new Map<string, StripeBalanceLine>();
  const line = (currency: string) => {
    const code = currency.toUpperCase();
    let found = lines.get(code);
    if (!found) lines.set(code, (found = { currency: code, availableMinor: 0, pendingMinor: 0 }));
    return found;
  };
  // Stripe reports its own units; shown and compared in ISO minor units.
  const minor = (currency: string, amount: number) => {
    try {
      return minorFromStripeAmount(currency.toUpperCase(), amount);
    } catch {
      return 0;
    }
  };
  for (const funds of balance.available) line(funds.currency).availableMinor += minor(funds.currency, funds.amount);
  for (const funds of balance.pending) line(funds.currency).pendingMinor += minor(funds.currency, funds.amount);
  return [...lines.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

export function currencyNotInBalance(currency: string, held: string[]): DomainError {
  const list = held.length > 0 ? held.join(", ") : "no currency yet";
  return new DomainError(
    "stripe_currency_not_held",
    `Your Stripe balance holds ${list}, not ${currency}. Pay this payout offline, or add ${currency} funds to Stripe first.`,
    { currency, held },
  );
}

/** Refuses a payout currency the shop's Stripe balance does not hold. */
export async function assertBalanceHoldsCurrency(shopId: string, currency: string): Promise<void> {
  const held = (await readStripeBalance(shopId)).map((line) => line.currency);
  if (!held.includes(currency.toUpperCase())) throw currencyNotInBalance(currency.toUpperCase(), held);
}
