// One-item read-ahead over an async iterable: while the consumer works on item N (a page being written to the
// database), item N+1 is already being fetched (the next LDAP page request is on the wire). At most one item
// is buffered, so memory stays flat and a slow consumer still holds the producer back.
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next: Promise<IteratorResult<T>> | undefined = it.next();
  try {
    for (;;) {
      const r: IteratorResult<T> = await next;
      next = undefined;
      if (r.done) return;
      next = it.next();
      // A failure of the fetch ahead is reported when the consumer asks for that item, not as unhandled.
      next.catch(() => undefined);
      yield r.value;
    }
  } finally {
    if (next) {
      // The consumer stopped early: let the fetch in flight settle, then close the source (its finally runs).
      await next.catch(() => undefined);
      await it.return?.();
    }
  }
}
