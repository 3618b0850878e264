/**
 * A bounded ring of tensor data kept in the kernel module's memory between
 * kernel calls, keyed by tfjs's `dataId`. tfjs data is immutable (a new value
 * gets a new dataId; a variable's `assign` swaps dataIds), so a block that
 * holds a dataId's floats stays right for as long as the block is not reused.
 *
 * A training step hands the same tensor to several convkit kernels: the
 * gradient of a conv's output goes to its filter gradient, its input gradient
 * and its bias gradient (Sum); a conv's output comes back as MaxPoolGrad's
 * input; a conv's input is the filter gradient's input. Without this ring each
 * of those calls copies the tensor from tfjs-backend-wasm's memory again.
 *
 * Blocks are handed out in ring order; a new block evicts every older block it
 * overlaps, except that blocks used by the current kernel call are pinned (the
 * request is then refused and the caller falls back to the per-call arena).
 */

/** One block of the ring. */
interface Block {
  ptr: number;
  /** Bytes of the block (64-byte aligned). */
  size: number;
  /** Bytes of tensor data it holds (what a lookup must ask for). */
  bytes: number;
  /** False once a newer block has overwritten it. */
  live: boolean;
  /** Kernel call that last used it (pinned while that call runs). */
  call: number;
}

/** A ring of `bytes` bytes at byte offset `base` of the kernel module's memory. */
export class TensorCopyCache {
  private head: number;
  private blocks: Block[] = [];
  private byKey = new WeakMap<object, Block>();
  private call = 0;
  /** When false, nothing is found and nothing is kept (every input is copied per call, as before). */
  enabled = true;

  /**
   * @param base - Byte offset of the ring (64-byte aligned).
   * @param bytes - Size of the ring; blocks over a quarter of it are never kept.
   */
  constructor(
    readonly base: number,
    readonly bytes: number,
  ) {
    this.head = base;
  }

  /** End of the ring (exclusive byte offset). */
  get end(): number {
    return this.base + this.bytes;
  }

  /** Starts a kernel call: blocks used from now until the next call are pinned. */
  beginCall(): void {
    this.call++;
  }

  /**
   * Byte offset of `key`'s data when the ring holds it with exactly `bytes`
   * bytes (the block is pinned for this call), otherwise `undefined`.
   */
  lookup(key: object, bytes: number): number | undefined {
    if (!this.enabled) return undefined;
    const b = this.byKey.get(key);
    if (!b?.live || b.bytes !== bytes) return undefined;
    b.call = this.call;
    return b.ptr;
  }

  /** Whether `lookup(key, bytes)` would find the tensor (without pinning it). */
  holds(key: object, bytes: number): boolean {
    if (!this.enabled) return false;
    const b = this.byKey.get(key);
    return b?.live === true && b.bytes === bytes;
  }

  /**
   * Reserves a block of `bytes` for this call and returns its offset, or -1
   * when it is too large for the ring or would overwrite a block this call
   * uses. The block holds nothing until `commit` names its tensor.
   */
  reserve(bytes: number): number {
    const size = Math.ceil(Math.max(bytes, 1) / 64) * 64;
    if (!this.enabled || size > this.bytes / 4) return -1;
    let start = this.head;
    if (start + size > this.end) start = this.base;
    const stop = start + size;
    const overlaps = (b: Block) => b.ptr < stop && b.ptr + b.size > start;
    for (const b of this.blocks) if (overlaps(b) && b.call === this.call) return -1;
    const kept: Block[] = [];
    for (const b of this.blocks) {
      if (overlaps(b)) b.live = false;
      else kept.push(b);
    }
    const block: Block = { ptr: start, size, bytes, live: false, call: this.call };
    kept.push(block);
    this.blocks = kept;
    this.head = stop;
    return start;
  }

  /**
   * Lets `to` find the block that holds `from`'s `bytes` bytes (a new tensor
   * with the same values, e.g. a copy made from the block); no-op when the
   * ring does not hold `from`.
   */
  share(from: object, to: object, bytes: number): void {
    if (!this.holds(from, bytes)) return;
    this.byKey.set(to, this.byKey.get(from)!);
  }

  /** Records that the block at `ptr` (from `reserve` in this call) now holds `key`'s `bytes` bytes. */
  commit(key: object, ptr: number, bytes: number): void {
    const b = this.blocks.find((x) => x.ptr === ptr && x.call === this.call);
    if (!b || b.bytes < bytes) return;
    b.bytes = bytes;
    b.live = true;
    this.byKey.set(key, b);
  }
}
