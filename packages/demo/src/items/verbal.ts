// Tes potensi verbal: sinonim, antonim and analogi items drawn from curated word sets.
import type { SingleChoiceItem } from '@petakom/domain';
import type { Rng } from '../random.ts';
import { singleChoiceItem, text } from './choices.ts';

type WordSet = readonly [question: string, answer: string, d1: string, d2: string, d3: string, d4: string];

// Each distractor is a real word from the same field that is plainly not the relation asked for.
const SINONIM: readonly WordSet[] = [
  ['AKURAT', 'Tepat', 'Cepat', 'Rapi', 'Lengkap', 'Tegas'],
  ['KENDALA', 'Hambatan', 'Tujuan', 'Sarana', 'Peluang', 'Akibat'],
  ['KOMPETEN', 'Cakap', 'Rajin', 'Jujur', 'Patuh', 'Tekun'],
  ['EVALUASI', 'Penilaian', 'Perencanaan', 'Pelaksanaan', 'Pelaporan', 'Penugasan'],
  ['RANCU', 'Kacau', 'Jelas', 'Ringkas', 'Baku', 'Lugas'],
  ['WAHANA', 'Sarana', 'Tujuan', 'Hasil', 'Kendala', 'Wilayah'],
  ['NISCAYA', 'Pasti', 'Mungkin', 'Jarang', 'Segera', 'Mudah'],
  ['PRAKARSA', 'Inisiatif', 'Perintah', 'Laporan', 'Tanggapan', 'Hambatan'],
  ['KREDIBEL', 'Dapat dipercaya', 'Terkenal', 'Berwenang', 'Berpengalaman', 'Berpengaruh'],
  ['NISBI', 'Relatif', 'Mutlak', 'Tetap', 'Umum', 'Khusus'],
];

const ANTONIM: readonly WordSet[] = [
  ['KONKRET', 'Abstrak', 'Nyata', 'Jelas', 'Padat', 'Pasti'],
  ['STATIS', 'Dinamis', 'Tetap', 'Diam', 'Stabil', 'Lamban'],
  ['OPTIMIS', 'Pesimis', 'Realistis', 'Yakin', 'Gigih', 'Tenang'],
  ['DEFISIT', 'Surplus', 'Rugi', 'Utang', 'Kurang', 'Pajak'],
  ['HOMOGEN', 'Heterogen', 'Sejenis', 'Seragam', 'Tunggal', 'Murni'],
  ['EKSPLISIT', 'Implisit', 'Tersurat', 'Terang', 'Tegas', 'Lengkap'],
  ['PROGRESIF', 'Regresif', 'Maju', 'Agresif', 'Modern', 'Cepat'],
  ['APATIS', 'Peduli', 'Acuh', 'Malas', 'Diam', 'Lesu'],
  ['MAYORITAS', 'Minoritas', 'Sebagian besar', 'Rakyat', 'Umum', 'Mufakat'],
  ['GAMBLANG', 'Samar', 'Jelas', 'Rinci', 'Singkat', 'Terang'],
];

const ANALOGI: readonly WordSet[] = [
  ['DOKTER : RUMAH SAKIT = GURU : …', 'Sekolah', 'Murid', 'Buku', 'Pelajaran', 'Kapur'],
  ['PENA : MENULIS = PISAU : …', 'Memotong', 'Tajam', 'Dapur', 'Besi', 'Mengasah'],
  ['PADI : PETANI = IKAN : …', 'Nelayan', 'Laut', 'Jala', 'Pasar', 'Perahu'],
  ['TERMOMETER : SUHU = BAROMETER : …', 'Tekanan udara', 'Kelembapan', 'Angin', 'Hujan', 'Ketinggian'],
  ['KAPAL : NAKHODA = PESAWAT : …', 'Pilot', 'Pramugari', 'Bandara', 'Penumpang', 'Sayap'],
  ['KAKI : SEPATU = TANGAN : …', 'Sarung tangan', 'Jari', 'Kuku', 'Lengan', 'Memegang'],
  ['BANK : UANG = PERPUSTAKAAN : …', 'Buku', 'Pustakawan', 'Membaca', 'Rak', 'Pengunjung'],
  ['AIR : HAUS = MAKANAN : …', 'Lapar', 'Kenyang', 'Piring', 'Nasi', 'Dapur'],
];

export function verbalItems(rng: Rng, nextId: () => string): SingleChoiceItem[] {
  const build = (set: WordSet, stem: string): SingleChoiceItem => {
    const [, answer, ...distractors] = set;
    return singleChoiceItem(rng, nextId(), 'verbal', text(stem), text(answer), distractors.map(text));
  };
  const pickSets = (sets: readonly WordSet[], n: number): WordSet[] => rng.shuffle(sets).slice(0, n);
  return [
    ...pickSets(SINONIM, 7).map((s) => build(s, `Sinonim (persamaan kata) dari ${s[0]} adalah …`)),
    ...pickSets(ANTONIM, 7).map((s) => build(s, `Antonim (lawan kata) dari ${s[0]} adalah …`)),
    ...pickSets(ANALOGI, 6).map((s) => build(s, `Lengkapilah analogi berikut.\n${s[0]}`)),
  ];
}
