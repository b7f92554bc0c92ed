// A creator's discount codes in Shopify: created from the app (discountCodeBasicCreate) or linked
// from the store, deactivated and reactivated with the creator's status, and re-read on demand.
// Shopify is called outside any database transaction; a row is written only once Shopify agreed.
import { Prisma } from "@prisma/client";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { db } from "../db.server";
import { withTransaction } from "../db/transaction.server";
import { DomainError } from "../domain/errors";
import { invalidInput } from "../forms/field-errors";
import { parseForm } from "../forms/parse-form";
import { now } from "../lib/clock.server";
import { createBasicDiscount, findDiscountIdByCode, readDiscountStatuses, setDiscountActive } from "./discount-admin.server";
import { discountStateOf, DISCOUNT_STATE_LABEL } from "./discount-state";
import { basicDiscountInput, discountTermsSchemaFor, generateDiscountCode, type DiscountTerms } from "./discount-terms";

interface ShopRef {
  id: string;
  domain: string;
}

async function creatorOf(shopId: string, creatorId: string) {
  const creator = await db().creator.findFirst({ where: { id: creatorId, shopId } });
  if (!creator) throw new DomainError("creator_not_found", "This creator does not exist in your shop.");
  return creator;
}

const takenInStore = (code: string) =>
  invalidInput({ code: `${code} is already a discount code in your store. Choose another code, or link that one instead.` });

/** Refuses a code another creator holds in the app. */
async function assertCodeFreeInApp(shopId: string, creatorId: string, code: string) {
  const holder = await db().discountCode.findFirst({ where: { shopId, code } });
  if (holder && holder.creatorId !== creatorId) throw invalidInput({ code: `${code} already belongs to another creator.` });
}

/**
 * The code to create: the typed one, checked to be free in the store, or one generated from the
 * creator's name and digits that is free (a few tries).
 */
export async function chooseFreeCode(shop: ShopRef, creatorId: string, creatorName: string, typed: string): Promise<string> {
  if (typed) {
    await assertCodeFreeInApp(shop.id, creatorId, typed);
    if (await findDiscountIdByCode(shop.domain, typed)) throw takenInStore(typed);
    return typed;
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = generateDiscountCode(creatorName);
    const inApp = await db().discountCode.findFirst({ where: { shopId: shop.id, code } });
    if (!inApp && !(await findDiscountIdByCode(shop.domain, code))) return code;
  }
  throw invalidInput({ code: "No free code could be generated from this name: type a code instead." });
}

/**
 * Parses the terms fields of a form (code, value, minimum subtotal, once per customer,
 * combinations); amounts in the shop's currency, with at most its decimals.
 */
export function parseDiscountTerms(form: FormData | Record<string, unknown>, currency: string): DiscountTerms {
  return parseForm(discountTermsSchemaFor(currency), form);
}

/**
 * Creates the creator's basic code discount in Shopify and stores its id. Shopify's userErrors
 * come back as field errors (the code field when Shopify names it); nothing is stored then.
 */
export async function createCreatorDiscount(shop: ShopRef, creatorId: string, terms: DiscountTerms, actor: Actor, chosenCode?: string) {
  const creator = await creatorOf(shop.id, creatorId);
  const code = chosenCode ?? (await chooseFreeCode(shop, creator.id, creator.name, terms.code));
  const result = await createBasicDiscount(shop.domain, basicDiscountInput(terms, code, `${creator.name} (creator code)`, now()));
  if ("userErrors" in result) {
    const fieldErrors: Record<string, string> = {};
    for (const error of result.userErrors) {
      const field = error.field?.join(".") ?? "";
      const key = field.includes("code")
        ? "code"
        : field.includes("minimumRequirement")
          ? "minimumSubtotal"
          : field.includes("customerGets")
            ? "value"
            : "form";
      fieldErrors[key] ??= `Shopify: ${error.message}`;
    }
    throw invalidInput(Object.keys(fieldErrors).length ? fieldErrors : { form: "Shopify refused the discount without saying why." });
  }
  await storeShopifyCode(shop.id, creator.id, code, result.id, actor, "discount_code.created_in_shopify");
  return { code, shopifyDiscountId: result.id };
}

