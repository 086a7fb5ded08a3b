/** More pages than any real list has: a server that keeps answering new nextLinks is not ending its list. */
const MAX_PAGES = 10_000;

/**
 * The pages of an ARM list operation from `path` (each with the URL it came from), following each page's nextLink
 * (`nextLinkOf`, asked once the caller has read the page) until there is none.
 * A nextLink that comes back, or paging past MAX_PAGES, throws `endless()` instead of looping for ever. SDK-free, so
 * the inventory's reader and the migration's REST client page alike.
 */
export async function* armPages(
  path: string,
  get: (next: string) => Promise<unknown>,
  nextLinkOf: (page: unknown, next: string) => string | undefined,
  endless: () => Error,
): AsyncGenerator<{ page: unknown; url: string }> {
  const seen = new Set<string>();
  for (let next: string | undefined = path; next !== undefined; ) {
    if (seen.has(next) || seen.size >= MAX_PAGES) throw endless();
    seen.add(next);
    const page = await get(next);
    yield { page, url: next };
    next = nextLinkOf(page, next);
  }
}
