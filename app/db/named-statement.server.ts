// A read model's one statement, sent as a NAMED statement on the process's pool: PostgreSQL parses
// and plans it once per connection (then reuses its generic plan) instead of on every request, as
// it does for Prisma's unnamed statements, and Prisma's per-query work is skipped. For statements
// whose text is the same on every request (only the values change) and whose columns are JSON or
// text (node-postgres parses json; a bigint would come back as a string).
import type { Prisma } from "@prisma/client";
import type pg from "pg";
import { pgPool } from "../lib/pg-pool.server";

const names = new Map<string, string>();

/** The statement's name: one per distinct text (a name must always stand for the same text on a connection). */
export function statementName(prefix: string, text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `${prefix}-${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

export async function queryNamed<Row extends pg.QueryResultRow>(prefix: string, statement: Prisma.Sql): Promise<Row[]> {
  const { rows } = await pgPool().query<Row>({
    name: statementName(prefix, statement.text),
    text: statement.text,
    values: statement.values as unknown[],
  });
  return rows;
}
