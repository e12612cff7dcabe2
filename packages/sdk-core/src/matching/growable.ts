type TypedArray = Uint8Array | Uint16Array | Uint32Array | Float64Array;
type TypedArrayConstructor<T extends TypedArray> = new (length: number) => T;

/** An append-only typed array that doubles its capacity: how builders avoid one object per entry. */
export class Growable<T extends TypedArray> {
  private data: T;
  length = 0;

  constructor(
    private readonly Kind: TypedArrayConstructor<T>,
    initialCapacity = 1024,
  ) {
    this.data = new Kind(initialCapacity);
  }

  private reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.data.length) return;
    let capacity = this.data.length * 2;
    while (capacity < needed) capacity *= 2;
    const next = new this.Kind(capacity);
    next.set(this.data.subarray(0, this.length) as never);
    this.data = next;
  }

  push(value: number): void {
    this.reserve(1);
    this.data[this.length++] = value;
  }

  pushAll(values: ArrayLike<number>): void {
    this.reserve(values.length);
    this.data.set(values as never, this.length);
    this.length += values.length;
  }

  /** Writable view of `count` new elements appended at the end. */
  append(count: number): T {
    this.reserve(count);
    const view = this.data.subarray(this.length, this.length + count) as T;
    this.length += count;
    return view;
  }

  get(index: number): number {
    return this.data[index]!;
  }

  /** A right-sized copy (the builder's buffers are dropped after `build`). */
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }
}
