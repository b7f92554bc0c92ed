// The minimum payout per currency (DOMAIN.md §4): the one the shop stored, else 25.00 (2,500 minor
// units) in the shop currency; another currency has none until the merchant sets one (no
// exchange rate is invented).
export const DEFAULT_SHOP_CURRENCY_MINIMUM_MINOR = 2500;

export function payoutMinimumMinor(storedMinor: number | null, currency: string, shopCurrency: string): number | null {
  if (storedMinor !== null) return storedMinor;
  return currency === shopCurrency ? DEFAULT_SHOP_CURRENCY_MINIMUM_MINOR : null;
}
