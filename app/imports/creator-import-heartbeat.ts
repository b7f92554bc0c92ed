// When a running import has lost its worker. The import is applied in one transaction, so a worker
// that died saved nothing; graphile-worker would keep its job locked for hours. The worker writes a
// heartbeat when it starts and after each batch of rows (a batch takes seconds): none for this long
// means nobody is working the import, and the merchant may resume it. Pure.

export const IMPORT_STALE_AFTER_MINUTES = 10;

export function isImportStale(row: { status: string; heartbeatAt: Date | null; createdAt: Date }, at: Date): boolean {
  if (row.status !== "running") return false;
  const lastSign = row.heartbeatAt ?? row.createdAt;
  return at.getTime() - lastSign.getTime() > IMPORT_STALE_AFTER_MINUTES * 60_000;
}
