// Paging helpers shared by connectors. Each yields one page at a time so the reconciler can commit and
// checkpoint page by page; the cursor yielded with a page is where to resume AFTER that page.

export interface NumberedPage<T> {
  items: T[];
  /** Total page count when the source reports it (Sophos `pages.total` with pageTotal=true). */
  totalPages?: number;
}

/** Page-number paging (page 1, 2, …) until an empty page or the reported total. */
export async function* pagesByNumber<T>(
  fetchPage: (page: number) => Promise<NumberedPage<T>>,
  startPage = 1,
): AsyncGenerator<{ items: T[]; page: number; next: number | null; totalPages?: number }> {
  for (let page = startPage; ; page++) {
    const p = await fetchPage(page);
    const last = p.items.length === 0 || (p.totalPages !== undefined && page >= p.totalPages);
    yield {
      items: p.items,
      page,
      next: last ? null : page + 1,
      ...(p.totalPages !== undefined ? { totalPages: p.totalPages } : {}),
    };
    if (last) return;
  }
}

/** Opaque-token paging (Google pageToken, Sophos pageFromKey, absolute next links) until no next token. */
export async function* pagesByToken<T, K>(
  fetchPage: (token: K | undefined) => Promise<{ items: T[]; next: K | undefined }>,
  start?: K,
): AsyncGenerator<{ items: T[]; next: K | undefined }> {
  let token = start;
  const seen = new Set<string>();
  for (;;) {
    const p = await fetchPage(token);
    yield p;
    if (p.next === undefined) return;
    const key = JSON.stringify(p.next);
    // A source that repeats a token would loop forever (cf. Keycloak's olcSizeLimit loop): fail instead.
    if (seen.has(key)) throw new Error('the source returned the same page token twice');
    seen.add(key);
    token = p.next;
  }
}
