// Tes potensi figural: pattern sequences drawn as small inline SVG panels, options drawn the same way.
import type { RichContent, SingleChoiceItem } from '@petakom/domain';
import type { Rng } from '../random.ts';
import { singleChoiceItem } from './choices.ts';

const P = 64; // panel size
const GAP = 12;
const INK = '#1f2937';

/** One figure in a panel, described so that two figures compare equal exactly when they look alike. */
type Figure =
  | { kind: 'panah'; angle: number; filled: boolean }
  | { kind: 'grid'; cells: readonly number[] }
  | { kind: 'poligon'; sides: number }
  | { kind: 'titik'; count: number };

function figureBody(f: Figure): string {
  switch (f.kind) {
    case 'panah':
      return `<polygon points="32,8 50,30 39,30 39,56 25,56 25,30 14,30" fill="${f.filled ? INK : '#ffffff'}" stroke="${INK}" stroke-width="2" transform="rotate(${f.angle} 32 32)"/>`;
    case 'grid': {
      const cells: string[] = [];
      for (let i = 0; i < 9; i++) {
        const x = 8 + (i % 3) * 16;
        const y = 8 + Math.floor(i / 3) * 16;
        cells.push(
          `<rect x="${x}" y="${y}" width="16" height="16" fill="${f.cells.includes(i) ? INK : '#ffffff'}" stroke="${INK}" stroke-width="1.5"/>`,
        );
      }
      return cells.join('');
    }
    case 'poligon': {
      const pts: string[] = [];
      for (let i = 0; i < f.sides; i++) {
        const a = -Math.PI / 2 + (2 * Math.PI * i) / f.sides;
        pts.push(`${(32 + 24 * Math.cos(a)).toFixed(1)},${(32 + 24 * Math.sin(a)).toFixed(1)}`);
      }
      return `<polygon points="${pts.join(' ')}" fill="none" stroke="${INK}" stroke-width="2.5"/>`;
    }
    case 'titik': {
      const dots: string[] = [];
      for (let i = 0; i < f.count; i++) {
        dots.push(
          `<circle cx="${14 + (i % 4) * 12}" cy="${14 + Math.floor(i / 4) * 12}" r="4" fill="${INK}"/>`,
        );
      }
      return dots.join('');
    }
  }
}

