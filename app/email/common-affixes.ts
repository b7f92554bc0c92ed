// The start and the end that every string of a list shares, so a batch of similar texts (a run's
// emails: the same greeting, HTML shell, portal link and signature around a few facts) can travel
// to the database as the shared parts once and each text's own middle. Pure, no I/O.

export interface CommonAffixes {
  prefix: string;
  suffix: string;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The longest prefix and then the longest suffix all `values` share, never overlapping in any value
 * (so `prefix + value.slice(prefix.length, value.length - suffix.length) + suffix === value`) and
 * never splitting a surrogate pair (a lone half is not valid JSON text for PostgreSQL).
 */
export function commonAffixes(values: readonly string[]): CommonAffixes {
  if (values.length === 0) return { prefix: "", suffix: "" };
  const first = values[0]!;
  const shortest = Math.min(...values.map((value) => value.length));

  let prefixLength = 0;
  while (prefixLength < shortest && values.every((value) => value.charCodeAt(prefixLength) === first.charCodeAt(prefixLength))) {
    prefixLength++;
  }
  if (prefixLength > 0 && isHighSurrogate(first.charCodeAt(prefixLength - 1))) prefixLength--;

  const room = shortest - prefixLength;
  let suffixLength = 0;
  const fromEnd = (value: string, offset: number) => value.charCodeAt(value.length - 1 - offset);
  while (suffixLength < room && values.every((value) => fromEnd(value, suffixLength) === fromEnd(first, suffixLength))) {
    suffixLength++;
  }
  if (suffixLength > 0 && isLowSurrogate(first.charCodeAt(first.length - suffixLength))) suffixLength--;

  return { prefix: first.slice(0, prefixLength), suffix: first.slice(first.length - suffixLength) };
}

/** A value's own middle, between the affixes commonAffixes found for its list. */
export function middleOf(value: string, { prefix, suffix }: CommonAffixes): string {
  return value.slice(prefix.length, value.length - suffix.length);
}
