/**
 * Answers remembered by key, up to `limit` of them, then forgotten all at once and remembered
 * again: for work the detector repeats on the same words text after text, where a stream of keys
 * never seen twice (hostile input, a long-running worker) must not grow memory without end.
 * Lookup and remembering are two calls, not one taking a function, so hot paths make no closure.
 */
export class BoundedMemo<K, V> {
  private readonly answers = new Map<K, V>();

  constructor(private readonly limit: number) {}

  lookup(key: K): V | undefined {
    return this.answers.get(key);
  }

  /** Remembers `value` for `key` and gives it back. */
  remember(key: K, value: V): V {
    if (this.answers.size >= this.limit) this.answers.clear();
    this.answers.set(key, value);
    return value;
  }
}
