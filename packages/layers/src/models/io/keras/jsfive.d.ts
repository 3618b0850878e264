// The part of jsfive's API (a pure-JS HDF5 reader without types of its own) that the Keras loader uses.
declare module 'jsfive' {
  /** A group or the file: members by path, attributes. */
  export class Group {
    /** Member names. */
    readonly keys: string[];
    /** Attributes, decoded (strings, numbers, arrays). */
    readonly attrs: Record<string, unknown>;
    /** A member by path relative to this group; throws (a string) when absent. */
    get(path: string): Group | Dataset;
  }
  /** A dataset: shape and dtype read from its header, values on demand. */
  export class Dataset {
    /** Dimensions. */
    readonly shape: number[];
    /** Numpy-style dtype string, e.g. `'<f4'`; an object for compound types. */
    readonly dtype: unknown;
    /** Attributes. */
    readonly attrs: Record<string, unknown>;
    /** The values, flat, in C order. */
    readonly value: ArrayLike<number>;
  }
  /** An HDF5 file held in memory. */
  export class File extends Group {
    constructor(buffer: ArrayBuffer, filename?: string);
  }
}
