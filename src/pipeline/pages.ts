/**
 * Every row a paged query has, page by page: runners read whole result sets this way instead of
 * cutting them at a fixed size without a word.
 */
export async function allPages<T>(
  page: (limit: number, offset: number) => Promise<T[]>,
  size: number,
): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; ; offset += size) {
    const rows = await page(size, offset);
    all.push(...rows);
    if (rows.length < size) return all;
  }
}
