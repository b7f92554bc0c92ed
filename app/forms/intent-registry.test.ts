import { describe, expect, it } from "vitest";
import { statusOfDomainError } from "../http/domain-error-status";
import { intentRegistry } from "./intent-registry";

describe("the intent registry of a multi-action page", () => {
  const registry = intentRegistry<{ amount: number }, string>({
    double: async ({ amount }) => `${amount * 2}`,
    echo: async ({ amount }) => `${amount}`,
  });

  it("runs the handler of the form's intent", async () => {
    expect(registry.intents).toEqual(["double", "echo"]);
    await expect(registry.run("double", { amount: 21 })).resolves.toBe("42");
  });

  it.each(["", "nope", "constructor", "__proto__", "toString", "hasOwnProperty"])(
    "refuses the unknown intent %j with a sentence (400)",
    async (intent) => {
      await expect((async () => registry.run(intent, { amount: 1 }))()).rejects.toMatchObject({
        code: "unknown_intent",
        message: "This page does not know that action. Reload the page and try again.",
      });
      expect(statusOfDomainError("unknown_intent")).toBe(400);
    },
  );
});
