// The creator submits (or resubmits after a rejection) a content link for one of their own
// deliverables; another creator's deliverable is "not found"
// (app/deliverables/submit-deliverable.server.ts).
import { isDomainError } from "../../domain/errors";
import { submitDeliverable } from "../../deliverables/submit-deliverable.server";

export async function submitDeliverableAsCreator(
  shopId: string,
  creatorId: string,
  deliverableId: string,
  input: { url: string; note?: string },
): Promise<void> {
  try {
    await submitDeliverable(shopId, deliverableId, { contentUrl: input.url, note: input.note }, { type: "creator", id: creatorId });
  } catch (error) {
    // The portal's form field is "url"; the deal page's is "contentUrl".
    const fieldErrors = isDomainError(error) ? (error.details?.fieldErrors as Record<string, string> | undefined) : undefined;
    if (isDomainError(error) && fieldErrors?.contentUrl) {
      const { contentUrl, ...rest } = fieldErrors;
      Object.assign(error.details!, { fieldErrors: { ...rest, url: contentUrl } });
    }
    throw error;
  }
}
