import { describe, expect, it } from "vitest";
import { parseOptions } from "../../bench/support/options";

describe("bench options", () => {
  it("takes `--instances 3` as the flag's value, not as a benchmark name", () => {
    const { options, names } = parseOptions(["webhook-ingestion", "--instances", "3", "--n=10", "--durable"], { NODE_ENV: "test" });
    expect(names).toEqual(["webhook-ingestion"]);
    expect(options).toMatchObject({ n: 10, durable: true });
  });

  it("still reads names after a flag without a value", () => {
    expect(parseOptions(["--durable", "portal"], { NODE_ENV: "test" }).names).toEqual(["portal"]);
  });
});
