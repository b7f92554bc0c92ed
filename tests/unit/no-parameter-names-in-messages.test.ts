// Sentences the app shows people never name an internal parameter: not "(debtorIban)", not
// "(preview=1)". Reads the text parts of every string and template literal in app/ (never the
// ${…} expressions, comments or SQL identifiers) with the TypeScript parser.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// "(debtorIban)", "(executionDate)": a camelCase identifier; "(preview=1)", "(status=ready)": a query parameter.
const PARAMETER_IN_PARENTHESES = /\((?:[a-z]+[A-Z][A-Za-z0-9]*|[a-zA-Z_]+=[^)\s]*)\)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The literal text of strings and templates, with the line each starts on. */
function literalTexts(file: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const texts: { line: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isJsxText(node)) {
      texts.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    } else if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
      texts.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: parts.join("…") });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return texts;
}

/** A sentence: words and a space, not a SQL fragment or an identifier. */
const isSentence = (text: string) => / [a-z]/.test(text) && !/\b(SELECT|INSERT|UPDATE|WHERE|JOIN)\b/.test(text);

describe("messages in app/", () => {
  it("finds the leak it looks for", () => {
    expect(PARAMETER_IN_PARENTHESES.test("Enter the IBAN to pay from (debtorIban).")).toBe(true);
    expect(PARAMETER_IN_PARENTHESES.test("Preview the file (preview=1) to see why.")).toBe(true);
    expect(PARAMETER_IN_PARENTHESES.test("Paid offline (WIRE-2291)")).toBe(false);
    expect(PARAMETER_IN_PARENTHESES.test("Held (2)")).toBe(false);
  });

  it("name no internal parameter in parentheses", () => {
    const leaks = sourceFiles("app").flatMap((file) =>
      literalTexts(file)
        .filter(({ text }) => isSentence(text) && PARAMETER_IN_PARENTHESES.test(text))
        .map(({ line, text }) => `${file}:${line}: ${text}`),
    );
    expect(leaks).toEqual([]);
  });
});
