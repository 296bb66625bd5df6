// A small deterministic item bank and the default 204-item battery built from it, for tests.
import { CORE_COMPETENCY_CODES } from '../src/competency/codes.ts';
import type { Battery } from '../src/battery/battery.ts';
import type {
  Item,
  LikertItem,
  SelfAssessmentItem,
  SingleChoiceItem,
  SjtItem,
  Subtest,
} from '../src/items/index.ts';

const text = (t: string) => ({ text: t });

export function singleChoiceItem(id: string, subtest: Subtest = 'verbal', key = 'C'): SingleChoiceItem {
  return {
    id,
    type: 'single_choice',
    stem: text(`Soal ${id}`),
    subtest,
    options: ['A', 'B', 'C', 'D', 'E'].map((o) => ({ id: o, content: text(`Pilihan ${o}`) })),
    key,
  };
}

export function sjtItem(id: string, competency: string, indicator = `${competency}-ind`): SjtItem {
  return {
    id,
    type: 'sjt',
    stem: text(`Situasi ${id}`),
    competency,
    indicator,
    options: [1, 2, 3, 4, 5].map((w) => ({ id: `w${w}`, content: text(`Tindakan ${w}`), weight: w })),
  } as SjtItem;
}

export function likertItem(id: string, competency: string, reverse = false): LikertItem {
  return { id, type: 'likert', stem: text(`Pernyataan ${id}`), competency, reverse };
}

export function selfItem(id: string, competency: string): SelfAssessmentItem {
  return {
    id,
    type: 'self_assessment',
    stem: text(`Pilih yang paling sesuai ${id}`),
    competency,
    statements: [1, 2, 3, 4, 5].map((l) => ({ id: `l${l}`, content: text(`Level ${l}`), level: l })),
  } as SelfAssessmentItem;
}

export function defaultBank(): { battery: Battery; items: Item[] } {
  const items: Item[] = [];
  const potensi: string[] = [];
  for (const subtest of ['verbal', 'numerik', 'figural'] as const) {
    for (let i = 1; i <= 20; i++) {
      const item = singleChoiceItem(`pot-${subtest}-${i}`, subtest, 'ABCDE'[i % 5]);
      items.push(item);
      potensi.push(item.id);
    }
  }
  const sjt: string[] = [];
  const inv: string[] = [];
  const self: string[] = [];
  for (const c of CORE_COMPETENCY_CODES) {
    for (let i = 1; i <= 10; i++) {
      items.push(sjtItem(`sjt-${c}-${i}`, c, `${c}-ind-${((i - 1) % 5) + 1}`));
      sjt.push(`sjt-${c}-${i}`);
    }
    for (let i = 1; i <= 4; i++) {
      items.push(likertItem(`inv-${c}-${i}`, c, i === 4));
      inv.push(`inv-${c}-${i}`);
    }
    for (let i = 1; i <= 2; i++) {
      items.push(selfItem(`sa-${c}-${i}`, c));
      self.push(`sa-${c}-${i}`);
    }
  }
  const section = (
    key: string,
    title: string,
    kind: Battery['sections'][number]['kind'],
    min: number,
    itemIds: string[],
  ) => ({
    key,
    title,
    kind,
    timeLimitSec: min * 60,
    itemIds,
    shuffleItems: true,
    shuffleOptions: kind !== 'potensi',
    instructions: `Petunjuk ${title}`,
  });
  return {
    items,
    battery: {
      sections: [
        section('potensi', 'Tes Potensi', 'potensi', 45, potensi),
        section('sjt', 'Tes Penilaian Kompetensi', 'sjt', 75, sjt),
        section('inventory', 'Inventori', 'inventory', 25, inv),
        section('self', 'Penilaian Diri', 'self_assessment', 15, self),
      ],
    },
  };
}
