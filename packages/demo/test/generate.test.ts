import {
  CORE_COMPETENCY_CODES,
  defaultBlueprintSpec,
  itemSchema,
  parseNip,
  validateBattery,
  type SingleChoiceItem,
} from '@petakom/domain';
import { describe, expect, it } from 'vitest';
import {
  demoLogins,
  generateDemo,
  MASS_CAT_JENJANG,
  PLANNED_PER_SESSION,
  ROOM_CAPACITY,
} from '../src/index.ts';

const START = '2026-11-23';
const demo = generateDemo({ startDate: START });

describe('generateDemo', () => {
  it('gives the same demo for the same seed and a different one for another seed', () => {
    expect(generateDemo({ startDate: START })).toStrictEqual(demo);
    const other = generateDemo({ startDate: START, seed: 'lain' });
    expect(other.participants[0]?.nip).not.toBe(demo.participants[0]?.nip);
    expect(other.agency.id).not.toBe(demo.agency.id);
  });

  it('builds a battery of 204 items that passes the default blueprint check', () => {
    expect(demo.items).toHaveLength(204);
    for (const item of demo.items) expect(itemSchema.safeParse(item).success).toBe(true);
    expect(validateBattery(demo.battery.battery, demo.items, defaultBlueprintSpec)).toEqual([]);
    const count = (pred: (i: (typeof demo.items)[number]) => boolean): number =>
      demo.items.filter(pred).length;
    for (const subtest of ['verbal', 'numerik', 'figural'] as const) {
      expect(count((i) => i.type === 'single_choice' && i.subtest === subtest)).toBe(20);
    }
    for (const code of CORE_COMPETENCY_CODES) {
      expect(count((i) => i.type === 'sjt' && i.competency === code)).toBe(10);
      expect(count((i) => i.type === 'likert' && i.competency === code)).toBe(4);
      expect(count((i) => i.type === 'self_assessment' && i.competency === code)).toBe(2);
    }
    const stems = demo.items.filter((i) => i.type !== 'self_assessment').map((i) => JSON.stringify(i.stem));
    expect(new Set(stems).size).toBe(186);
  });

  it('weights every SJT option 1 to 5 with a best option and tags each scenario with an indicator', () => {
    for (const item of demo.items) {
      if (item.type !== 'sjt') continue;
      expect(item.indicator.length).toBeGreaterThan(10);
      expect(item.options.length).toBeGreaterThanOrEqual(4);
      expect(item.options.length).toBeLessThanOrEqual(5);
      for (const o of item.options) expect([1, 2, 3, 4, 5]).toContain(o.weight);
      expect(Math.max(...item.options.map((o) => o.weight))).toBe(5);
      expect(Math.min(...item.options.map((o) => o.weight))).toBe(1);
    }
  });

  it('keys every numerik item to the answer recomputed from its text', () => {
    const numerik = demo.items.filter(
      (i): i is SingleChoiceItem => i.type === 'single_choice' && i.subtest === 'numerik',
    );
    for (const item of numerik) {
      const expected = solve(item.stem.text);
      const keyed = item.options.find((o) => o.id === item.key)?.content.text ?? '';
      expect(parseAngka(keyed), item.stem.text).toBe(expected);
      const values = item.options.map((o) => parseAngka(o.content.text));
      expect(new Set(values).size).toBe(5);
    }
  });

  it('draws every figural item and option as SVG with five different pictures', () => {
    const figural = demo.items.filter(
      (i): i is SingleChoiceItem => i.type === 'single_choice' && i.subtest === 'figural',
    );
    for (const item of figural) {
      expect(item.stem.svg).toMatch(/^<svg /);
      expect(new Set(item.options.map((o) => o.content.svg)).size).toBe(5);
    }
  });

  it('keys some inventory statements in reverse, never all of a competency', () => {
    for (const code of CORE_COMPETENCY_CODES) {
      const reversed = demo.items.filter(
        (i) => i.type === 'likert' && i.competency === code && i.reverse,
      ).length;
      expect(reversed).toBeGreaterThanOrEqual(1);
      expect(reversed).toBeLessThan(4);
    }
  });

  it('gives 2,111 participants valid, unique NIPs matching their birth date and gender', () => {
    expect(demo.participants).toHaveLength(2111);
    expect(new Set(demo.participants.map((p) => p.nip)).size).toBe(2111);
    expect(new Set(demo.participants.map((p) => p.email)).size).toBe(2111);
    const today = new Date(`${START}T00:00:00Z`);
    for (const p of demo.participants) {
      const parsed = parseNip(p.nip, today);
      expect(parsed.ok, p.nip).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.birthDate).toBe(p.birthDate);
      expect(parsed.gender).toBe(p.gender === 'L' ? 'male' : 'female');
    }
  });

  it('registers only positions up to Administrator, in the participant’s own unit', () => {
    const positions = new Map(demo.positions.map((p) => [p.id, p]));
    for (const p of demo.participants) {
      const position = positions.get(p.positionId);
      expect(position && MASS_CAT_JENJANG.includes(position.jenjang)).toBe(true);
      expect(position?.unitId).toBe(p.unitId);
    }
    expect(demo.positions.some((p) => p.jenjang === 'jpt_pratama')).toBe(true);
  });

  it('spreads SKP predikat realistically, most participants Baik', () => {
    const share = (k: string): number => demo.participants.filter((p) => p.skpPredikat === k).length / 2111;
    expect(share('baik')).toBeGreaterThan(0.6);
    expect(share('sangat_baik')).toBeGreaterThan(0.05);
    expect(share('sangat_kurang')).toBeLessThan(0.03);
  });

  it('fills 28 sessions of 75 seats over 14 days, leaving the 11 over capacity to be rescheduled', () => {
    expect(demo.sessions).toHaveLength(28);
    expect(new Set(demo.sessions.map((s) => s.date)).size).toBe(14);
    expect(demo.sessions[0]).toMatchObject({
      date: START,
      slot: 'pagi',
      startsAt: `${START}T00:30:00.000Z`,
      endsAt: `${START}T03:30:00.000Z`,
    });
    expect(demo.sessions[1]).toMatchObject({ slot: 'siang', startsAt: `${START}T06:00:00.000Z` });
    expect(demo.registrations).toHaveLength(28 * 75);
    expect(new Set(demo.registrations.map((r) => r.participantId)).size).toBe(28 * 75);
    expect(new Set(demo.registrations.map((r) => `${r.sessionId}#${r.seatNo}`)).size).toBe(28 * 75);
    for (const s of demo.sessions) {
      expect(s.capacity).toBe(PLANNED_PER_SESSION);
      const seats = demo.registrations.filter((r) => r.sessionId === s.id).map((r) => r.seatNo);
      expect(seats).toHaveLength(PLANNED_PER_SESSION);
      expect(Math.max(...seats)).toBeLessThanOrEqual(Math.min(s.capacity, ROOM_CAPACITY));
    }
    const seated = new Set(demo.registrations.map((r) => r.participantId));
    expect(demo.participants.filter((p) => !seated.has(p.id))).toHaveLength(11);
  });

  it('seats the 11 left over in a make-up session opening at the moment of seeding, when asked', () => {
    const at = `${START}T15:00:00.000Z`; // 22:00 WIB, after both planned sessions of the day
    const withPractice = generateDemo({ startDate: START, practiceStartsAt: at });
    expect(withPractice.sessions).toHaveLength(29);
    const makeUp = withPractice.sessions[28]!;
    expect(makeUp).toMatchObject({ date: START, slot: 'siang', startsAt: at });
    expect(Date.parse(makeUp.endsAt) - Date.parse(at)).toBe(4 * 3600_000);
    const seated = withPractice.registrations.filter((r) => r.sessionId === makeUp.id);
    expect(seated).toHaveLength(11);
    expect(new Set(withPractice.registrations.map((r) => r.participantId)).size).toBe(2111);
    expect(withPractice.proctorAssignments.some((a) => a.sessionId === makeUp.id)).toBe(true);
    expect(withPractice.rooms.find((r) => r.id === makeUp.roomId)?.name).toBe('Ruang CAT Susulan');
    // The planned sessions are exactly those of the demo without a make-up session.
    expect(withPractice.sessions.slice(0, 28)).toEqual(demo.sessions);
    expect(withPractice.registrations.slice(0, 2100)).toEqual(demo.registrations);
  });

  it('issues unique 6-character access codes without look-alike characters', () => {
    const codes = demo.registrations.map((r) => r.accessCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
  });

  it('assigns one proctor to every session and never the same proctor to both slots of a day', () => {
    expect(demo.proctorAssignments).toHaveLength(28);
    const bySession = new Map(demo.proctorAssignments.map((a) => [a.sessionId, a.staffUserId]));
    for (let i = 0; i < demo.sessions.length; i += 2) {
      expect(bySession.get(demo.sessions[i]?.id ?? '')).not.toBe(
        bySession.get(demo.sessions[i + 1]?.id ?? ''),
      );
    }
  });

  it('lists staff logins and sample participants for today’s sessions', () => {
    const logins = demoLogins(demo);
    expect(logins.staff.map((s) => s.username)).toEqual(
      expect.arrayContaining(['admin', 'bkd', 'asesor', 'pengawas1']),
    );
    expect(logins.participants.length).toBe(6);
    for (const p of logins.participants) expect(p.session.startsWith(START)).toBe(true);
    expect(logins.note).toMatch(/token ruangan/i);
  });
});

