// Registers the staff portal's messages with svelte-i18n; imported only by /admin pages, so the
// exam bundle never carries them.
import { addMessages } from 'svelte-i18n';
import { setupI18n } from '../i18n/index.ts';
import en from '../i18n/admin.en.json';
import id from '../i18n/admin.id.json';

let registered = false;

export function setupAdminI18n(): void {
  if (!registered) {
    addMessages('id', id);
    addMessages('en', en);
    registered = true;
  }
  setupI18n();
}
