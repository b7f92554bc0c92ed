// The app's logger: JSON lines (pino) at LOG_LEVEL. Secrets, tokens and payment details are
// redacted by path, so a whole object can be logged without thinking about what it carries.
import pino, { type DestinationStream, type Logger } from "pino";
import { envVariables, inTestSuite } from "../env.server";

export type LogLevel = "debug" | "info" | "warn" | "error";

/** Field paths never written as they are (pino `redact`; `*` is one level of nesting). */
export const REDACTED_PATHS = [
  "password",
  "secret",
  "token",
  "accessToken",
  "apiKey",
  "secretKey",
  "webhookSecret",
  "authorization",
  "cookie",
  "iban",
  "accountNumber",
  "routingNumber",
  "payoutDetails",
  "bankDetails",
  "headers.authorization",
  "headers.cookie",
  "*.password",
  "*.secret",
  "*.token",
  "*.accessToken",
  "*.apiKey",
  "*.secretKey",
  "*.webhookSecret",
  "*.authorization",
  "*.cookie",
  "*.iban",
  "*.accountNumber",
  "*.routingNumber",
  "*.payoutDetails",
  "*.bankDetails",
  "*.headers.authorization",
  "*.headers.cookie",
];

const ERROR_LEVEL = 50;

// In the test suite an error-level line goes through console.error, so that
// tests/setup/fail-on-console-error.ts still fails a test that logs an error it did not expect.
const testSuiteDestination: DestinationStream = {
  write(line: string) {
    const level = (JSON.parse(line) as { level?: number }).level ?? 0;
    if (level >= ERROR_LEVEL) console.error(line.trimEnd());
    else process.stdout.write(line);
  },
};

export function createLogger(options: { level: LogLevel; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { app: "creator-payouts" },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label, number) => ({ level: number, levelName: label }) },
    },
    options.destination ?? (inTestSuite() ? testSuiteDestination : pino.destination({ dest: 1, sync: true })),
  );
}

let current: { level: LogLevel; logger: Logger } | undefined;

/** The process's logger (made again if LOG_LEVEL changes). */
export function logger(): Logger {
  const { LOG_LEVEL } = envVariables("LOG_LEVEL");
  if (current?.level !== LOG_LEVEL) current = { level: LOG_LEVEL, logger: createLogger({ level: LOG_LEVEL }) };
  return current.logger;
}