/** Links a code discount that already exists in the store to the creator. */
export async function linkCreatorDiscount(shop: ShopRef, creatorId: string, rawCode: unknown, actor: Actor) {
  const code = String(rawCode ?? "")
    .trim()
    .toUpperCase();
  if (!/^[A-Z0-9_-]{2,40}$/.test(code)) throw invalidInput({ linkCode: "Enter the store's discount code, e.g. AVA15." });
  const creator = await creatorOf(shop.id, creatorId);
  await assertCodeFreeInApp(shop.id, creator.id, code).catch(() => {
    throw invalidInput({ linkCode: `${code} already belongs to another creator.` });
  });
  const id = await findDiscountIdByCode(shop.domain, code);
  if (!id) throw invalidInput({ linkCode: `Your store has no discount code ${code}. Create it instead.` });
  await storeShopifyCode(shop.id, creator.id, code, id, actor, "discount_code.linked");
  return { code, shopifyDiscountId: id };
}

async function storeShopifyCode(shopId: string, creatorId: string, code: string, shopifyDiscountId: string, actor: Actor, action: string) {
  await withTransaction("short", async (tx) => {
    const fields = { shopifyDiscountId, shopifyState: "active", shopifyCheckedAt: now(), shopifyDeactivatedAt: null };
    const row = await tx.discountCode.upsert({
      where: { shopId_code: { shopId, code } },
      create: { shopId, creatorId, code, ...fields },
      update: fields,
    });
    await recordAuditEvent(tx, {
      shopId,
      actor,
      action,
      subject: { type: "creator", id: creatorId },
      after: { code: row.code, shopifyDiscountId },
    });
  });
}

/**
 * After a pause or archive (deactivate) or a resume (activate): the creator's Shopify codes follow.
 * Returns a sentence for each code Shopify refused, or null when all followed.
 */
