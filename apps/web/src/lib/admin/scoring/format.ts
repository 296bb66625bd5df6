// Figures of scoring as the staff portal writes them in the reader's language (decimal commas in
// Indonesian): fixed decimals, percentages, dates, result categories and a changed field's name.
import { fieldLabel } from './item-table.ts';

/** svelte-i18n's `$_`, as far as these formatters use it. */
export type Translate = (
  id: string,
  options?: { values?: Record<string, string | number>; default?: string },
) => string;

export class ScoringFormat {
  private readonly tag: string;

  constructor(
    private readonly t: Translate,
    locale: string | null | undefined,
  ) {
    this.tag = locale === 'en' ? 'en-GB' : 'id-ID';
  }

  fixed(value: number | null | undefined, digits = 2): string {
    return value === null || value === undefined
      ? '–'
      : value.toLocaleString(this.tag, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  percent(value: number | null): string {
    return value === null
      ? '–'
      : value.toLocaleString(this.tag, { style: 'percent', maximumFractionDigits: 0 });
  }

  when(iso: string | null): string {
    return iso ? new Date(iso).toLocaleString(this.tag) : '–';
  }

  /** A result category in words; no category is a participant not (yet) mapped. */
  category(value: string | number | null): string {
    return typeof value === 'string'
      ? this.t(`admin.results.categories.${value}`, { default: value })
      : this.t('admin.results.categories.belum_dipetakan');
  }

  /** One side of a changed field (`jpm`, `category.pemetaan`, `competency.M3.level`, …). */
  changeValue(field: string, value: string | number | null): string {
    if (field.startsWith('category.')) return this.category(value);
    if (typeof value === 'number') return this.fixed(value, Number.isInteger(value) ? 0 : 2);
    return value ?? '–';
  }

  field(field: string): string {
    const { key, values } = fieldLabel(field);
    return this.t(key, { values, default: field });
  }
}
