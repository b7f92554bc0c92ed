// A gift card's code: made by the app (so a lost answer loses no code), sealed with the app's
// secret box (bound to its PayoutGiftCard row) in the claim, before any call. It is never stored
// or logged in clear: opened only to send the one giftCardCreate, to seal a copy into the paid
// email (filled in at delivery), and to show it once in the portal, which wipes it.
import { randomInt } from "node:crypto";
import type { DbTransaction } from "../../db.server";
import { db } from "../../db.server";
import { now } from "../../lib/clock.server";
import { giftCardCodeField } from "../../lib/sealed-columns.server";
import { open, seal } from "../../lib/secret-box.server";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
/** Shopify takes 8–20 letters and digits; 16 random ones (≈ 82 bits) are not guessed. */
const CODE_LENGTH = 16;
/** How many characters of the code stay once it is wiped (what Shopify's lastCharacters shows). */
export const GIFT_CARD_LAST_CHARACTERS = 4;

export function makeGiftCardCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** Inside the claim: the attempt's card row with its code sealed. */
export async function storeGiftCardCode(
  tx: DbTransaction,
  card: { shopId: string; payoutId: string; attempt: number; code: string; createdAt: Date },
): Promise<void> {
  const row = await tx.payoutGiftCard.create({
    data: {
      shopId: card.shopId,
      payoutId: card.payoutId,
      attempt: card.attempt,
      lastCharacters: card.code.slice(-GIFT_CARD_LAST_CHARACTERS),
      createdAt: card.createdAt,
    },
    select: { id: true },
  });
  await tx.payoutGiftCard.update({
    where: { id: row.id },
    data: { codeCiphertext: seal(card.code, giftCardCodeField({ id: row.id, shopId: card.shopId })) },
  });
}

/** The attempt's code, to send it (null when wiped, which a pending attempt's code never is). */
export async function openGiftCardCode(shopId: string, payoutId: string, attempt: number): Promise<string | null> {
  const row = await db().payoutGiftCard.findUnique({ where: { payoutId_attempt: { payoutId, attempt } } });
  if (!row || row.shopId !== shopId || !row.codeCiphertext) return null;
  return open(row.codeCiphertext, giftCardCodeField(row));
}

/** Inside the settle transaction: the paid attempt's code, for the email to seal its own copy. */
export async function readGiftCardCodeForEmail(
  tx: DbTransaction,
  shopId: string,
  payoutId: string,
  attempt: number,
): Promise<string | null> {
  const row = await tx.payoutGiftCard.findUnique({ where: { payoutId_attempt: { payoutId, attempt } } });
  if (!row || row.shopId !== shopId || !row.codeCiphertext) return null;
  return open(row.codeCiphertext, giftCardCodeField(row));
}

/**
 * The portal's one showing: the codes of the creator's paid gift card payouts not shown yet, each
 * wiped as it is read (compare-and-set on the sealed value, so two page loads cannot both show it).
 */
export async function revealGiftCardCodes(shopId: string, creatorId: string): Promise<Map<string, string>> {
  const rows = await db().payoutGiftCard.findMany({
    where: { shopId, codeCiphertext: { not: null }, payout: { creatorId, status: "paid", channel: "gift_card" } },
    include: { payout: { select: { attemptCount: true } } },
  });
  const shown = new Map<string, string>();
  for (const row of rows) {
    if (row.attempt !== row.payout.attemptCount) continue;
    const code = open(row.codeCiphertext!, giftCardCodeField(row));
    const { count } = await db().payoutGiftCard.updateMany({
      where: { id: row.id, codeCiphertext: row.codeCiphertext },
      data: { codeCiphertext: null, revealedAt: now() },
    });
    if (count === 1) shown.set(row.payoutId, code);
  }
  return shown;
}

/** The payout's paid card as it may still be shown: its last characters (null: no gift card). */
export async function readGiftCardLastCharacters(shopId: string, payoutIds: readonly string[]): Promise<Map<string, string>> {
  if (payoutIds.length === 0) return new Map();
  const rows = await db().payoutGiftCard.findMany({
    where: { shopId, payoutId: { in: [...payoutIds] } },
    select: { payoutId: true, attempt: true, lastCharacters: true },
    orderBy: { attempt: "asc" },
  });
  return new Map(rows.map((row) => [row.payoutId, row.lastCharacters]));
}
