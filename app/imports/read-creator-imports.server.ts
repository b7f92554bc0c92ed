// The import page's reads: one import's progress and summary, and the shop's recent imports.
import type { CreatorImport } from "@prisma/client";
import { db } from "../db.server";
import { now } from "../lib/clock.server";
import { isImportStale } from "./creator-import-heartbeat";

export interface CreatorImportView {
  id: string;
  status: "running" | "completed" | "failed";
  fileName: string;
  presetLabel: string;
  totalRows: number;
  doneRows: number;
  progress: number;
  error: string | null;
  counts: { create: number; update: number; unchanged: number } | null;
  openingBalances: { currency: string; count: number; totalMinor: number }[];
  createdAt: string;
  createdBy: string;
  /** Running, but its worker stopped sending heartbeats: the page offers Resume. */
  stale: boolean;
}

// The stored file is not read back: the page needs only progress and summary.
type ImportRow = Omit<CreatorImport, "csvText">;

function view(row: ImportRow, presetLabel: (id: string) => string): CreatorImportView {
  const summary = (row.summary ?? {}) as Partial<Pick<CreatorImportView, "counts" | "openingBalances">>;
  return {
    id: row.id,
    status: row.status,
    fileName: row.fileName,
    presetLabel: presetLabel(row.preset),
    totalRows: row.totalRows,
    doneRows: row.doneRows,
    progress: row.totalRows === 0 ? 100 : Math.min(100, Math.round((row.doneRows * 100) / row.totalRows)),
    error: row.error,
    counts: summary.counts ?? null,
    openingBalances: summary.openingBalances ?? [],
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    stale: isImportStale(row, now()),
  };
}

/** The shop's import (404 as null when it is another shop's or absent), and its five latest. */
export async function readCreatorImports(shopId: string, importId: string | null, presetLabel: (id: string) => string) {
  const omit = { omit: { csvText: true } } as const;
  const current = importId ? await db().creatorImport.findFirst({ where: { id: importId, shopId }, ...omit }) : null;
  const recent = await db().creatorImport.findMany({ where: { shopId }, orderBy: { createdAt: "desc" }, take: 5, ...omit });
  return {
    current: current ? view(current, presetLabel) : null,
    recent: recent.map((row) => view(row, presetLabel)),
  };
}
