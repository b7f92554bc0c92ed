import { db } from "../db.server";

/** A self-signup application (status `applied` or `declined`): when and what the customer wrote. */
export async function readCreatorApplication(shopId: string, creatorId: string) {
  const creator = await db().creator.findFirst({
    where: { id: creatorId, shopId, appliedAt: { not: null } },
    select: { status: true, appliedAt: true, applicationMessage: true },
  });
  return creator?.appliedAt
    ? { status: creator.status, appliedAt: creator.appliedAt.toISOString(), message: creator.applicationMessage }
    : null;
}
