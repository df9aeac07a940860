/**
 * The languages of everything a person reads (PRODUCT "Language"), and a text in both. A leaf: every
 * stage may say something to a person, so none of them should reach a later stage for these.
 */
export type Lang = "zh" | "en";
export const LANGS: readonly Lang[] = ["zh", "en"];

export interface Localized {
  zh: string;
  en: string;
}