export async function applyCreatorStatusToDiscounts(shop: ShopRef, creatorId: string, active: boolean): Promise<string | null> {
  const codes = await db().discountCode.findMany({ where: { shopId: shop.id, creatorId, shopifyDiscountId: { not: null } } });
  const problems: string[] = [];
  for (const row of codes) {
    try {
      const userErrors = await setDiscountActive(shop.domain, row.shopifyDiscountId!, active);
      if (userErrors.length) {
        problems.push(`${row.code}: ${userErrors.map((e) => e.message).join("; ")}`);
        continue;
      }
      await db().discountCode.update({
        where: { id: row.id },
        data: { shopifyDeactivatedAt: active ? null : now(), shopifyState: active ? "active" : "deactivated", shopifyCheckedAt: now() },
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problems.push(`${row.code}: ${error.message}`);
    }
  }
  if (problems.length === 0) return null;
  return `The code in Shopify was not ${active ? "reactivated" : "deactivated"} (${problems.join(" ")}).`;
}

/** The creator's codes that exist in Shopify (created or linked by the app), by code. */
export async function readShopifyCodes(shopId: string, creatorId: string): Promise<Map<string, string>> {
  const rows = await db().discountCode.findMany({ where: { shopId, creatorId, shopifyDiscountId: { not: null } } });
  return new Map(rows.map((row) => [row.code, row.shopifyDiscountId!]));
}

/**
 * Deactivates in Shopify the codes the merchant removed from the creator (their rows are gone), so
 * a code the creator no longer holds stops working at checkout. True when Shopify deactivated all.
 */
export async function deactivateRemovedCodes(shop: ShopRef, creatorId: string, removed: Map<string, string>, actor: Actor) {
  let allDeactivated = true;
  for (const [code, shopifyDiscountId] of removed) {
    let problem: string | null = null;
    try {
      const userErrors = await setDiscountActive(shop.domain, shopifyDiscountId, false);
      if (userErrors.length) problem = userErrors.map((e) => e.message).join("; ");
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problem = error.message;
    }
    if (problem) allDeactivated = false;
    await withTransaction("short", (tx) =>
      recordAuditEvent(tx, {
        shopId: shop.id,
        actor,
        action: problem ? "discount_code.removed_still_active_in_shopify" : "discount_code.removed_and_deactivated",
        subject: { type: "creator", id: creatorId },
        after: { code, shopifyDiscountId, ...(problem ? { problem } : {}) },
      }),
    );
  }
  return allDeactivated;
}

/** Re-reads the state of each of the creator's Shopify codes. */
export async function refreshCreatorDiscounts(shop: ShopRef, creatorId: string) {
  await creatorOf(shop.id, creatorId);
  const codes = await db().discountCode.findMany({ where: { shopId: shop.id, creatorId, shopifyDiscountId: { not: null } } });
  const statuses = await readDiscountStatuses(
    shop.domain,
    codes.map((c) => c.shopifyDiscountId!),
  );
  const checkedAt = now();
  for (const row of codes) {
    const state = discountStateOf(statuses.get(row.shopifyDiscountId!) ?? "DELETED", row.shopifyDeactivatedAt !== null);
    await db().discountCode.update({ where: { id: row.id }, data: { shopifyState: state, shopifyCheckedAt: checkedAt } });
  }
  return codes.length;
}

/** A creator's code as the deal page shows it: its state in Shopify as last read. */
export interface CreatorDiscountView {
  code: string;
  inShopify: boolean;
  stateLabel: string | null;
  checkedAt: string | null;
}

/** A code's columns as creatorDiscountsJsonSql gives them. */
export interface CreatorDiscountJson {
  code: string;
  shopifyDiscountId: string | null;
  shopifyState: string | null;
  shopifyCheckedAt: string | null;
}

function toDiscountView(c: CreatorDiscountJson): CreatorDiscountView {
  return {
    code: c.code,
    inShopify: c.shopifyDiscountId !== null,
    stateLabel: c.shopifyState ? (DISCOUNT_STATE_LABEL[c.shopifyState as keyof typeof DISCOUNT_STATE_LABEL] ?? c.shopifyState) : null,
    checkedAt: c.shopifyCheckedAt,
  };
}

/** The creator's codes (oldest first) as one JSON array, for a page that reads everything in one statement; see toCreatorDiscountViews. */
export function creatorDiscountsJsonSql(shopId: string, creatorId: string): Prisma.Sql {
  return Prisma.sql`COALESCE((SELECT json_agg(json_build_object('code', d."code", 'shopifyDiscountId', d."shopifyDiscountId",
      'shopifyState', d."shopifyState",
      'shopifyCheckedAt', to_char(d."shopifyCheckedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY d."createdAt", d."id")
    FROM "DiscountCode" d WHERE d."shopId" = ${shopId} AND d."creatorId" = ${creatorId}), '[]'::json)`;
}

export function toCreatorDiscountViews(rows: readonly CreatorDiscountJson[]): CreatorDiscountView[] {
  return rows.map(toDiscountView);
}

/** The deal page's list read alone: each code with its state in Shopify as last read. */
export async function listCreatorDiscounts(shopId: string, creatorId: string): Promise<CreatorDiscountView[]> {
  const [row] = await db().$queryRaw<{ codes: CreatorDiscountJson[] }[]>(
    Prisma.sql`SELECT ${creatorDiscountsJsonSql(shopId, creatorId)} AS "codes"`,
  );
  return toCreatorDiscountViews(row!.codes);
}

/**
 * Before a creator is saved with "create code in Shopify": the terms parsed and a code free in
 * the app and the store, so a refusal is a field error and nothing is saved anywhere.
 */
export async function prepareCreatorCode(shop: ShopRef & { currency: string }, form: Record<string, unknown>, creatorId = "") {
  const terms = parseDiscountTerms(form, shop.currency);
  const code = await chooseFreeCode(shop, creatorId, String(form.name ?? ""), terms.code);
  return { terms, code };
}
