// Registers the item-bank and battery pages' messages with svelte-i18n; imported only by those
// /admin pages (and the admin menu), so other bundles never carry them.
import { addMessages } from 'svelte-i18n';
import en from '../../i18n/admin-bank.en.json';
import id from '../../i18n/admin-bank.id.json';

let registered = false;

export function setupAdminBankI18n(): void {
  if (registered) return;
  addMessages('id', id);
  addMessages('en', en);
  registered = true;
}
