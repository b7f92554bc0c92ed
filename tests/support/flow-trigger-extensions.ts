// The app's Shopify Flow trigger extensions as Flow reads them (extensions/flow-*/shopify.extension.toml),
// and the check Flow applies to a `flowTriggerReceive` payload: every key declared, every declared
// custom field present with a value of its type. The rules follow shopify.dev "Flow trigger
// reference" and the Shopify CLI's flow_trigger schema: custom keys are letters and spaces; the
// trigger field types are boolean, email, single_line_text_field, url and number_decimal; a
// reference field `<object>_reference` is sent as `<object>_id`, a numeric id.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";

const EXTENSIONS_DIR = path.resolve(import.meta.dirname, "../../extensions");

export const TRIGGER_REFERENCE_TYPES = ["customer_reference", "order_reference", "product_reference"] as const;
export const TRIGGER_FIELD_TYPES = ["boolean", "email", "single_line_text_field", "url", "number_decimal"] as const;

export interface FlowTriggerField {
  type: string;
  key?: string;
  description?: string;
}

export interface FlowTriggerExtension {
  dir: string;
  name: string;
  type: string;
  handle: string;
  description?: string;
  fields: FlowTriggerField[];
}

/** Every flow_trigger extension of the app, read from its TOML. */
export function readFlowTriggerExtensions(): FlowTriggerExtension[] {
  const found: FlowTriggerExtension[] = [];
  for (const dir of readdirSync(EXTENSIONS_DIR)) {
    let text: string;
    try {
      text = readFileSync(path.join(EXTENSIONS_DIR, dir, "shopify.extension.toml"), "utf8");
    } catch {
      continue;
    }
    const toml = parse(text) as {
      extensions?: { name: string; type: string; handle: string; description?: string }[];
      settings?: { fields?: FlowTriggerField[] };
    };
    const extension = toml.extensions?.[0];
    if (extension?.type !== "flow_trigger") continue;
    found.push({ dir, ...extension, fields: toml.settings?.fields ?? [] });
  }
  return found;
}

/** What is wrong with the extension's declaration (empty when Flow would accept it). */
export function extensionProblems(extension: FlowTriggerExtension): string[] {
  const problems: string[] = [];
  if (!/^[a-zA-Z0-9-]{1,30}$/.test(extension.handle)) problems.push(`handle "${extension.handle}" is not 1-30 letters, digits and hyphens`);
  if (!extension.name) problems.push("name is missing");
  const keys = new Set<string>();
  for (const field of extension.fields) {
    const isReference = (TRIGGER_REFERENCE_TYPES as readonly string[]).includes(field.type);
    if (isReference) {
      if (field.key !== undefined) problems.push(`${field.type} takes no key`);
      continue;
    }
    if (!(TRIGGER_FIELD_TYPES as readonly string[]).includes(field.type))
      problems.push(`field type ${field.type} is not a Flow trigger type`);
    if (!field.key || !/^[a-zA-Z\s]+$/.test(field.key)) problems.push(`key "${field.key}" must be letters and spaces only`);
    else if (keys.has(field.key)) problems.push(`key "${field.key}" is declared twice`);
    else keys.add(field.key);
  }
  return problems;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function valueProblem(type: string, value: unknown): string | null {
  switch (type) {
    case "single_line_text_field":
      return typeof value === "string" && !/[\r\n]/.test(value) ? null : "a one-line string";
    case "email":
      return typeof value === "string" && EMAIL.test(value) ? null : "an email address";
    case "url":
      return typeof value === "string" && URL.canParse(value) ? null : "a URL";
    case "number_decimal":
      return typeof value === "number" && Number.isFinite(value) ? null : "a decimal number";
    case "boolean":
      return typeof value === "boolean" ? null : "true or false";
    default:
      return Number.isSafeInteger(value) && (value as number) > 0 ? null : "a numeric Shopify id";
  }
}

/**
 * What is wrong with `payload` for the trigger `handle` (empty when it matches the declared
 * fields exactly). A reference field may be absent (a creator not linked to a customer); every
 * custom field must be present with a value of its declared type; no undeclared key is allowed.
 */
export function flowPayloadProblems(handle: unknown, payload: unknown, extensions = readFlowTriggerExtensions()): string[] {
  const extension = extensions.find((candidate) => candidate.handle === handle);
  if (!extension) return [`no flow_trigger extension has the handle ${JSON.stringify(handle)}`];
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return ["the payload is not a JSON object"];
  const values = payload as Record<string, unknown>;
  const declared = new Map<string, { type: string; reference: boolean }>();
  for (const field of extension.fields) {
    const reference = (TRIGGER_REFERENCE_TYPES as readonly string[]).includes(field.type);
    declared.set(reference ? field.type.replace(/_reference$/, "_id") : field.key!, { type: field.type, reference });
  }
  const problems: string[] = [];
  for (const key of Object.keys(values)) if (!declared.has(key)) problems.push(`"${key}" is not a field of ${extension.handle}`);
  for (const [key, { type, reference }] of declared) {
    if (!(key in values)) {
      if (!reference) problems.push(`"${key}" (${type}) is missing`);
      continue;
    }
    const problem = valueProblem(type, values[key]);
    if (problem) problems.push(`"${key}" should be ${problem} (${type}), got ${JSON.stringify(values[key])}`);
  }
  return problems;
}
