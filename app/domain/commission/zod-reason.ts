import { z } from "zod";

/** What is wrong with a field, as the end of a sentence: "is missing", "should be a number, not a string". */
export function describeIssue(issue: z.ZodIssue): string {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return issue.received === "undefined" || issue.received === "null"
        ? "is missing"
        : `should be ${withArticle(issue.expected)}, not ${withArticle(issue.received)}`;
    case z.ZodIssueCode.invalid_enum_value:
      return `should be one of ${issue.options.join(", ")}`;
    case z.ZodIssueCode.invalid_union:
      return "has an unexpected value";
    case z.ZodIssueCode.custom:
      return issue.message;
    default:
      return issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
  }
}

function withArticle(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** `["line_items", 1, "price"]` → `line_items[1].price`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((text, key) => (typeof key === "number" ? `${text}[${key}]` : text === "" ? key : `${text}.${key}`), "");
}
