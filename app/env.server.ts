// The environment, validated once at start-up: every problem is reported on its own line.
import { z } from "zod";

const booleanFlag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((v) => v === "1" || v === "true");

const required = (message: string) => z.string({ required_error: message }).min(1, message);

const environmentSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL")
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    HOST: z.string().min(1).default("localhost"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    SHOPIFY_API_KEY: required("is required (the app's client id from the Partner Dashboard)"),
    SHOPIFY_API_SECRET: required("is required (the app's client secret)"),
    SHOPIFY_APP_URL: required("is required (the app's public https URL)").pipe(
      z.string().url("must be the app's public https URL"),
    ),
    SCOPES: z.string().default("read_orders,read_customers,read_discounts,read_products"),
    SHOP_CUSTOM_DOMAIN: z.string().optional(),
    CREATOR_PAYOUTS_DEMO: booleanFlag,
    JOB_WORKER_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(4),
    ENCRYPTION_KEYS: z
      .string()
      .regex(/^\s*[\w-]+:[A-Za-z0-9+/=]{43,44}\s*(,\s*[\w-]+:[A-Za-z0-9+/=]{43,44}\s*)*$/, "must be <id>:<base64 of 32 bytes>[,<id>:<key>…]")
      .optional(),
    SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
    EMAIL_FROM: z.string().email("must be an email address").optional(),
    EMAIL_OUTBOX_DIR: z.string().optional(),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && env.CREATOR_PAYOUTS_DEMO) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["CREATOR_PAYOUTS_DEMO"],
        message: "demo mode is for development only and refuses to run with NODE_ENV=production",
      });
    }
    if (env.NODE_ENV === "production" && !env.ENCRYPTION_KEYS) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["ENCRYPTION_KEYS"],
        message: "is required in production (keys that seal credentials and payout details at rest)",
      });
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
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "InvalidEnvironmentError";
  }
}

export function parseEnvironment(source: Record<string, string | undefined>): Environment {
  const result = environmentSchema.safeParse(source);
  if (result.success) return result.data;
  throw new InvalidEnvironmentError(
    result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`),
  );
}

let cached: Environment | undefined;

export function env(): Environment {
  cached ??= parseEnvironment(process.env);
  return cached;
}
