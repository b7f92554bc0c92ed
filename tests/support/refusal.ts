/** The error text of a write the database must refuse (fails the test if it is accepted). */
export async function refusalOf(write: PromiseLike<unknown>): Promise<string> {
  const error = await Promise.resolve(write).then(
    () => null,
    (caught: unknown) => caught,
  );
  if (error === null) throw new Error("the database accepted a write it must refuse");
  const { code, message, meta } = error as { code?: string; message?: string; meta?: unknown };
  return `${code ?? ""} ${message ?? ""} ${JSON.stringify(meta ?? {})}`;
}
