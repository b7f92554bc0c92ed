// A gift card's code: made by the app (so a lost answer loses no code), sealed with the app's
// secret box (bound to its PayoutGiftCard row) in the claim, before any call. It is never stored
// or logged in clear: opened only to send the one giftCardCreate, to seal a copy into the paid
// email (filled in at delivery), and to show it in the portal on the creator's POST, until they
// say they saved it, which wipes it.
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
 * The creator's paid gift card whose code the portal may still show: the payout's current attempt,
 * read only for that creator in that shop (another creator's payout id finds nothing).
 */
async function findCreatorsGiftCard(shopId: string, creatorId: string, payoutId: string) {
  const rows = await db().payoutGiftCard.findMany({
    where: { shopId, payoutId, payout: { shopId, creatorId, status: "paid", channel: "gift_card" } },
    include: { payout: { select: { attemptCount: true } } },
  });
  return rows.find((row) => row.attempt === row.payout.attemptCount) ?? null;
}

/**
 * The portal's showing, on the creator's POST only (a GET never opens it: a prefetch or link
 * preview must not use it up). It is not wiped here: a lost answer or a reload shows it again to
 * the same creator until they say they saved it (forgetGiftCardCode). "not_found": no such paid
 * gift card payout of this creator; "gone": already forgotten (or the card was disabled).
 */
export async function revealGiftCardCode(
  shopId: string,
  creatorId: string,
  payoutId: string,
): Promise<{ code: string } | { problem: "not_found" | "gone" }> {
  const row = await findCreatorsGiftCard(shopId, creatorId, payoutId);
  if (!row) return { problem: "not_found" };
  if (!row.codeCiphertext) return { problem: "gone" };
  const code = open(row.codeCiphertext, giftCardCodeField(row));
  // The first showing is kept (what the creator saw, and when); later ones change nothing.
  await db().payoutGiftCard.updateMany({ where: { id: row.id, revealedAt: null }, data: { revealedAt: now() } });
  return { code };
}

/** The creator saved the code: its sealed value is wiped (only its last characters stay). Idempotent. */
export async function forgetGiftCardCode(shopId: string, creatorId: string, payoutId: string): Promise<"forgotten" | "not_found"> {
  const row = await findCreatorsGiftCard(shopId, creatorId, payoutId);
  if (!row) return "not_found";
  await db().payoutGiftCard.updateMany({
    where: { id: row.id, codeCiphertext: { not: null } },
    data: { codeCiphertext: null, revealedAt: row.revealedAt ?? now() },
  });
  return "forgotten";
}

/**
 * Each payout's latest card as the portal page lists it: its last characters, and whether its code
 * is still kept (to offer "Show code"). The code itself is not opened here.
 */
export async function readGiftCardLastCharacters(
  shopId: string,
  payoutIds: readonly string[],
): Promise<Map<string, { lastCharacters: string; codeKept: boolean }>> {
  if (payoutIds.length === 0) return new Map();
  const rows = await db().payoutGiftCard.findMany({
    where: { shopId, payoutId: { in: [...payoutIds] } },
    select: { payoutId: true, attempt: true, lastCharacters: true, codeCiphertext: true },
    orderBy: { attempt: "asc" },
  });
  return new Map(rows.map((row) => [row.payoutId, { lastCharacters: row.lastCharacters, codeKept: row.codeCiphertext !== null }]));
}
