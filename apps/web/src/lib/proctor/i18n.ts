// Registers the proctor page's messages with svelte-i18n beside the app's own (index.ts).
import { addMessages } from 'svelte-i18n';
import en from '../i18n/pengawas.en.json';
import id from '../i18n/pengawas.id.json';

addMessages('id', id);
addMessages('en', en);
