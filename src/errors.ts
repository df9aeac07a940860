import type { Lang, Message } from "./i18n.js";

/** A line under an error's message: both languages, or text that reads the same in both (a file name). */
export type DetailLine = string | { zh: string; en: string };

/**
 * Errors that end a run with exit code 2 (usage, unreadable or invalid input, invalid config).
 * Row-level problems are not thrown: they are collected as `InputError` values (see input/errors.ts).
 * The message is in both languages (PRODUCT "Language"); `message` is the English one, for stacks.
 */
export class GmauditError extends Error {
  readonly text: Message;
  constructor(
    text: Message,
    /** Extra lines printed under the message (e.g. the list of input errors). */
    readonly details: readonly DetailLine[] = [],
  ) {
    super(text.en);
    this.text = text;
    this.name = "GmauditError";
  }

  get id(): string {
    return this.text.id;
  }

  /** The message and its details in one language. */
  lines(lang: Lang): string[] {
    return [this.text[lang], ...this.details.map((d) => detailIn(d, lang))];
  }
}

export function detailIn(line: DetailLine, lang: Lang): string {
  return typeof line === "string" ? line : line[lang];
}

/** A bad flag or argument: printed with a hint to run --help. */
export class UsageError extends GmauditError {
  constructor(text: Message) {
    super(text);
    this.name = "UsageError";
  }
}
