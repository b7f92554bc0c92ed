// Countries as ISO 3166-1 alpha-2 codes with their English names (the creator's tax country).
// Pure: the names come from the runtime's Intl data, so the list needs no table of its own.

/** Region codes Intl knows that are not ISO 3166-1 countries (unions, pseudo and reserved regions). */
const NOT_COUNTRIES = new Set(["AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"]);

let cached: readonly { code: string; name: string }[] | null = null;

/** Every country, sorted by English name. */
export function countryOptions(): readonly { code: string; name: string }[] {
  if (cached) return cached;
  const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
  const countries: { code: string; name: string }[] = [];
  for (let first = 65; first <= 90; first += 1) {
    for (let second = 65; second <= 90; second += 1) {
      const code = String.fromCharCode(first, second);
      const name = NOT_COUNTRIES.has(code) ? undefined : names.of(code);
      if (name) countries.push({ code, name });
    }
  }
  cached = countries.sort((a, b) => a.name.localeCompare(b.name, "en"));
  return cached;
}

export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countryOptions().some((country) => country.code === code);
}
