// Translations: Indonesian by default, English on request; the choice is remembered per browser.
import { addMessages, init, locale } from 'svelte-i18n';
import en from './en.json';
import id from './id.json';

export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const KEY = 'petakom.locale';

addMessages('id', id);
addMessages('en', en);

function stored(): Locale {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

export function setupI18n(): void {
  const initial = stored();
  init({ fallbackLocale: 'id', initialLocale: initial });
  document.documentElement.lang = initial;
}

export function switchLocale(next: Locale): void {
  void locale.set(next);
  document.documentElement.lang = next;
  try {
    localStorage.setItem(KEY, next);
  } catch {
    // Private mode: the switch still holds for this page.
  }
}
