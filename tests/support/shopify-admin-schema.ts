// Shopify's Admin GraphQL schema for API version 2026-04 (the version the app pins), and the check
// the Admin API stand-in holds every operation to. The SDL in tests/fixtures/shopify was printed
// with graphql-js `printSchema` from the introspection result Shopify publishes in the npm
// package @shopify/dev-mcp@1.16.0 (dist/data/admin_2026-04.json.gz). It is copied rather than
// installed because that package pulls the Shopify CLI, Hydrogen, React Router and React 19 types.
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  buildSchema,
  getVariableValues,
  NoDeprecatedCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";

const SDL = path.join(import.meta.dirname, "../fixtures/shopify/admin-2026-04.graphql");

/**
 * graphql-js's own rules plus "no deprecated field, argument, input field or enum value": Shopify
 * removes deprecated parts in a later version, and the app must move off them before it upgrades.
 */
export const ADMIN_VALIDATION_RULES = [...specifiedRules, NoDeprecatedCustomRule];

let schema: GraphQLSchema | undefined;

/** Built once per process: the SDL is 3.5 MB and takes about half a second to build. */
export function adminSchema(): GraphQLSchema {
  schema ??= buildSchema(readFileSync(SDL, "utf8"));
  return schema;
}

export type AdminOperationCheck =
  | { ok: true; document: DocumentNode; operation: OperationDefinitionNode; variables: Record<string, unknown> }
  | { ok: false; errors: string[] };

/**
 * Checks one request body as Shopify would before running it: the query parses, validates against
 * the 2026-04 schema, names one operation, and its variables coerce to their declared types.
 */
export function checkAdminOperation(query: unknown, variables: unknown, operationName?: unknown): AdminOperationCheck {
  if (typeof query !== "string" || query.trim() === "") return { ok: false, errors: ["the request has no query"] };
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return { ok: false, errors: [(error as Error).message] };
  }
  const invalid = validate(adminSchema(), document, ADMIN_VALIDATION_RULES);
  if (invalid.length > 0) return { ok: false, errors: invalid.map((error) => error.message) };
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === "OperationDefinition");
  const operation =
    typeof operationName === "string"
      ? operations.find((o) => o.name?.value === operationName)
      : operations.length === 1
        ? operations[0]
        : undefined;
  if (!operation) return { ok: false, errors: ["the request must name exactly one operation to run"] };
  const coerced = getVariableValues(adminSchema(), operation.variableDefinitions ?? [], (variables ?? {}) as Record<string, unknown>);
  if (coerced.errors) return { ok: false, errors: coerced.errors.map((error) => error.message) };
  return { ok: true, document, operation, variables: coerced.coerced };
}
