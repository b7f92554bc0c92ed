// The Admin API stand-in's code discounts (called from fake-shopify-admin.ts): codeDiscountNodeByCode,
// discountCodeBasicCreate, discountCodeActivate/Deactivate and nodes(ids:) for their state, in
// Shopify's response shapes. Every discount operation is first validated, document and variables,
// against the 2026-04 Admin schema (tests/fixtures/shopify/admin-2026-04.graphql); an invalid one is
// answered with GraphQL errors, as Shopify would, and recorded in `invalid`.
import { readFileSync } from "node:fs";
import { buildSchema, getOperationAST, getVariableValues, parse, validate, type GraphQLSchema } from "graphql";

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

let schema: GraphQLSchema | undefined;

/** The 2026-04 Admin schema (built once per test process). */
export function adminSchema(): GraphQLSchema {
  schema ??= buildSchema(readFileSync(new URL("../fixtures/shopify/admin-2026-04.graphql", import.meta.url), "utf8"));
  return schema;
}

/** The schema's errors for a document and its variables (empty when Shopify would accept them). */
export function adminOperationErrors(query: string, variables: Record<string, unknown> = {}): string[] {
  let document;
  try {
    document = parse(query);
  } catch (error) {
    return [(error as Error).message];
  }
  const errors = validate(adminSchema(), document).map((e) => e.message);
  if (errors.length) return errors;
  const operation = getOperationAST(document);
  if (!operation) return ["The document has no single operation."];
  const coerced = getVariableValues(adminSchema(), operation.variableDefinitions ?? [], variables);
  return coerced.errors?.map((e) => e.message) ?? [];
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
  const errors = adminOperationErrors(query, variables);
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
