// The language of a creator's emails follows the portal: when the creator accepts an invitation or
// sends a portal form in French (or English), later emails are written in that language.
import { db } from "../db.server";
import type { CreatorLocale } from "./creator-email-strings";

/** Stores the creator's language; writes nothing when it is already the stored one. */
export async function rememberCreatorLocale(shopId: string, creatorId: string, locale: CreatorLocale): Promise<void> {
  await db().creator.updateMany({
    where: { id: creatorId, shopId, OR: [{ locale: null }, { locale: { not: locale } }] },
    data: { locale },
  });
}
