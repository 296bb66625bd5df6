// The editor's drafts become items the domain accepts, and stored items load back unchanged.
import { describe, expect, it } from 'vitest';
import { ITEM_TYPES, MAX_ITEM_IMAGE_BYTES, itemSchema } from '@petakom/domain';
import {
  checkImageFile,
  contentFromDraft,
  draftFromContent,
  emptyDraft,
  tableFromText,
} from './item-draft.ts';

describe('item drafts', () => {
  it('turn a filled-in draft of every type into a valid domain item', () => {
    for (const type of ITEM_TYPES) {
      const draft = emptyDraft(type);
      draft.stem.text = 'Pokok soal';
      draft.indicator = 'Menepati janji';
      draft.choices.forEach((c, i) => (c.content.text = `Pilihan ${i + 1}`));
      const parsed = itemSchema.safeParse({ ...contentFromDraft(draft), id: 'x' });
      expect(parsed.success, type).toBe(true);
    }
  });

  it('load stored content back into the same content', () => {
    const content = {
      type: 'single_choice',
      subtest: 'numerik',
      key: 'C',
      stem: {
        text: 'Berapa?',
        image: { src: 'data:image/png;base64,AAAA', alt: 'grafik' },
        table: { header: ['a', 'b'], rows: [['1', '2']] },
      },
      options: ['A', 'B', 'C'].map((id) => ({ id, content: { text: id } })),
    };
    const draft = draftFromContent(content);
    expect(draft).not.toBeNull();
    expect(draft && contentFromDraft(draft)).toEqual(content);
  });

  it('read a table typed as lines of cells split by bars', () => {
    expect(tableFromText('Tahun | Nilai\n2023 | 10\n\n2024|12')).toEqual({
      header: ['Tahun', 'Nilai'],
      rows: [
        ['2023', '10'],
        ['2024', '12'],
      ],
    });
  });

  it('refuse images the server would refuse, before uploading them', () => {
    expect(checkImageFile({ type: 'image/png', size: MAX_ITEM_IMAGE_BYTES })).toBeNull();
    expect(checkImageFile({ type: 'image/png', size: MAX_ITEM_IMAGE_BYTES + 1 })).toMatchObject({
      ok: false,
      reason: 'tooBig',
    });
    expect(checkImageFile({ type: 'application/pdf', size: 10 })).toMatchObject({ reason: 'wrongType' });
  });
});
