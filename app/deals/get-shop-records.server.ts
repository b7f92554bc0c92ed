// Shop-scoped look-ups: an id from another shop is indistinguishable from one that does not
// exist, so a tenant can never reach (or learn about) another tenant's rows.
import type { DbTransaction } from "../db.server";
import { DomainError } from "../domain/errors";

function notFound(what: string, id: string): DomainError {
  return new DomainError("not_found", `That ${what} does not exist in this shop.`, { id });
}

export async function getCreatorOrThrow(tx: DbTransaction, shopId: string, creatorId: string) {
  const creator = await tx.creator.findFirst({ where: { id: creatorId, shopId } });
  if (!creator) throw notFound("creator", creatorId);
  return creator;
}

export async function getDealOrThrow(tx: DbTransaction, shopId: string, dealId: string) {
  const deal = await tx.deal.findFirst({ where: { id: dealId, shopId } });
  if (!deal) throw notFound("deal", dealId);
  return deal;
}

export async function getShopOrThrow(tx: DbTransaction, shopId: string) {
  const shop = await tx.shop.findUnique({ where: { id: shopId } });
  if (!shop) throw notFound("shop", shopId);
  return shop;
}
