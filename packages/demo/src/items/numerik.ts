// Tes potensi numerik: deret angka and aritmetika (soal cerita) items whose keys are computed.
import type { SingleChoiceItem } from '@petakom/domain';
import type { Rng } from '../random.ts';
import { singleChoiceItem, text } from './choices.ts';

/** Indonesian digit grouping (1.250), written out so output never depends on the ICU build. */
export function formatAngka(n: number): string {
  const sign = n < 0 ? '−' : '';
  return sign + String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** Four distinct wrong answers near the right one, as a careless solver would produce. */
function nearMisses(rng: Rng, answer: number, spread: number, plausible: readonly number[] = []): number[] {
  const out = new Set<number>();
  for (const p of plausible) if (p !== answer && p > 0) out.add(p);
  const offsets = rng.shuffle([-3, -2, -1, 1, 2, 3, 4].map((k) => k * spread));
  for (const o of offsets) {
    if (out.size >= 4) break;
    const v = answer + o;
    if (v > 0 && v !== answer) out.add(v);
  }
  return [...out].slice(0, 4);
}

type Deret = { terms: number[]; answer: number; plausible: number[] };

const DERET_KINDS = ['aritmetika', 'geometri', 'bertingkat', 'fibonacci', 'selang', 'kuadrat'] as const;
type DeretKind = (typeof DERET_KINDS)[number];

function deret(rng: Rng, kind: DeretKind): Deret {
  switch (kind) {
    case 'aritmetika': {
      const a = rng.int(2, 40);
      const d = rng.int(3, 13);
      const terms = [0, 1, 2, 3, 4].map((i) => a + i * d);
      return { terms, answer: a + 5 * d, plausible: [a + 4 * d + d + 1] };
    }
    case 'geometri': {
      const a = rng.int(2, 6);
      const r = rng.pick([2, 3]);
      const terms = [0, 1, 2, 3, 4].map((i) => a * r ** i);
      const last = a * r ** 4;
      return { terms, answer: last * r, plausible: [last + (last - a * r ** 3)] };
    }
    case 'bertingkat': {
      const a = rng.int(1, 20);
      const d = rng.int(2, 5);
      const k = rng.int(1, 3);
      const terms = [a];
      for (let i = 0; i < 5; i++) terms.push((terms[i] as number) + d + i * k);
      const answer = (terms[5] as number) + d + 5 * k;
      return { terms, answer, plausible: [answer - k] };
    }
    case 'fibonacci': {
      const terms = [rng.int(1, 4), rng.int(2, 6)];
      for (let i = 2; i < 7; i++) terms.push((terms[i - 1] as number) + (terms[i - 2] as number));
      const answer = (terms[6] as number) + (terms[5] as number);
      return { terms, answer, plausible: [answer + 1] };
    }
    case 'selang': {
      // Two interleaved series, one rising and one falling, so no single rule fits the whole row.
      const a = rng.int(2, 12);
      const da = rng.int(2, 6);
      const b = rng.int(40, 60);
      const db = rng.int(2, 5);
      const terms: number[] = [];
      for (let i = 0; i < 7; i++) terms.push(i % 2 === 0 ? a + (i / 2) * da : b - ((i - 1) / 2) * db);
      const answer = b - 3 * db;
      return { terms, answer, plausible: [a + 4 * da] };
    }
    case 'kuadrat': {
      const c = rng.int(-1, 5);
      const start = rng.int(1, 4);
      const terms = [0, 1, 2, 3, 4].map((i) => (start + i) ** 2 + c);
      return { terms, answer: (start + 5) ** 2 + c, plausible: [(start + 5) ** 2] };
    }
  }
}

function deretItem(rng: Rng, id: string, kind: DeretKind): SingleChoiceItem {
  const { terms, answer, plausible } = deret(rng, kind);
  const stem = `Bilangan berikutnya dari deret berikut adalah …\n${terms.map(formatAngka).join(', ')}, …`;
  const spread = kind === 'geometri' ? Math.max(1, Math.round(answer / 10)) : 1;
  return singleChoiceItem(
    rng,
    id,
    'numerik',
    text(stem),
    text(formatAngka(answer)),
    nearMisses(rng, answer, spread, plausible).map((n) => text(formatAngka(n))),
  );
}

type Cerita = {
  stem: string;
  answer: number;
  unit: (n: number) => string;
  spread: number;
  plausible: number[];
};

const CERITA_KINDS = [
  'anggaran',
  'pekerja',
  'rataan',
  'perbandingan',
  'perjalanan',
  'hitung',
  'persen',
] as const;
type CeritaKind = (typeof CERITA_KINDS)[number];

function cerita(rng: Rng, kind: CeritaKind): Cerita {
  const plain = (n: number): string => formatAngka(n);
  switch (kind) {
    case 'anggaran': {
      const total = rng.int(6, 45) * 20;
      const persen = rng.pick([15, 20, 25, 35, 40, 45, 60, 65, 75]);
      const sisa = (total * (100 - persen)) / 100;
      return {
        stem: `Anggaran kegiatan pengembangan kompetensi tahun ini sebesar Rp${formatAngka(total)} juta. Hingga akhir Juni, ${persen}% anggaran telah terserap. Berapa anggaran yang belum terserap?`,
        answer: sisa,
        unit: (n) => `Rp${formatAngka(n)} juta`,
        spread: 10,
        plausible: [total - sisa],
      };
    }
    case 'pekerja': {
      const n = rng.pick([4, 6, 8, 9, 10, 12]);
      const d = rng.pick([10, 12, 15, 18, 20, 24]);
      const options = [2, 3, 4, 5, 6, 8, 10, 12, 15, 16, 18, 20, 24, 30].filter(
        (m) => m !== n && (n * d) % m === 0 && m > n / 2,
      );
      const m = rng.pick(options);
      return {
        stem: `Sebanyak ${n} pegawai dapat menyelesaikan digitalisasi arsip kepegawaian dalam ${d} hari. Jika pekerjaan yang sama dikerjakan oleh ${m} pegawai dengan kecepatan kerja yang sama, dalam berapa hari pekerjaan itu selesai?`,
        answer: (n * d) / m,
        unit: (v) => `${plain(v)} hari`,
        spread: 1,
        plausible: [Math.round((m * d) / n)].filter((v) => v !== (n * d) / m),
      };
    }
    case 'rataan': {
      const values = [0, 1, 2, 3].map(() => rng.int(28, 45));
      const partial = values.reduce((s, v) => s + v, 0);
      // The fifth value makes the sum divisible by five so the mean is a whole number of people.
      let last = rng.int(30, 42);
      while ((partial + last) % 5 !== 0) last++;
      values.push(last);
      const mean = (partial + last) / 5;
      return {
        stem: `Jumlah peserta pelatihan dasar pada lima angkatan berturut-turut adalah ${values.slice(0, 4).join(', ')}, dan ${last} orang. Berapa rata-rata peserta per angkatan?`,
        answer: mean,
        unit: (v) => `${plain(v)} orang`,
        spread: 1,
        plausible: [],
      };
    }
    case 'perbandingan': {
      const [a, b] = rng.pick([
        [3, 2],
        [4, 3],
        [5, 3],
        [2, 3],
        [5, 4],
        [3, 5],
        [7, 5],
      ] as const);
      const k = rng.int(12, 60);
      const total = (a + b) * k;
      return {
        stem: `Perbandingan jumlah pegawai laki-laki dan perempuan di sebuah dinas adalah ${a} : ${b}. Jika seluruh pegawai berjumlah ${formatAngka(total)} orang, berapa jumlah pegawai perempuan?`,
        answer: b * k,
        unit: (v) => `${plain(v)} orang`,
        spread: k > 20 ? 5 : 2,
        plausible: [a * k],
      };
    }
    case 'perjalanan': {
      const v = rng.pick([40, 45, 48, 50, 60, 72, 80]);
      // Travel time in whole minutes: a multiple of 60/gcd(v, 60) keeps the distance a whole number.
      const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
      const step = 60 / gcd(v, 60);
      const minutes = step * rng.int(Math.ceil(45 / step), Math.floor(210 / step));
      const km = (v * minutes) / 60;
      return {
        stem: `Sebuah mobil dinas menempuh jarak ${formatAngka(km)} km dengan kecepatan rata-rata ${v} km/jam. Berapa menit waktu tempuh perjalanan tersebut?`,
        answer: minutes,
        unit: (n) => `${plain(n)} menit`,
        spread: step < 5 ? 5 : step,
        plausible: [],
      };
    }
    case 'hitung': {
      const a = rng.int(12, 48);
      const b = rng.int(6, 25);
      const d = rng.int(3, 9);
      const q = rng.int(4, 20);
      const c = d * q;
      return {
        stem: `Hasil dari ${a} × ${b} − ${c} : ${d} adalah …`,
        answer: a * b - q,
        unit: plain,
        spread: 2,
        // The classic slip: subtracting before dividing.
        plausible: [Number.isInteger((a * b - c) / d) ? (a * b - c) / d : a * b - q + 10],
      };
    }
    case 'persen': {
      const p = rng.pick([5, 10, 15, 20, 25, 30, 40, 60, 75]);
      const n = rng.int(2, 30) * 20;
      const m = rng.int(3, 40) * 4;
      return {
        stem: `Hasil dari ${p}% × ${formatAngka(n)} + 3/4 × ${m} adalah …`,
        answer: (p * n) / 100 + (3 * m) / 4,
        unit: plain,
        spread: 3,
        plausible: [],
      };
    }
  }
}

function ceritaItem(rng: Rng, id: string, kind: CeritaKind): SingleChoiceItem {
  const c = cerita(rng, kind);
  return singleChoiceItem(
    rng,
    id,
    'numerik',
    text(c.stem),
    text(c.unit(c.answer)),
    nearMisses(rng, c.answer, c.spread, c.plausible).map((n) => text(c.unit(n))),
  );
}

export function numerikItems(rng: Rng, nextId: () => string): SingleChoiceItem[] {
  const deretKinds: DeretKind[] = [...DERET_KINDS, 'aritmetika', 'bertingkat', 'selang', 'geometri'];
  const ceritaKinds: CeritaKind[] = [...CERITA_KINDS, 'anggaran', 'perbandingan', 'hitung'];
  return [
    ...deretKinds.map((k) => deretItem(rng, nextId(), k)),
    ...ceritaKinds.map((k) => ceritaItem(rng, nextId(), k)),
  ];
}
