// Registers the participant results page's messages with svelte-i18n beside the app's own (index.ts).
import { addMessages } from 'svelte-i18n';
import en from '../i18n/hasil.en.json';
import id from '../i18n/hasil.id.json';

addMessages('id', id);
addMessages('en', en);
