// The demo item bank: exactly the 204 items of the default blueprint, grouped by battery section.
import {
  CORE_COMPETENCY_CODES,
  type LikertItem,
  type SelfAssessmentItem,
  type SingleChoiceItem,
  type SjtItem,
} from '@petakom/domain';
import { createRng, demoUuid } from '../random.ts';
import { OPTION_LETTERS } from './choices.ts';
import { figuralItems } from './figural.ts';
import { numerikItems } from './numerik.ts';
import { SJT_BANK } from './sjt-scenarios.ts';
import { INVENTORY, SELF_ASSESSMENT } from './statements.ts';
import { verbalItems } from './verbal.ts';

export interface DemoItemBank {
  potensi: SingleChoiceItem[];
  sjt: SjtItem[];
  inventory: LikertItem[];
  selfAssessment: SelfAssessmentItem[];
}

const fill = (template: string, slots: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = slots[name];
    if (value === undefined) throw new Error(`missing slot ${name}`);
    return value;
  });

export function generateItemBank(seed: string): DemoItemBank {
  const counter = (prefix: string): (() => string) => {
    let n = 0;
    return () => demoUuid(seed, 'item', `${prefix}-${String(++n).padStart(3, '0')}`);
  };

  const potensi = [
    ...verbalItems(createRng(seed, 'items:verbal'), counter('VER')),
    ...numerikItems(createRng(seed, 'items:numerik'), counter('NUM')),
    ...figuralItems(createRng(seed, 'items:figural'), counter('FIG')),
  ];

  const sjtRng = createRng(seed, 'items:sjt');
  const sjtId = counter('SJT');
  const sjt: SjtItem[] = [];
  for (const competency of CORE_COMPETENCY_CODES) {
    const bank = SJT_BANK[competency];
    for (const scenario of bank.scenarios) {
      for (const slots of scenario.settings) {
        const indicator = bank.indicators[scenario.indicator];
        if (indicator === undefined)
          throw new Error(`${competency}: unknown indicator ${scenario.indicator}`);
        const options = sjtRng.shuffle(scenario.options).map(([optionText, weight], i) => ({
          id: OPTION_LETTERS[i] as string,
          content: { text: fill(optionText, slots) },
          weight,
        }));
        sjt.push({
          id: sjtId(),
          type: 'sjt',
          stem: { text: fill(scenario.stem, slots) },
          competency,
          indicator,
          options,
        });
      }
    }
  }

  const invId = counter('INV');
  const inventory: LikertItem[] = CORE_COMPETENCY_CODES.flatMap((competency) =>
    INVENTORY[competency].map(([statement, reverse]): LikertItem => ({
      id: invId(),
      type: 'likert',
      stem: { text: statement },
      competency,
      reverse,
    })),
  );

  const saRng = createRng(seed, 'items:self-assessment');
  const saId = counter('SA');
  const selfAssessment: SelfAssessmentItem[] = CORE_COMPETENCY_CODES.flatMap((competency) =>
    SELF_ASSESSMENT[competency].map((ladder): SelfAssessmentItem => {
      // Shuffled so the levels do not read top-to-bottom; the form may shuffle them again.
      const statements = saRng.shuffle(
        ladder.map((statement, i) => ({ statement, level: (i + 1) as 1 | 2 | 3 | 4 | 5 })),
      );
      return {
        id: saId(),
        type: 'self_assessment',
        stem: { text: 'Pilih satu pernyataan yang paling menggambarkan diri Anda dalam bekerja saat ini.' },
        competency,
        statements: statements.map((s, i) => ({
          id: OPTION_LETTERS[i] as string,
          content: { text: s.statement },
          level: s.level,
        })),
      };
    }),
  );

  return { potensi, sjt, inventory, selfAssessment };
}
