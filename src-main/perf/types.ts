// A benchmark suite: parses its own options and returns ONE JSON-safe object (printed on stdout by index.ts).
export interface BenchSuite {
  name: string;
  description: string;
  /** `argv` are the arguments after the suite name. */
  run(argv: string[]): Promise<Record<string, unknown>>;
}
