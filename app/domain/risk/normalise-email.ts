// One mailbox, many spellings: providers that ignore dots and/or "+tags" deliver
// "Jane.Doe+shop@gmail.com" to "janedoe@gmail.com". Comparing normalised addresses catches a
// creator buying with a variant of their own address.
const DOTS_AND_TAGS = new Set(["gmail.com", "googlemail.com"]);
const TAGS_ONLY = new Set(["outlook.com", "hotmail.com", "live.com", "icloud.com", "me.com", "fastmail.com", "fastmail.fm"]);

/** The address lower-cased, with dots and plus-tags removed where the provider ignores them; null when not an address. */
export function normaliseEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase() ?? "";
  const at = trimmed.lastIndexOf("@");
  if (at <= 0 || at === trimmed.length - 1) return null;
  let local = trimmed.slice(0, at);
  let domain = trimmed.slice(at + 1);
  if (DOTS_AND_TAGS.has(domain) || TAGS_ONLY.has(domain)) local = local.split("+")[0]!;
  if (DOTS_AND_TAGS.has(domain)) {
    local = local.replace(/\./g, "");
    domain = "gmail.com";
  }
  return local ? `${local}@${domain}` : null;
}
