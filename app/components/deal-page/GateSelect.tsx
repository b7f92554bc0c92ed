import { Select } from "@shopify/polaris";
import { useState } from "react";

/** Which deliverable, if any, a new fee waits for. */
export function GateSelect({ deliverables }: { deliverables: { id: string; title: string }[] }) {
  const [value, setValue] = useState("");
  return (
    <Select
      label="Payable when"
      name="deliverableId"
      value={value}
      onChange={setValue}
      options={[
        { label: "Now (no deliverable)", value: "" },
        ...deliverables.map((d) => ({ label: `"${d.title}" is approved`, value: d.id })),
      ]}
    />
  );
}
