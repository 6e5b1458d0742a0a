import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en.js";
import { vi } from "./vi.js";

export const LANGUAGES = ["vi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = "orgboard.lang";

export function storedLanguage(fallback: Language): Language {
  const v = globalThis.localStorage?.getItem(STORAGE_KEY);
  return v === "vi" || v === "en" ? v : fallback;
}

export function rememberLanguage(lang: Language): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
}

/** Resources are bundled (two small tables), so the first paint is already in the right language. */
export async function initI18n(lang: Language): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng: lang,
    fallbackLng: "vi",
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  document.documentElement.lang = lang;
  return instance;
}
