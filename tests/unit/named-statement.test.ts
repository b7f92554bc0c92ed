// A named statement must always stand for the same text on a connection: one name per text.
import { describe, expect, it } from "vitest";
import { statementName } from "~/db/named-statement.server";

describe("statementName", () => {
  it("gives the same text the same name and another text another name", () => {
    const a = statementName("t", "SELECT 1 WHERE $1::text = 'a'");
    const b = statementName("t", "SELECT 2 WHERE $1::text = 'b'");
    expect(statementName("t", "SELECT 1 WHERE $1::text = 'a'")).toBe(a);
    expect(b).not.toBe(a);
    expect(a.startsWith("t-")).toBe(true);
  });
});
