import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { developmentPlan } from './development-plan.ts';
import { defaultScoringModel as model } from './model.ts';
import type { CompetencyGap, GapLevel } from './gaps.ts';
import type { Importance } from '../competency/standard.ts';

const gap = (
  competency: string,
  level: GapLevel | null,
  importance: Importance = 'penting',
): CompetencyGap => ({
  competency,
  requiredLevel: 3,
  importance,
  tagged: 10,
  met: 0,
  unmetIndicators: [],
  level,
});

describe('development plan', () => {
  it('orders needs by gap level, then importance, then competency', () => {
    const plan = developmentPlan(
      [
        gap('M1', 'rendah', 'mutlak'),
        gap('M2', 'tinggi', 'perlu'),
        gap('M3', 'tinggi', 'mutlak'),
        gap('M4', 'sedang'),
        gap('M5', 'tidak_ada'),
        gap('M6', null),
      ],
      model,
    );
    expect(plan.needs.map((n) => [n.priority, n.competency, n.gap])).toEqual([
      [1, 'M3', 'tinggi'],
      [2, 'M2', 'tinggi'],
      [3, 'M4', 'sedang'],
      [4, 'M1', 'rendah'],
    ]);
  });

  it('suggests klasikal training plus coaching for a high gap and non-klasikal learning for a low one', () => {
    const plan = developmentPlan([gap('M1', 'tinggi'), gap('M2', 'sedang'), gap('M3', 'rendah')], model);
    expect(plan.needs[0]?.methods.map((m) => m.kind)).toEqual(['klasikal', 'non_klasikal']);
    expect(plan.needs[1]?.methods.map((m) => m.name)).toEqual([
      'Bimbingan teknis atau workshop',
      'Mentoring',
    ]);
    expect(plan.needs[2]?.methods.every((m) => m.kind === 'non_klasikal')).toBe(true);
  });

  it('gives someone without gaps 20 JP of maintenance learning in each of 5 years', () => {
    const plan = developmentPlan([gap('M1', 'tidak_ada')], model);
    expect(plan.years.map((y) => y.totalJp)).toEqual([20, 20, 20, 20, 20]);
    expect(plan.years.every((y) => y.activities.length === 1 && y.activities[0]?.competency === null)).toBe(
      true,
    );
  });

  it('schedules the first need in the first year', () => {
    const plan = developmentPlan([gap('M2', 'sedang'), gap('M7', 'tinggi')], model);
    expect(plan.years[0]?.activities[0]?.competency).toBe('M7');
  });

  it('covers 5 years of at least 20 JP each and schedules every need exactly once', () => {
    const level = fc.constantFrom<GapLevel | null>('tidak_ada', 'rendah', 'sedang', 'tinggi', null);
    const importance = fc.constantFrom<Importance>('mutlak', 'penting', 'perlu');
    fc.assert(
      fc.property(fc.array(fc.tuple(level, importance), { maxLength: 12 }), (spec) => {
        const plan = developmentPlan(
          spec.map(([l, i], n) => gap(`C${n}`, l, i)),
          model,
        );
        expect(plan.years).toHaveLength(5);
        for (const y of plan.years) expect(y.totalJp).toBeGreaterThanOrEqual(20);
        const scheduled = plan.years.flatMap((y) => y.activities).filter((a) => a.competency !== null);
        expect(scheduled.map((a) => a.competency).sort()).toEqual(plan.needs.map((n) => n.competency).sort());
        expect(plan.totalJp).toBe(plan.years.reduce((s, y) => s + y.totalJp, 0));
      }),
    );
  });
});
