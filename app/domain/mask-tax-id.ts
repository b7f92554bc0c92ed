// A tax id as an audit trail or a form may show it: never in clear, enough to recognise it.

/** "•••• 6789" for a long id, "••••" for a short one (showing its end would show most of it). */
export function maskTaxId(taxId: string): string {
  const compact = taxId.replace(/\s+/g, "");
  return compact.length >= 8 ? `•••• ${compact.slice(-4)}` : "••••";
}
