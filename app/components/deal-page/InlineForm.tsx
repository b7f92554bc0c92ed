import { Form, useNavigation } from "@remix-run/react";
import { Button, InlineStack, TextField } from "@shopify/polaris";
import { useState, type ReactNode } from "react";

export interface InlineField {
  name: string;
  label: string;
  placeholder?: string;
  type?: "text" | "date" | "url";
  multiline?: boolean;
  initial?: string;
}

/**
 * A small form posting one intent to the deal page's action: the fields, hidden values and a
 * submit button; field errors come from the last action result.
 */
export function InlineForm({
  intent,
  fields,
  hidden = {},
  submitLabel,
  errors = {},
  tone,
  children,
}: {
  intent: string;
  fields: InlineField[];
  hidden?: Record<string, string>;
  submitLabel: string;
  errors?: Record<string, string>;
  tone?: "critical";
  children?: ReactNode;
}) {
  const navigation = useNavigation();
  const [values, setValues] = useState<Record<string, string>>(Object.fromEntries(fields.map((f) => [f.name, f.initial ?? ""])));
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <Form method="post" onSubmit={() => setValues(Object.fromEntries(fields.map((f) => [f.name, f.initial ?? ""])))}>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <InlineStack gap="200" blockAlign="end" wrap>
        {fields.map((field) => (
          <div key={field.name} style={{ flex: field.multiline ? "1 1 100%" : "1 1 10rem" }}>
            <TextField
              label={field.label}
              name={field.name}
              type={field.type ?? "text"}
              value={values[field.name] ?? ""}
              onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
              placeholder={field.placeholder}
              multiline={field.multiline ? 2 : undefined}
              error={errors[field.name]}
              autoComplete="off"
            />
          </div>
        ))}
        {children}
        <Button submit loading={submitting} tone={tone}>
          {submitLabel}
        </Button>
      </InlineStack>
    </Form>
  );
}

/** A one-button form (approve, cancel, resume…). */
export function IntentButton({
  intent,
  hidden = {},
  label,
  tone,
  variant,
}: {
  intent: string;
  hidden?: Record<string, string>;
  label: string;
  tone?: "critical" | "success";
  variant?: "primary" | "plain";
}) {
  const navigation = useNavigation();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button submit size="slim" tone={tone} variant={variant} disabled={navigation.state === "submitting"}>
        {label}
      </Button>
    </Form>
  );
}
