import { Prisma } from "@prisma/client";
import type { DbTransaction } from "../db.server";
import { actorIdentity, type Actor } from "./actor";

export interface AuditEventInput {
  shopId: string;
  actor: Actor;
  action: string;
  subject: { type: string; id: string };
  before?: unknown;
  after?: unknown;
}

const asJson = (value: unknown) => (value === undefined ? Prisma.DbNull : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue));

/** Appends one audit event; call it inside the database transaction of the change it records. */
export async function recordAuditEvent(tx: DbTransaction, input: AuditEventInput, occurredAt?: Date) {
  const identity = actorIdentity(input.actor);
  return tx.auditEvent.create({
    data: {
      shopId: input.shopId,
      actorType: input.actor.type,
      actorId: input.actor.id ?? null,
      actorName: identity.name,
      actorEmail: identity.email,
      action: input.action,
      subjectType: input.subject.type,
      subjectId: input.subject.id,
      before: asJson(input.before),
      after: asJson(input.after),
      ...(occurredAt ? { occurredAt } : {}),
    },
    select: { id: true },
  });
}

/** Appends many audit events in one statement (the set-based paths), in the caller's transaction. */
export async function recordAuditEvents(tx: DbTransaction, inputs: readonly AuditEventInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await tx.auditEvent.createMany({
    data: inputs.map((input) => {
      const identity = actorIdentity(input.actor);
      return {
        shopId: input.shopId,
        actorType: input.actor.type,
        actorId: input.actor.id ?? null,
        actorName: identity.name,
        actorEmail: identity.email,
        action: input.action,
        subjectType: input.subject.type,
        subjectId: input.subject.id,
        before: asJson(input.before),
        after: asJson(input.after),
      };
    }),
  });
}
