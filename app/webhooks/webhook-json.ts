// Whether an authentic webhook body is JSON this app can use: an object, nested no deeper than
// MAX_JSON_DEPTH. JSON.parse copes with 100,000 nested arrays, but the recursive code after it
// (JSON.stringify, the database driver, PostgreSQL's jsonb parser, payload schemas) overflows
// its stack, so depth is checked before anything else touches the body. Shopify and Stripe
// payloads nest about ten levels.

export const MAX_JSON_DEPTH = 64;

const BYTE_ORDER_MARK = "\uFEFF";

/** JSON text may start with a byte-order mark (RFC 8259 §8.1 lets a parser ignore it); signatures cover it, parsers do not. */
export const withoutByteOrderMark = (text: string) => (text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text);

const tooDeep = `body nests deeper than ${MAX_JSON_DEPTH} levels`;

const kindOf = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`);

/** The deepest nesting of brackets outside strings, counting up to just past `cap`. One pass, no recursion. */
function nestingDepthOfText(text: string, cap: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > deepest && (deepest = depth) > cap) return deepest;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/**
 * Why an authentic body (without its byte-order mark) cannot be used, or null when it is a
 * JSON object within the depth limit as far as a single scan tells; PostgreSQL's jsonb parser
 * judges the rest ("body is not JSON"). Objects are not parsed here: the hot path stays cheap.
 */
export function jsonBodyProblem(json: string): string | null {
  if (nestingDepthOfText(json, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return tooDeep;
  if (json.trimStart().startsWith("{")) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return "body is not JSON";
  }
  return `body is JSON ${kindOf(value)}, not an object`;
}

/** The same judgement on a parsed payload (an event stored before these checks existed). Iterative. */
export function jsonValueProblem(value: unknown): string | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return `body is JSON ${kindOf(value)}, not an object`;
  const stack: { value: object; depth: number }[] = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (depth > MAX_JSON_DEPTH) return tooDeep;
    for (const child of Object.values(current)) {
      if (child !== null && typeof child === "object") stack.push({ value: child, depth: depth + 1 });
    }
  }
  return null;
}
