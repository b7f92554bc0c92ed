import type { CreatorStatus, Prisma } from "@prisma/client";
import { z } from "zod";
import { db } from "../db.server";
import { readCreatorDisplayBalances, type CreatorDisplayBalance } from "../ledger/read-balances.server";

export const CREATOR_SORTS = ["name", "newest"] as const;
const CREATOR_STATUS_FILTERS = ["invited", "applied", "active", "paused", "declined", "archived"] as const;
export const CREATORS_PAGE_SIZE = 25;

/** An empty form field (e.g. "All statuses") means "not given". */
const blankAsUndefined = (value: unknown) => (value === "" ? undefined : value);

/** The Creators index's query string; a bad value is reported, not guessed around. */
export const creatorListQuerySchema = z.preprocess(
  (input) => Object.fromEntries(Object.entries(input as Record<string, unknown>).map(([k, v]) => [k, blankAsUndefined(v)])),
  z.object({
    query: z.string().trim().max(100, "Search for at most 100 characters.").optional().default(""),
    status: z
      .enum(CREATOR_STATUS_FILTERS, {
        errorMap: () => ({ message: `Status must be one of: ${CREATOR_STATUS_FILTERS.join(", ")}.` }),
      })
      .optional(),
    sort: z
      .enum(CREATOR_SORTS, { errorMap: () => ({ message: "Sort by name or newest." }) })
      .optional()
      .default("name"),
    after: z.string().max(64).optional(),
    before: z.string().max(64).optional(),
    details: z
      .enum(["missing", "complete"], { errorMap: () => ({ message: "Payout details filter must be missing or complete." }) })
      .optional(),
  }),
);

export type CreatorListQuery = z.infer<typeof creatorListQuerySchema>;

export interface CreatorListRow {
  id: string;
  name: string;
  email: string;
  status: CreatorStatus;
  referralCode: string;
  socialHandle: string | null;
  payoutDetailsStatus: string;
  createdAt: string;
  balances: Pick<CreatorDisplayBalance, "currency" | "held" | "payable" | "inPayout">[];
}

export interface CreatorListPage {
  rows: CreatorListRow[];
  /** Cursor of the last row when a next page exists. */
  nextCursor: string | null;
  /** Cursor of the first row when a previous page exists. */
  previousCursor: string | null;
}

/** One page of a shop's creators: search, status filter, sort and cursor pagination. */
export async function listCreators(shopId: string, query: CreatorListQuery): Promise<CreatorListPage> {
  const where: Prisma.CreatorWhereInput = {
    shopId,
    ...(query.status ? { status: query.status } : {}),
    ...(query.details === "missing" ? { payoutDetailsStatus: { not: "complete" } } : {}),
    ...(query.details === "complete" ? { payoutDetailsStatus: "complete" } : {}),
    ...(query.query
      ? {
          OR: [
            { name: { contains: query.query, mode: "insensitive" } },
            { email: { contains: query.query, mode: "insensitive" } },
            { referralCode: { contains: query.query, mode: "insensitive" } },
            { socialHandle: { contains: query.query, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const forward: Prisma.CreatorOrderByWithRelationInput[] =
    query.sort === "newest" ? [{ createdAt: "desc" }, { id: "desc" }] : [{ name: "asc" }, { id: "asc" }];
  const backward = !!query.before && !query.after;
  const cursorId = query.after ?? query.before;
  const orderBy = backward ? forward.map(invertOrder) : forward;

  const found = await db().creator.findMany({
    where,
    orderBy,
    take: CREATORS_PAGE_SIZE + 1,
    ...(cursorId ? { cursor: { id: cursorId }, skip: 1 } : {}),
  });
  const hasMore = found.length > CREATORS_PAGE_SIZE;
  const page = found.slice(0, CREATORS_PAGE_SIZE);
  if (backward) page.reverse();

  const balances = await readCreatorDisplayBalances(
    shopId,
    page.map((c) => c.id),
  );
  const rows = page.map((creator) => ({
    id: creator.id,
    name: creator.name,
    email: creator.email,
    status: creator.status,
    referralCode: creator.referralCode,
    socialHandle: creator.socialHandle,
    payoutDetailsStatus: creator.payoutDetailsStatus,
    createdAt: creator.createdAt.toISOString(),
    balances: balances
      .filter((b) => b.creatorId === creator.id)
      .map(({ currency, held, payable, inPayout }) => ({ currency, held, payable, inPayout })),
  }));
  const first = rows[0]?.id ?? null;
  const last = rows.at(-1)?.id ?? null;
  return {
    rows,
    nextCursor: backward ? (cursorId ? last : null) : hasMore ? last : null,
    previousCursor: backward ? (hasMore ? first : null) : cursorId ? first : null,
  };
}

function invertOrder(order: Prisma.CreatorOrderByWithRelationInput): Prisma.CreatorOrderByWithRelationInput {
  const [[field, direction]] = Object.entries(order);
  return { [field]: direction === "asc" ? "desc" : "asc" };
}
