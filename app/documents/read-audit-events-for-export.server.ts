import type { Prisma } from "@prisma/client";
import { db } from "../db.server";
import type { AuditExportRow } from "./audit-log-csv";

export interface AuditExportQuery {
  shopId: string;
  /** Occurred at or after. */
  start?: Date;
  /** Occurred before. */
  end?: Date;
  pageSize?: number;
}

/** The shop's audit events, oldest first, a page at a time (keyset on occurredAt, id; index shopId, occurredAt). */
export async function* readAuditEventsForExport(query: AuditExportQuery): AsyncGenerator<AuditExportRow[]> {
  const pageSize = query.pageSize ?? 1000;
  let after: { occurredAt: Date; id: string } | null = null;
  for (;;) {
    const occurredAt: Prisma.DateTimeFilter = {};
    if (query.start) occurredAt.gte = query.start;
    if (query.end) occurredAt.lt = query.end;
    const rows: AuditExportRow[] = await db().auditEvent.findMany({
      where: {
        shopId: query.shopId,
        occurredAt,
        ...(after
          ? { OR: [{ occurredAt: { gt: after.occurredAt } }, { occurredAt: after.occurredAt, id: { gt: after.id } }] }
          : {}),
      },
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      take: pageSize,
      select: {
        id: true,
        occurredAt: true,
        actorType: true,
        actorId: true,
        action: true,
        subjectType: true,
        subjectId: true,
        before: true,
        after: true,
      },
    });
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    after = { occurredAt: last.occurredAt, id: last.id };
  }
}
