/** Polls `check` until it returns a truthy value or `ms` pass; the value is returned. */
export async function waitFor<T>(
  check: () => Promise<T> | T,
  ms: number,
  what: string,
  everyMs = 250,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
