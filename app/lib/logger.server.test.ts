import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger, logger } from "./logger.server";

function capture() {
  const lines: Record<string, unknown>[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(JSON.parse(line)) } };
}

describe("the logger", () => {
  const savedLevel = process.env.LOG_LEVEL;
  afterEach(() => {
    if (savedLevel === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = savedLevel;
  });

  it("never writes tokens, secrets or payment details, at the top or one level down", () => {
    const { lines, destination } = capture();
    createLogger({ level: "info", destination }).info(
      {
        token: "pt_123",
        accessToken: "shpat_abc",
        connection: { secretKey: "sk_live_123", webhookSecret: "whsec_456", shop: "trail.myshopify.com" },
        payoutDetails: { iban: "DE89370400440532013000" },
        creator: { iban: "DE89370400440532013000", accountNumber: "000123456789", name: "Ada" },
        request: { headers: { authorization: "Bearer eyJ", cookie: "session=1" } },
      },
      "stripe connected",
    );
    const written = JSON.stringify(lines);
    for (const secret of [
      "pt_123",
      "shpat_abc",
      "sk_live_123",
      "whsec_456",
      "DE89370400440532013000",
      "000123456789",
      "Bearer eyJ",
      "session=1",
    ]) {
      expect(written).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      msg: "stripe connected",
      levelName: "info",
      connection: { shop: "trail.myshopify.com", secretKey: "[redacted]" },
      creator: { name: "Ada" },
    });
  });

  it("honours LOG_LEVEL", () => {
    process.env.LOG_LEVEL = "warn";
    expect(logger().isLevelEnabled("info")).toBe(false);
    expect(logger().isLevelEnabled("warn")).toBe(true);
    process.env.LOG_LEVEL = "debug";
    expect(logger().isLevelEnabled("debug")).toBe(true);
    const { lines, destination } = capture();
    const quiet = createLogger({ level: "error", destination });
    quiet.warn("not written");
    quiet.error("written");
    expect(lines.map((line) => line.msg)).toEqual(["written"]);
  });

  it("refuses a LOG_LEVEL it does not know, with a sentence", () => {
    process.env.LOG_LEVEL = "verbose";
    expect(() => logger()).toThrow(/LOG_LEVEL /);
  });

  it("sends error-level lines through console.error in the test suite, so an unexpected one fails the test", () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    process.env.LOG_LEVEL = "info";
    logger().error({ module: "test" }, "something broke");
    expect(consoleError).toHaveBeenCalledTimes(1);
    expect(String(consoleError.mock.calls[0][0])).toContain("something broke");
  });
});
