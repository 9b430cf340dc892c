/**
 * The part of `Map` the stores use. A committed table is a plain `Map`; inside a transaction it
 * is an {@link Overlay} of the committed one.
 */
export interface Table<K, V> {
  get(key: K): V | undefined;
  has(key: K): boolean;
  set(key: K, value: V): unknown;
  delete(key: K): boolean;
  entries(): IterableIterator<[K, V]>;
  values(): IterableIterator<V>;
  [Symbol.iterator](): IterableIterator<[K, V]>;
}

const DELETED: unique symbol = Symbol('deleted');

/**
 * A transaction's private view of a committed table: reads see the base with the transaction's
 * own writes on top, writes are kept aside, and {@link Overlay.commit} applies them to the base.
 * Starting a transaction therefore costs nothing per stored row, and dropping one (`fn` threw)
 * is dropping the overlay. The base must not change while the overlay is in use: the storage
 * holds its write lock for the whole transaction.
 */
export class Overlay<K, V> implements Table<K, V> {
  readonly #base: Map<K, V>;
  readonly #changes = new Map<K, V | typeof DELETED>();

  constructor(base: Map<K, V>) {
    this.#base = base;
  }

  get(key: K): V | undefined {
    if (!this.#changes.has(key)) return this.#base.get(key);
    const change = this.#changes.get(key);
    return change === DELETED ? undefined : (change as V);
  }

  has(key: K): boolean {
    return this.#changes.has(key) ? this.#changes.get(key) !== DELETED : this.#base.has(key);
  }

  set(key: K, value: V): this {
    this.#changes.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    const had = this.has(key);
    if (had) this.#changes.set(key, DELETED);
    return had;
  }

  /** The base's rows in its order (changed ones with their new value), then rows added here. */
  *entries(): IterableIterator<[K, V]> {
    for (const [key, value] of this.#base) {
      if (!this.#changes.has(key)) {
        yield [key, value];
        continue;
      }
      const change = this.#changes.get(key);
      if (change !== DELETED) yield [key, change as V];
    }
    for (const [key, change] of this.#changes) {
      if (change !== DELETED && !this.#base.has(key)) yield [key, change as V];
    }
  }

  *values(): IterableIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }

  /** Applies this transaction's writes to the base, synchronously (readers see all or none). */
  commit(): void {
    for (const [key, change] of this.#changes) {
      if (change === DELETED) this.#base.delete(key);
      else this.#base.set(key, change as V);
    }
  }
}
