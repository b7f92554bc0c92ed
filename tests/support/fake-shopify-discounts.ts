// The Admin API stand-in's code discounts (called from fake-shopify-admin.ts): codeDiscountNodeByCode,
// discountCodeBasicCreate, discountCodeActivate/Deactivate and nodes(ids:) for their state, in
// Shopify's response shapes. Every discount operation is first validated, document and variables,
// against the 2026-04 Admin schema (tests/support/shopify-admin-schema.ts); an invalid one is
// answered with GraphQL errors, as Shopify would, and recorded in `invalid`.
import { checkAdminOperation } from "./shopify-admin-schema";

export interface FakeDiscount {
  id: string;
  code: string;
  status: "ACTIVE" | "EXPIRED" | "SCHEDULED";
  input?: Record<string, unknown>;
}

export interface FakeDiscounts {
  /** The store's code discounts by id; a test may delete one to play "deleted in Shopify". */
  byId: Map<string, FakeDiscount>;
  /** userErrors the next discountCodeBasicCreate answers with (then cleared). */
  nextCreateUserErrors: { field: string[] | null; code: string | null; message: string }[] | null;
  /** Operations that failed schema validation, with their errors. */
  invalid: { query: string; errors: string[] }[];
  /** The mutations received, by name, with their variables. */
  mutations: { name: string; variables: Record<string, unknown> }[];
  add(code: string, status?: FakeDiscount["status"]): FakeDiscount;
}

let nextId = 1_000_001;

export function fakeDiscounts(): FakeDiscounts {
  const byId = new Map<string, FakeDiscount>();
  return {
    byId,
    nextCreateUserErrors: null,
    invalid: [],
    mutations: [],
    add(code, status = "ACTIVE") {
      const discount = { id: `gid://shopify/DiscountCodeNode/${nextId++}`, code: code.toUpperCase(), status };
      byId.set(discount.id, discount);
      return discount;
    },
  };
}

const OPERATIONS = /\b(codeDiscountNodeByCode|discountCodeBasicCreate|discountCodeActivate|discountCodeDeactivate|CreatorDiscountStates)\b/;

/** The answer to a discount operation, or undefined when the request is not one (the admin fake answers it). */
export function answerDiscountOperation(
  body: { query?: string; variables?: Record<string, unknown> },
  store: FakeDiscounts | undefined,
): unknown | undefined {
  const query = body.query ?? "";
  const match = OPERATIONS.exec(query);
  if (!match || !store) return undefined;
  const variables = body.variables ?? {};
  // The admin fake validated it already (shopify-admin-schema.ts); kept here for the discount tests' own list.
  const check = checkAdminOperation(query, variables);
  const errors = check.ok ? [] : check.errors;
  if (errors.length) {
    store.invalid.push({ query, errors });
    return { errors: errors.map((message) => ({ message, extensions: { code: "GRAPHQL_VALIDATION_FAILED" } })) };
  }
  const cost = { extensions: { cost: { requestedQueryCost: 10, actualQueryCost: 10 } } };
  const find = (id: unknown) => store.byId.get(String(id));
  switch (match[1]) {
    case "codeDiscountNodeByCode": {
      const code = String(variables.code ?? "").toUpperCase();
      const found = [...store.byId.values()].find((d) => d.code === code);
      return {
        data: {
          codeDiscountNodeByCode: found
            ? { id: found.id, codeDiscount: { __typename: "DiscountCodeBasic", title: found.code, status: found.status } }
            : null,
        },
        ...cost,
      };
    }
    case "discountCodeBasicCreate": {
      const input = variables.basicCodeDiscount as Record<string, unknown>;
      store.mutations.push({ name: "discountCodeBasicCreate", variables });
      const userErrors = store.nextCreateUserErrors;
      store.nextCreateUserErrors = null;
      const taken = [...store.byId.values()].some((d) => d.code === String(input.code).toUpperCase());
      if (userErrors || taken) {
        return {
          data: {
            discountCodeBasicCreate: {
              codeDiscountNode: null,
              userErrors: userErrors ?? [
                { field: ["basicCodeDiscount", "code"], code: "TAKEN", message: "Code must be unique. Please try a different code." },
              ],
            },
          },
          ...cost,
        };
      }
      const created = store.add(String(input.code));
      created.input = input;
      return { data: { discountCodeBasicCreate: { codeDiscountNode: { id: created.id }, userErrors: [] } }, ...cost };
    }
    case "discountCodeActivate":
    case "discountCodeDeactivate": {
      store.mutations.push({ name: match[1], variables });
      const discount = find(variables.id);
      if (discount) discount.status = match[1] === "discountCodeActivate" ? "ACTIVE" : "EXPIRED";
      return {
        data: {
          [match[1]]: discount
            ? { codeDiscountNode: { id: discount.id }, userErrors: [] }
            : { codeDiscountNode: null, userErrors: [{ field: ["id"], code: "INVALID", message: "Discount does not exist" }] },
        },
        ...cost,
      };
    }
    default: {
      const ids = (variables.ids ?? []) as string[];
      const nodes = ids.map((id) => {
        const discount = find(id);
        return discount ? { id, codeDiscount: { __typename: "DiscountCodeBasic", status: discount.status } } : null;
      });
      return { data: { nodes }, ...cost };
    }
  }
}
