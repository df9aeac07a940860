/**
 * Errors that end a run with exit code 2 (usage, unreadable or invalid input, invalid config).
 * Row-level problems are not thrown: they are collected as `InputError` values (see input/errors.ts).
 */
export class GmauditError extends Error {
  constructor(
    message: string,
    /** Extra lines printed under the message (e.g. the list of input errors). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = "GmauditError";
  }
}

/** A bad flag or argument: printed with a hint to run --help. */
export class UsageError extends GmauditError {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
