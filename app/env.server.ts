// The environment, validated once at start-up: every problem is reported on its own line.
import { z } from "zod";
import { isTestSuite } from "./lib/runtime-mode.server";

// Variables that bend the app for tests (fakes, pinned clock, crash points). Outside the test
// suite they are refused, not ignored: a forgotten one in a real deployment is a mistake to see.
export const TEST_ONLY_VARIABLES = [
  "STRIPE_API_ORIGIN",
  "SHOPIFY_ADMIN_API_ORIGIN",
  "PAYPAL_API_ORIGIN",
  "CREATOR_PAYOUTS_CRASH_AT",
  "CREATOR_PAYOUTS_CLOCK",
] as const;

const booleanFlag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((v) => v === "1" || v === "true");

const required = (message: string) => z.string({ required_error: message }).min(1, message);

// The variables and their formats; the rules across variables are below (environmentSchema).
const variablesSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL")
    .optional(),
  // The owner of the tables, for migrations (`npm run db:migrate`, the launcher); DATABASE_URL is
  // then the runtime role. Unset: migrations use DATABASE_URL (roles not separated).
  DATABASE_MIGRATION_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  HOST: z.string().min(1).default("localhost"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SHOPIFY_API_KEY: required("is required (the app's client id from the Partner Dashboard)"),
  SHOPIFY_API_SECRET: required("is required (the app's client secret)"),
  SHOPIFY_APP_URL: required("is required (the app's public https URL)").pipe(z.string().url("must be the app's public https URL")),
  SCOPES: z
    .string()
    .default(
      "read_orders,read_customers,write_customers,read_discounts,write_discounts,read_products,write_pixels,read_customer_events,read_store_credit_accounts,write_store_credit_account_transactions,read_gift_cards,write_gift_cards",
    ),
  SHOP_CUSTOM_DOMAIN: z.string().optional(),
  // Proxies of our own between Shopify's app proxy and the app that append to X-Forwarded-For
  // (app/portal/client-address.server.ts).
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  CREATOR_PAYOUTS_DEMO: booleanFlag,
  JOB_WORKER_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(4),
  // Inbound drain batches one drain job works at once (app/jobs/tasks/inbound-drain-schedule.server.ts).
  INBOUND_DRAIN_BATCHES_IN_FLIGHT: z.coerce.number().int().min(1).max(8).default(1),
  // scripts/worker.ts: JOB_WORKER_CRON=0 leaves recurring jobs to other instances.
  JOB_WORKER_CRON: z.enum(["0", "1"]).default("1"),
  ENCRYPTION_KEYS: z
    .string()
    .regex(/^\s*[\w-]+:[A-Za-z0-9+/=]{43,44}\s*(,\s*[\w-]+:[A-Za-z0-9+/=]{43,44}\s*)*$/, "must be <id>:<base64 of 32 bytes>[,<id>:<key>…]")
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  EMAIL_FROM: z.string().email("must be an email address").optional(),
  EMAIL_OUTBOX_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  // Single-store deployments: one Stripe connection by environment, bound to one shop.
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, "must be a Stripe secret (sk_…) or restricted (rk_…) key")
    .optional(),
  STRIPE_SHOP_DOMAIN: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "must be the shop's myshopify.com domain")
    .optional(),
  STRIPE_PLATFORM_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, "must be a webhook signing secret (whsec_…)")
    .optional(),
  STRIPE_CONNECT_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, "must be a webhook signing secret (whsec_…)")
    .optional(),
  // Tests only: where the Stripe SDK sends requests (a local fake).
  STRIPE_API_ORIGIN: z.string().url("must be an http(s) origin").optional(),
  // Tests only: where PayPal API calls go (tests/support/fake-paypal.ts) instead of api-m.(sandbox.)paypal.com.
  PAYPAL_API_ORIGIN: z
    .string()
    .regex(/^https?:\/\/[^/?#\s]+\/*$/, "must be an http(s) origin such as http://127.0.0.1:4000 (scheme, host and port only)")
    .optional(),
  // Tests only: where Admin API calls go (a local fake). An origin: the path is the Admin API's.
  SHOPIFY_ADMIN_API_ORIGIN: z
    .string()
    .regex(/^https?:\/\/[^/?#\s]+\/*$/, "must be an http(s) origin such as http://127.0.0.1:4000 (scheme, host and port only)")
    .optional(),
  // Tests (and the demo) only: a pinned "now". A wrong one would silently fall back to real time.
  CREATOR_PAYOUTS_CLOCK: z
    .string()
    .datetime({ offset: true, message: "must be an ISO 8601 instant with its offset, such as 2026-03-01T10:00:00Z" })
    .optional(),
  // Tests only: the named point at which a payout worker kills itself (app/stripe/crash-point.server.ts).
  CREATOR_PAYOUTS_CRASH_AT: z
    .enum([
      "before_stripe_call",
      "after_stripe_response",
      "before_settle_commit",
      "before_store_credit_call",
      "after_store_credit_response",
      "before_gift_card_call",
      "after_gift_card_response",
    ])
    .optional(),
  // Set by Vitest (see app/lib/runtime-mode.server.ts).
  VITEST: z.string().optional(),
});

const environmentSchema = variablesSchema.superRefine((env, ctx) => {
  const testSuite = isTestSuite(env);
  if (env.NODE_ENV === "production" && env.CREATOR_PAYOUTS_DEMO) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["CREATOR_PAYOUTS_DEMO"],
      message: "demo mode is for development only and refuses to run with NODE_ENV=production",
    });
  }
  // The development key is in the repository: only the demo and the test suite may use it.
  if (!env.ENCRYPTION_KEYS && !env.CREATOR_PAYOUTS_DEMO && !testSuite) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["ENCRYPTION_KEYS"],
      message:
        "is required outside demo mode and the test suite (keys that seal credentials and payout details at rest; generate one with `openssl rand -base64 32`)",
    });
  }
  // The job worker keeps one connection of the shared pool for LISTEN.
  if (env.JOB_WORKER_CONCURRENCY > 0 && env.DATABASE_POOL_SIZE < 2) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["DATABASE_POOL_SIZE"],
      message: "must be at least 2 when this instance works jobs (the job worker keeps one connection to listen for new jobs)",
    });
  }
  const stripeByEnvironment = {
    STRIPE_SECRET_KEY: env.STRIPE_SECRET_KEY,
    STRIPE_SHOP_DOMAIN: env.STRIPE_SHOP_DOMAIN,
    STRIPE_PLATFORM_WEBHOOK_SECRET: env.STRIPE_PLATFORM_WEBHOOK_SECRET,
    STRIPE_CONNECT_WEBHOOK_SECRET: env.STRIPE_CONNECT_WEBHOOK_SECRET,
  };
  if (Object.values(stripeByEnvironment).some(Boolean)) {
    for (const [name, value] of Object.entries(stripeByEnvironment)) {
      if (!value) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [name],
          message: "is required when Stripe is configured by environment (set all four STRIPE_* variables, or none)",
        });
      }
    }
  }
  for (const testOnly of TEST_ONLY_VARIABLES) {
    // The demo may pin its clock; nothing else outside the test suite.
    const allowed = testSuite || (testOnly === "CREATOR_PAYOUTS_CLOCK" && env.CREATOR_PAYOUTS_DEMO && env.NODE_ENV !== "production");
    if (env[testOnly] && !allowed) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [testOnly],
        message: "is for tests only: refused outside the test suite (app/lib/runtime-mode.server.ts)",
      });
    }
  }
  if (env.NODE_ENV === "production" && !env.DATABASE_URL) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["DATABASE_URL"],
      message: "is required in production (the embedded database is for development and tests)",
    });
  }
});

