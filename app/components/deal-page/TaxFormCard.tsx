import { Badge, BlockStack, Card, Link, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import type { CreatorTaxStatus } from "~/tax-forms/read-creator-tax-status.server";
import { InlineForm } from "./InlineForm";
import type { ErrorsFor } from "./errors-for";

const KIND_LABEL = { w9: "W-9", w8ben: "W-8BEN" } as const;

const CLASSIFICATIONS = [
  ["individual", "Individual / sole proprietor / single-member LLC"],
  ["c_corporation", "C corporation"],
  ["s_corporation", "S corporation"],
  ["partnership", "Partnership"],
  ["trust_estate", "Trust / estate"],
  ["llc_c", "LLC (C corporation)"],
  ["llc_s", "LLC (S corporation)"],
  ["llc_p", "LLC (partnership)"],
  ["other", "Other"],
] as const;

/** The creator's W-9 / W-8BEN on file and "received on paper" (payouts it holds: PayoutHoldsCard, with every other reason). */
export function TaxFormCard({ creatorId, tax, errorsFor }: { creatorId: string; tax: CreatorTaxStatus; errorsFor: ErrorsFor }) {
  const [classification, setClassification] = useState("individual");
  const [tinKind, setTinKind] = useState("ssn");
  const form = tax.form;
  const errors = errorsFor("record_paper_w9");
  const w8benErrors = errorsFor("record_paper_w8ben");
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Tax form
        </Text>
        {form ? (
          <BlockStack gap="100">
            <Text as="p">
              {KIND_LABEL[form.kind]} {form.source === "paper" ? "received on paper" : "certified in the portal"}, signed {form.signedOn}{" "}
              {form.validToday ? <Badge tone="success">Valid</Badge> : <Badge tone="critical">Expired</Badge>}
            </Text>
            <Text as="p">Name: {form.legalName}</Text>
            {form.maskedTin && <Text as="p">TIN: {form.maskedTin}</Text>}
            {form.validThrough && <Text as="p">Valid through {form.validThrough}</Text>}
            <Link url={`/app/creators/${creatorId}/tax-form.pdf`} target="_blank">
              PDF summary
            </Link>
          </BlockStack>
        ) : (
          <Text as="p" tone="subdued">
            No W-9 or W-8BEN on file. The creator fills one in the portal.
          </Text>
        )}
        <Text as="h3" variant="headingSm">
          Record a W-9 received on paper
        </Text>
        <InlineForm
          intent="record_paper_w9"
          hidden={{ kind: "w9", taxClassification: classification, tinKind }}
          submitLabel="Record W-9"
          errors={errors}
          fields={[
            { name: "legalName", label: "Name (as on the tax return)" },
            { name: "businessName", label: "Business name (optional)" },
            { name: "addressLine", label: "Street address" },
            { name: "city", label: "City" },
            { name: "region", label: "State", placeholder: "CA" },
            { name: "postalCode", label: "ZIP code" },
            { name: "tin", label: "SSN or EIN" },
            { name: "signedOn", label: "Signed on", type: "date" },
          ]}
        >
          <Select
            label="Federal tax classification"
            options={CLASSIFICATIONS.map(([value, label]) => ({ value, label }))}
            value={classification}
            onChange={setClassification}
            error={errors.taxClassification}
          />
          <Select
            label="TIN type"
            options={[
              { value: "ssn", label: "SSN" },
              { value: "ein", label: "EIN" },
            ]}
            value={tinKind}
            onChange={setTinKind}
            error={errors.tinKind}
          />
        </InlineForm>
        <Text as="h3" variant="headingSm">
          Record a W-8BEN received on paper
        </Text>
        <InlineForm
          intent="record_paper_w8ben"
          hidden={{ kind: "w8ben" }}
          submitLabel="Record W-8BEN"
          errors={w8benErrors}
          fields={[
            { name: "legalName", label: "Name" },
            { name: "citizenshipCountry", label: "Country of citizenship", placeholder: "DE" },
            { name: "addressLine", label: "Street address" },
            { name: "city", label: "City" },
            { name: "region", label: "Region (optional)" },
            { name: "postalCode", label: "Postal code (optional)" },
            { name: "country", label: "Country of residence", placeholder: "DE" },
            { name: "foreignTaxId", label: "Foreign tax id (optional)" },
            { name: "treatyCountry", label: "Treaty country (optional)", placeholder: "DE" },
            { name: "treatyArticle", label: "Treaty article (optional)" },
            { name: "dateOfBirth", label: "Date of birth", type: "date" },
            { name: "signedOn", label: "Signed on", type: "date" },
          ]}
        />
      </BlockStack>
    </Card>
  );
}
