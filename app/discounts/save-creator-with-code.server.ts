// The creator form (new and edit) with "Create a discount code in Shopify" ticked: the code is
// checked first (terms, collisions in the app and the store: a field error, nothing saved), then
// the creator is saved, then Shopify creates the code. If Shopify still refuses, the creator stays
// saved and the answer says so: their page offers "Create code again".
import type { Actor } from "../audit/actor";
import { saveCreator } from "../creators/save-creator.server";
import { isDomainError } from "../domain/errors";
import { createCreatorDiscount, deactivateRemovedCodes, prepareCreatorCode, readShopifyCodes } from "./creator-discounts.server";

/** What happened in Shopify to the Shopify codes the form removed: none removed, all deactivated, or not all. */
export type RemovedCodesOutcome = "none" | "deactivated" | "still_active";

export async function saveCreatorWithShopifyCode(
  shop: { id: string; domain: string; currency: string },
  form: Record<string, unknown>,
  actor: Actor,
  creatorId?: string,
): Promise<{ ok: true; creatorId: string; codeMissing: boolean; removedCodes: RemovedCodesOutcome }> {
  const wanted = form.createShopifyCode === "true" ? await prepareCreatorCode(shop, form, creatorId) : null;
  const inShopifyBefore = creatorId ? await readShopifyCodes(shop.id, creatorId) : new Map<string, string>();
  const saved = await saveCreator(shop.id, form, actor, creatorId);
  // A Shopify code taken off the form would keep working at checkout: deactivate it there too.
  const kept = await readShopifyCodes(shop.id, saved.creatorId);
  const removed = new Map([...inShopifyBefore].filter(([code]) => !kept.has(code)));
  const removedCodes: RemovedCodesOutcome =
    removed.size === 0 ? "none" : (await deactivateRemovedCodes(shop, saved.creatorId, removed, actor)) ? "deactivated" : "still_active";
  if (!wanted) return { ok: true, creatorId: saved.creatorId, codeMissing: false, removedCodes };
  try {
    await createCreatorDiscount(shop, saved.creatorId, wanted.terms, actor, wanted.code);
    return { ok: true, creatorId: saved.creatorId, codeMissing: false, removedCodes };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { ok: true, creatorId: saved.creatorId, codeMissing: true, removedCodes };
  }
}