export type Environment = z.infer<typeof environmentSchema>;

export class InvalidEnvironmentError extends Error {
  constructor(public readonly problems: string[]) {
    // One problem fits on one line; several get a line each.
    super(
      problems.length === 1
        ? `Invalid configuration: ${problems[0]}`
        : `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "InvalidEnvironmentError";
  }
}

function parseWith<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, source: Record<string, string | undefined>): T {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  throw new InvalidEnvironmentError(result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`));
}

export function parseEnvironment(source: Record<string, string | undefined>): Environment {
  return parseWith(environmentSchema, source);
}

type VariableName = keyof Environment;
const VARIABLE_NAMES = Object.keys(variablesSchema.shape) as VariableName[];

// The values a parse was made from: the cache holds while they are unchanged. Tests (and the
// launcher) set variables while the process runs, so "parsed once" would go stale.
function fingerprint(names: readonly VariableName[]): string {
  return names.map((name) => process.env[name] ?? "\u0000").join("\u0001");
}

let cached: { fingerprint: string; environment: Environment } | undefined;

/**
 * The app's configuration, parsed and typed: the one reader of `process.env` in app/. Throws
 * InvalidEnvironmentError (every problem on its own line) when it is invalid.
 */
export function env(): Environment {
  const current = fingerprint(VARIABLE_NAMES);
  if (cached?.fingerprint !== current) cached = { fingerprint: current, environment: parseEnvironment(process.env) };
  return cached.environment;
}

const partCache = new Map<string, { schema: z.ZodTypeAny; fingerprint?: string; values?: unknown }>();

/**
 * Some of the variables, each validated as env() does but without requiring the rest: for the
 * parts that also run where the app's whole configuration is absent — the database pool and the
 * clock in scripts and tests, the secret box in `npm run keys:reseal`. Their rules across
 * variables are env()'s, checked at start-up; these parts keep their own production guards.
 */
export function envVariables<K extends VariableName>(...names: K[]): Pick<Environment, K> {
  const key = names.join(",");
  let part = partCache.get(key);
  if (!part) {
    part = { schema: variablesSchema.pick(Object.fromEntries(names.map((name) => [name, true])) as { [name in VariableName]?: true }) };
    partCache.set(key, part);
  }
  const current = fingerprint(names);
  if (part.fingerprint !== current) {
    part.values = parseWith(part.schema, process.env);
    part.fingerprint = current;
  }
  return part.values as Pick<Environment, K>;
}

/** Whether this process runs in the test suite (see app/lib/runtime-mode.server.ts). */
export function inTestSuite(): boolean {
  return isTestSuite(envVariables("VITEST", "NODE_ENV"));
}
