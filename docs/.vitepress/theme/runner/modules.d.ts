declare module 'virtual:convkit-modules' {
  /** Every browser entry point of packages/*, by import specifier. */
  export const modules: Record<string, unknown>;
}
