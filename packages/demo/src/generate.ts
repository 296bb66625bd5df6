// generateDemo: the whole demo exam day as plain objects — pure and deterministic in (seed, startDate).
import {
  defaultBlueprintSpec,
  type Battery,
  type BatterySection,
  type Item,
  type SectionKind,
  type TeknisCompetency,
} from '@petakom/domain';
import { generateOrganisation, type DemoAgency, type DemoPosition, type DemoUnit } from './agency.ts';
import { generateItemBank, type DemoItemBank } from './items/bank.ts';
import { generateParticipants, type DemoParticipant } from './participants.ts';
import { demoUuid } from './random.ts';
import { generateSchedule, type DemoSchedule } from './schedule.ts';

export const DEFAULT_DEMO_SEED = 'petakom-demo';
export const DEMO_PARTICIPANTS = 2111;

export interface GenerateDemoOptions {
  seed?: string;
  /** First exam day, YYYY-MM-DD (Asia/Jakarta). */
  startDate: string;
  /**
   * When set (an ISO instant, normally the moment of seeding), the participants beyond the 28
   * planned sessions are seated in a make-up session opening then, so the demo can be tried at once.
   */
  practiceStartsAt?: string;
}

export interface DemoItemBankRecord {
  id: string;
  agencyId: string;
  name: string;
}

export interface DemoBattery {
  id: string;
  name: string;
  battery: Battery;
}

export interface DemoCampaign {
  id: string;
  agencyId: string;
  batteryId: string;
  name: string;
  purpose: 'pemetaan';
  validityYears: number;
  settings: { jpmVariant: 'capped' };
}

export interface DemoData extends DemoSchedule {
  seed: string;
  startDate: string;
  agency: DemoAgency;
  units: DemoUnit[];
  positions: DemoPosition[];
  teknisCompetencies: TeknisCompetency[];
  itemBank: DemoItemBankRecord;
  items: Item[];
  battery: DemoBattery;
  campaign: DemoCampaign;
  participants: DemoParticipant[];
}

const INSTRUCTIONS: Record<SectionKind, string> = {
  potensi:
    'Tes ini terdiri atas soal verbal, numerik, dan figural. Pilih satu jawaban yang paling tepat. Jawaban benar bernilai 1, jawaban salah atau kosong bernilai 0. Tandai "ragu-ragu" bila ingin meninjau kembali.',
  sjt: 'Bacalah setiap situasi kerja, lalu pilih tindakan yang paling mungkin Anda lakukan. Tidak ada jawaban benar atau salah mutlak; setiap pilihan menggambarkan tingkat perilaku yang berbeda.',
  inventory:
    'Nyatakan seberapa sesuai setiap pernyataan dengan diri Anda, dari "Sangat Tidak Sesuai" sampai "Sangat Sesuai". Jawablah dengan jujur sesuai keadaan sehari-hari.',
  self_assessment:
    'Pada setiap soal, pilih satu pernyataan yang paling menggambarkan diri Anda dalam bekerja saat ini.',
};

const SECTION_KEYS: Record<SectionKind, string> = {
  potensi: 'potensi',
  sjt: 'sjt',
  inventory: 'inventori',
  self_assessment: 'penilaian-diri',
};

function buildBattery(bank: DemoItemBank): Battery {
  const idsByKind: Record<SectionKind, string[]> = {
    potensi: bank.potensi.map((i) => i.id),
    sjt: bank.sjt.map((i) => i.id),
    inventory: bank.inventory.map((i) => i.id),
    self_assessment: bank.selfAssessment.map((i) => i.id),
  };
  const sections: BatterySection[] = defaultBlueprintSpec.sections.map((spec) => ({
    key: SECTION_KEYS[spec.kind],
    title: spec.title,
    kind: spec.kind,
    timeLimitSec: spec.timeLimitSec,
    itemIds: idsByKind[spec.kind],
    shuffleItems: true,
    shuffleOptions: true,
    instructions: INSTRUCTIONS[spec.kind],
  }));
  return { sections };
}

export function generateDemo(options: GenerateDemoOptions): DemoData {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const { startDate } = options;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate) || Number.isNaN(Date.parse(`${startDate}T00:00:00Z`))) {
    throw new Error(`startDate must be YYYY-MM-DD, got ${startDate}`);
  }
  const org = generateOrganisation(seed);
  const bank = generateItemBank(seed);
  const items: Item[] = [...bank.potensi, ...bank.sjt, ...bank.inventory, ...bank.selfAssessment];
  const year = startDate.slice(0, 4);
  const battery: DemoBattery = {
    id: demoUuid(seed, 'battery', 'baku'),
    name: 'Baterai Pemetaan Kompetensi (204 butir)',
    battery: buildBattery(bank),
  };
  const campaign: DemoCampaign = {
    id: demoUuid(seed, 'campaign', 'pemetaan'),
    agencyId: org.agency.id,
    batteryId: battery.id,
    name: `Pemetaan Kompetensi ASN ${org.agency.name} ${year}`,
    purpose: 'pemetaan',
    validityYears: 3,
    settings: { jpmVariant: 'capped' },
  };
  const participants = generateParticipants(seed, org, startDate, DEMO_PARTICIPANTS);
  const schedule = generateSchedule(
    seed,
    campaign.id,
    startDate,
    participants,
    org.units.map((u) => u.id),
    options.practiceStartsAt,
  );
  return {
    seed,
    startDate,
    agency: org.agency,
    units: org.units,
    positions: org.positions,
    teknisCompetencies: org.teknis,
    itemBank: {
      id: demoUuid(seed, 'item-bank', 'utama'),
      agencyId: org.agency.id,
      name: 'Bank Soal Pemetaan Kompetensi',
    },
    items,
    battery,
    campaign,
    participants,
    ...schedule,
  };
}