const svgOpen = (w: number, label: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${P}" width="${w}" height="${P}" role="img" aria-label="${label}">`;

// The option's text stays empty and its label generic: a description would give the answer away.
function panelSvg(f: Figure): RichContent {
  return {
    text: '',
    svg: `${svgOpen(P, 'pilihan gambar')}<rect x="0.5" y="0.5" width="${P - 1}" height="${P - 1}" fill="#ffffff" stroke="#9ca3af"/>${figureBody(f)}</svg>`,
  };
}

function sequenceSvg(figures: readonly Figure[]): string {
  const n = figures.length + 1;
  const w = n * P + (n - 1) * GAP;
  const panels = figures.map((f, i) => {
    const x = i * (P + GAP);
    return `<g transform="translate(${x} 0)"><rect x="0.5" y="0.5" width="${P - 1}" height="${P - 1}" fill="#ffffff" stroke="#9ca3af"/>${figureBody(f)}</g>`;
  });
  const qx = figures.length * (P + GAP);
  panels.push(
    `<g transform="translate(${qx} 0)"><rect x="0.5" y="0.5" width="${P - 1}" height="${P - 1}" fill="#f3f4f6" stroke="#9ca3af" stroke-dasharray="4 3"/><text x="32" y="42" font-size="28" text-anchor="middle" fill="${INK}">?</text></g>`,
  );
  return `${svgOpen(w, 'deret gambar')}${panels.join('')}</svg>`;
}

const same = (a: Figure, b: Figure): boolean => JSON.stringify(a) === JSON.stringify(b);

type Puzzle = { figures: Figure[]; answer: Figure; distractors: Figure[] };

function rotasi(rng: Rng, withFill: boolean, variant: readonly [start: number, step: number]): Puzzle {
  const [start, step] = variant;
  const fillStart = rng.chance(0.5);
  const at = (i: number): Figure => ({
    kind: 'panah',
    angle: (start + i * step) % 360,
    filled: withFill ? (i % 2 === 0) === fillStart : true,
  });
  const answer = at(4);
  const pool: Figure[] = [];
  for (let a = 0; a < 360; a += 45) {
    pool.push({ kind: 'panah', angle: a, filled: answer.kind === 'panah' && answer.filled });
    if (withFill) pool.push({ kind: 'panah', angle: a, filled: !(answer.kind === 'panah' && answer.filled) });
  }
  // Near misses first: the right angle in the wrong fill, and the previous panel repeated.
  const near = withFill
    ? [{ ...answer, filled: !(answer.kind === 'panah' && answer.filled) } as Figure, at(3)]
    : [at(3), at(5)];
  return { figures: [0, 1, 2, 3].map(at), answer, distractors: pickDistinct(rng, answer, near, pool) };
}

function kisi(rng: Rng): Puzzle {
  const order = rng.shuffle([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  const start = rng.int(1, 2);
  const step = rng.int(1, 2);
  const at = (count: number): Figure => ({
    kind: 'grid',
    cells: order.slice(0, count).sort((a, b) => a - b),
  });
  const answer = at(start + 4 * step);
  const pool = [1, 2, 3, 4, 5, 6, 7, 8, 9].map(at);
  // Same count, different cells: only the panel that keeps every earlier black cell is right.
  const shifted: Figure = {
    kind: 'grid',
    cells: rng
      .shuffle([0, 1, 2, 3, 4, 5, 6, 7, 8])
      .slice(0, start + 4 * step)
      .sort((a, b) => a - b),
  };
  return {
    figures: [0, 1, 2, 3].map((i) => at(start + i * step)),
    answer,
    distractors: pickDistinct(rng, answer, [shifted, at(start + 3 * step)], pool),
  };
}

// Four fixed variants (up or down, two starts) so the four poligon items never repeat each other.
function poligon(rng: Rng, round: number): Puzzle {
  const [start, dir] = (
    [
      [3, 1],
      [10, -1],
      [4, 1],
      [9, -1],
    ] as const
  )[round % 4] as readonly [number, number];
  const at = (i: number): Figure => ({ kind: 'poligon', sides: start + dir * i });
  const answer = at(4);
  const pool = [3, 4, 5, 6, 7, 8, 9, 10].map((sides): Figure => ({ kind: 'poligon', sides }));
  return {
    figures: [0, 1, 2, 3].map(at),
    answer,
    distractors: pickDistinct(rng, answer, [at(3), at(5)], pool),
  };
}

function titik(rng: Rng, variant: readonly [start: number, step: number]): Puzzle {
  const [start, step] = variant;
  const at = (i: number): Figure => ({ kind: 'titik', count: start + i * step });
  const answer = at(4);
  const pool = Array.from({ length: 16 }, (_, i): Figure => ({ kind: 'titik', count: i + 1 }));
  return {
    figures: [0, 1, 2, 3].map(at),
    answer,
    distractors: pickDistinct(rng, answer, [at(3), at(5)], pool),
  };
}

function pickDistinct(rng: Rng, answer: Figure, near: readonly Figure[], pool: readonly Figure[]): Figure[] {
  const out: Figure[] = [];
  for (const f of [...near, ...rng.shuffle(pool)]) {
    if (out.length === 4) break;
    if (!same(f, answer) && !out.some((o) => same(o, f))) out.push(f);
  }
  return out;
}

export function figuralItems(rng: Rng, nextId: () => string): SingleChoiceItem[] {
  const kinds = ['rotasi', 'kombinasi', 'kisi', 'poligon', 'titik'] as const;
  const items: SingleChoiceItem[] = [];
  // Parameters are dealt without replacement so no two items of a kind show the same sequence.
  const deal = (starts: readonly number[], steps: readonly number[]): (readonly [number, number])[] =>
    rng.shuffle(starts.flatMap((a) => steps.map((b) => [a, b] as const))).slice(0, 4);
  const rotasiVariants = deal([0, 45, 90, 180, 270], [45, 90, 135]);
  const kombinasiVariants = deal([0, 45, 90, 180, 270], [45, 90]);
  const titikVariants = deal([1, 2, 3], [1, 2]);
  for (let round = 0; round < 4; round++) {
    for (const kind of kinds) {
      const puzzle =
        kind === 'rotasi'
          ? rotasi(rng, false, rotasiVariants[round] as readonly [number, number])
          : kind === 'kombinasi'
            ? rotasi(rng, true, kombinasiVariants[round] as readonly [number, number])
            : kind === 'kisi'
              ? kisi(rng)
              : kind === 'poligon'
                ? poligon(rng, round)
                : titik(rng, titikVariants[round] as readonly [number, number]);
      const stem: RichContent = {
        text: 'Perhatikan deret gambar berikut. Gambar manakah yang tepat untuk menggantikan tanda tanya?',
        svg: sequenceSvg(puzzle.figures),
      };
      items.push(
        singleChoiceItem(
          rng,
          nextId(),
          'figural',
          stem,
          panelSvg(puzzle.answer),
          puzzle.distractors.map(panelSvg),
        ),
      );
    }
  }
  return items;
}
