// A tiny escaping HTML template: every interpolated value is escaped unless it is already Html
// (the output of another `html` template). The portal is server-rendered text, no client framework.

export class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

// Braces too: pages served as application/liquid are rendered by the theme's Liquid engine, and a
// creator's or shop's text must never become a Liquid tag.
const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "{": "&#123;",
  "}": "&#125;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'{}]/g, (char) => ESCAPES[char]);
}

export type Part = Html | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return "";
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join("");
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Joins fragments (already safe). */
export const join = (parts: readonly Part[]) => new Html(render(parts));
