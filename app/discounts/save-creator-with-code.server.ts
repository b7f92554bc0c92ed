// The creator form (new and edit) with "Create a discount code in Shopify" ticked: the code is
// checked first (terms, collisions in the app and the store: a field error, nothing saved), then
// the creator is saved, then Shopify creates the code. If Shopify still refuses, the creator stays
// saved and the answer says so: their page offers "Create code again".
import type { Actor } from "../audit/actor";
import { saveCreator } from "../creators/save-creator.server";
import { isDomainError } from "../domain/errors";
import { createCreatorDiscount, prepareCreatorCode } from "./creator-discounts.server";

export async function saveCreatorWithShopifyCode(
  shop: { id: string; domain: string; currency: string },
  form: Record<string, unknown>,
  actor: Actor,
  creatorId?: string,
): Promise<{ ok: true; creatorId: string; codeMissing: boolean }> {
  const wanted = form.createShopifyCode === "true" ? await prepareCreatorCode(shop, form, creatorId) : null;
  const saved = await saveCreator(shop.id, form, actor, creatorId);
  if (!wanted) return { ok: true, creatorId: saved.creatorId, codeMissing: false };
  try {
    await createCreatorDiscount(shop, saved.creatorId, wanted.terms, actor, wanted.code);
    return { ok: true, creatorId: saved.creatorId, codeMissing: false };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { ok: true, creatorId: saved.creatorId, codeMissing: true };
  }
}