// --- an independent solver for the numerik items, written from the item texts alone ---

function parseAngka(text: string): number {
  const m = /−?[\d.]+/.exec(text);
  if (!m) throw new Error(`no number in ${text}`);
  return Number(m[0].replace(/\./g, '').replace('−', '-'));
}

function numbers(text: string): number[] {
  return [...text.matchAll(/\d+(?:\.\d{3})*/g)].map((m) => Number(m[0].replace(/\./g, '')));
}

function nextInSeries(t: number[]): number {
  const candidates = new Set<number>();
  const diffs = t.slice(1).map((v, i) => v - (t[i] as number));
  const last = t[t.length - 1] as number;
  if (diffs.every((d) => d === diffs[0])) candidates.add(last + (diffs[0] as number));
  const second = diffs.slice(1).map((d, i) => d - (diffs[i] as number));
  if (second.every((d) => d === second[0]))
    candidates.add(last + (diffs[diffs.length - 1] as number) + (second[0] as number));
  const ratios = t.slice(1).map((v, i) => v / (t[i] as number));
  if (ratios.every((r) => r === ratios[0] && Number.isInteger(r)))
    candidates.add(last * (ratios[0] as number));
  if (t.slice(2).every((v, i) => v === (t[i] as number) + (t[i + 1] as number)))
    candidates.add(last + (t[t.length - 2] as number));
  const even = t.filter((_, i) => i % 2 === 0);
  const odd = t.filter((_, i) => i % 2 === 1);
  const step = (s: number[]): number | null =>
    s.slice(1).every((v, i) => v - (s[i] as number) === (s[1] as number) - (s[0] as number))
      ? (s[1] as number) - (s[0] as number)
      : null;
  const se = step(even);
  const so = step(odd);
  if (se !== null && so !== null) {
    const nextSeries = t.length % 2 === 0 ? even : odd;
    candidates.add((nextSeries[nextSeries.length - 1] as number) + (t.length % 2 === 0 ? se : so));
  }
  if (candidates.size !== 1)
    throw new Error(`ambiguous or unsolved series ${t.join(', ')}: ${[...candidates].join('/')}`);
  return [...candidates][0] as number;
}

function solve(text: string): number {
  if (text.startsWith('Bilangan berikutnya')) return nextInSeries(numbers(text.split('\n')[1] ?? ''));
  const n = numbers(text);
  const at = (i: number): number => n[i] as number;
  if (text.includes('belum terserap')) return (at(0) * (100 - at(1))) / 100;
  if (text.includes('pegawai dapat menyelesaikan')) return (at(0) * at(1)) / at(2);
  if (text.includes('Perbandingan')) return (at(2) * at(1)) / (at(0) + at(1));
  if (text.includes('km/jam')) return (at(0) / at(1)) * 60;
  if (text.includes('rata-rata')) return n.slice(0, 5).reduce((a, b) => a + b, 0) / 5;
  if (text.includes('% ×')) return (at(0) * at(1)) / 100 + (at(2) * at(4)) / at(3);
  if (text.includes(' × ') && text.includes(' : ')) return at(0) * at(1) - at(2) / at(3);
  throw new Error(`unknown numerik template: ${text}`);
}
