import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";

// `@prisma/adapter-pg` does not map the PostgreSQL catalog types `name` (OID 19) and `"char"`
// (OID 18) that the schema engine reads (prisma/orm#27403). Report them as text (OID 25).
class CatalogTypeFixingPool extends pg.Pool {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(...args: any[]): any {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as any)(...args);
    if (result && typeof result.then === "function") {
      return result.then((res: pg.QueryResult) => {
        for (const field of res?.fields ?? []) {
          if (field.dataTypeID === 19 || field.dataTypeID === 18) field.dataTypeID = 25;
        }
        return res;
      });
    }
    return result;
  }
}

/**
 * The adapter's `executeScript` splits a migration on every ";", which breaks PL/pgSQL bodies
 * and comments. node-postgres sends a parameterless multi-statement script as one simple query
 * (one implicit transaction), so hand it the whole script instead.
 */
function migrationSafeAdapter(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    adapter.executeScript = async (script: string) => {
      await adapter.underlyingDriver().query(script);
    };
    return adapter;
  };
  return factory;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => migrationSafeAdapter(new PrismaPg(new CatalogTypeFixingPool({ connectionString: process.env.DATABASE_URL }))),
});
