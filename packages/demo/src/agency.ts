// The demo agency: a fictional province with its perangkat daerah (units) and jabatan (positions),
// each jabatan carrying its competency standard from the domain defaults plus a few overrides.
import {
  CORE_COMPETENCY_CODES,
  positionKindOf,
  standardForJabatan,
  type CompetencyStandard,
  type CoreCompetencyCode,
  type Importance,
  type Jenjang,
  type PositionKind,
  type RequirementOverride,
  type TeknisCompetency,
} from '@petakom/domain';
import { demoUuid } from './random.ts';

export interface DemoAgency {
  id: string;
  name: string;
  shortName: string;
}

export interface DemoUnit {
  id: string;
  agencyId: string;
  parentId: string | null;
  name: string;
  /** Relative share of the participants working here. */
  weight: number;
}

export interface DemoPosition {
  id: string;
  agencyId: string;
  unitId: string;
  name: string;
  jenjang: Jenjang;
  kind: PositionKind;
  standard: CompetencyStandard;
}

type UnitSpec = {
  name: string;
  weight: number;
  head: string;
  administrator: readonly string[];
  fungsional: readonly (readonly [
    name: string,
    jenjang: Jenjang,
    overrides?: readonly RequirementOverride[],
  ])[];
};

export const TEKNIS_MSDM: TeknisCompetency = {
  code: 'TK-MSDM',
  name: 'Manajemen Sumber Daya Manusia Aparatur',
  kind: 'teknis',
  definition:
    'Kemampuan mengelola siklus manajemen ASN: perencanaan kebutuhan, pengadaan, pengembangan kompetensi, penilaian kinerja, dan sistem informasi kepegawaian.',
  levels: [
    ['Memahami ketentuan dasar manajemen ASN.', 'Menjelaskan jenis layanan kepegawaian dan persyaratannya.'],
    [
      'Menerapkan ketentuan manajemen ASN pada layanan rutin.',
      'Memverifikasi berkas usulan kepegawaian sesuai ketentuan.',
    ],
    [
      'Menganalisis data kepegawaian untuk memecahkan masalah unit kerja.',
      'Menyusun analisis kebutuhan pegawai dan pengembangan kompetensi.',
    ],
    [
      'Merumuskan kebijakan manajemen ASN di tingkat instansi.',
      'Menyusun rancangan kebijakan sistem merit instansi.',
    ],
    [
      'Menjadi rujukan manajemen ASN lintas instansi.',
      'Merumuskan standar manajemen ASN yang diadopsi instansi lain.',
    ],
  ].map(([description, indicator], i) => ({
    level: i + 1,
    description: description as string,
    indicators: [indicator as string],
  })),
};

const IMPORTANCE: Record<PositionKind, Record<CoreCompetencyCode, Importance>> = {
  struktural: {
    M1: 'mutlak',
    M2: 'penting',
    M3: 'penting',
    M4: 'mutlak',
    M5: 'penting',
    M6: 'penting',
    M7: 'penting',
    M8: 'mutlak',
    SK1: 'perlu',
  },
  fungsional: {
    M1: 'mutlak',
    M2: 'penting',
    M3: 'penting',
    M4: 'mutlak',
    M5: 'penting',
    M6: 'penting',
    M7: 'perlu',
    M8: 'perlu',
    SK1: 'perlu',
  },
  pelaksana: {
    M1: 'mutlak',
    M2: 'penting',
    M3: 'penting',
    M4: 'penting',
    M5: 'mutlak',
    M6: 'perlu',
    M7: 'perlu',
    M8: 'perlu',
    SK1: 'penting',
  },
};

const PENGAWAS = [
  'Kepala Subbagian Umum dan Kepegawaian',
  'Kepala Subbagian Perencanaan dan Keuangan',
] as const;
const PELAKSANA = [
  'Pengadministrasi Perkantoran',
  'Penata Layanan Operasional',
  'Pengolah Data dan Informasi',
  'Operator Layanan Operasional',
] as const;

const UNITS: readonly UnitSpec[] = [
  {
    name: 'Sekretariat Daerah',
    weight: 8,
    head: 'Asisten Pemerintahan dan Kesejahteraan Rakyat',
    administrator: [
      'Kepala Biro Pemerintahan dan Otonomi Daerah',
      'Kepala Biro Hukum',
      'Kepala Biro Organisasi',
    ],
    fungsional: [
      ['Analis Hukum Ahli Pertama', 'ahli_pertama'],
      ['Perancang Peraturan Perundang-undangan Ahli Muda', 'ahli_muda'],
    ],
  },
  {
    name: 'Sekretariat DPRD',
    weight: 4,
    head: 'Sekretaris DPRD',
    administrator: ['Kepala Bagian Umum dan Keuangan', 'Kepala Bagian Persidangan dan Perundang-undangan'],
    fungsional: [
      ['Analis Kebijakan Ahli Muda', 'ahli_muda'],
      ['Pranata Komputer Terampil', 'terampil'],
    ],
  },
  {
    name: 'Inspektorat Daerah',
    weight: 4,
    head: 'Inspektur',
    administrator: [
      'Sekretaris Inspektorat',
      'Inspektur Pembantu Wilayah I',
      'Inspektur Pembantu Wilayah II',
    ],
    fungsional: [
      ['Auditor Ahli Pertama', 'ahli_pertama'],
      // Auditors carry a higher integrity requirement than their jenjang's default.
      ['Auditor Ahli Muda', 'ahli_muda', [{ competency: 'M1', requiredLevel: 4, importance: 'mutlak' }]],
      ['Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Pertama', 'ahli_pertama'],
    ],
  },
  {
    name: 'Badan Perencanaan Pembangunan Daerah',
    weight: 4,
    head: 'Kepala Badan Perencanaan Pembangunan Daerah',
    administrator: [
      'Sekretaris Badan',
      'Kepala Bidang Perencanaan Makro dan Evaluasi',
      'Kepala Bidang Infrastruktur dan Kewilayahan',
    ],
    fungsional: [
      ['Perencana Ahli Pertama', 'ahli_pertama'],
      ['Perencana Ahli Muda', 'ahli_muda', [{ competency: 'M8', requiredLevel: 4, importance: 'mutlak' }]],
    ],
  },
  {
    name: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Daerah',
    weight: 4,
    head: 'Kepala BKPSDMD',
    administrator: [
      'Sekretaris Badan',
      'Kepala Bidang Pengadaan, Pemberhentian, dan Informasi Kepegawaian',
      'Kepala Bidang Pengembangan Kompetensi Aparatur',
    ],
    fungsional: [
      [
        'Analis Sumber Daya Manusia Aparatur Ahli Pertama',
        'ahli_pertama',
        [{ competency: 'TK-MSDM', requiredLevel: 2, importance: 'mutlak' }],
      ],
      [
        'Analis Sumber Daya Manusia Aparatur Ahli Muda',
        'ahli_muda',
        [{ competency: 'TK-MSDM', requiredLevel: 3, importance: 'mutlak' }],
      ],
      ['Widyaiswara Ahli Muda', 'ahli_muda', [{ competency: 'M6', requiredLevel: 4, importance: 'mutlak' }]],
    ],
  },
  {
    name: 'Badan Pengelolaan Keuangan dan Aset Daerah',
    weight: 5,
    head: 'Kepala Badan Pengelolaan Keuangan dan Aset Daerah',
    administrator: [
      'Sekretaris Badan',
      'Kepala Bidang Anggaran',
      'Kepala Bidang Akuntansi',
      'Kepala Bidang Aset',
    ],
    fungsional: [
      ['Analis Keuangan Pusat dan Daerah Ahli Pertama', 'ahli_pertama'],
      ['Pranata Keuangan APBN Terampil', 'terampil'],
    ],
  },
  {
    name: 'Dinas Pendidikan',
    weight: 26,
    head: 'Kepala Dinas Pendidikan',
    administrator: [
      'Sekretaris Dinas',
      'Kepala Bidang Pembinaan SMA',
      'Kepala Bidang Pembinaan SMK',
      'Kepala Bidang Pendidikan Khusus',
    ],
    fungsional: [
      ['Guru Ahli Pertama', 'ahli_pertama', [{ competency: 'M6', requiredLevel: 3 }]],
      ['Guru Ahli Muda', 'ahli_muda'],
      ['Pengawas Sekolah Ahli Muda', 'ahli_muda'],
      ['Pranata Laboratorium Pendidikan Terampil', 'terampil'],
    ],
  },
  {
    name: 'Dinas Kesehatan',
    weight: 14,
    head: 'Kepala Dinas Kesehatan',
    administrator: [
      'Sekretaris Dinas',
      'Kepala Bidang Pelayanan Kesehatan',
      'Kepala Bidang Pencegahan dan Pengendalian Penyakit',
    ],
    fungsional: [
      ['Dokter Ahli Pertama', 'ahli_pertama'],
      ['Perawat Terampil', 'terampil'],
      ['Perawat Mahir', 'mahir'],
      ['Bidan Penyelia', 'penyelia'],
      ['Epidemiolog Kesehatan Ahli Muda', 'ahli_muda'],
    ],
  },
  {
    name: 'Dinas Pekerjaan Umum dan Penataan Ruang',
    weight: 8,
    head: 'Kepala Dinas Pekerjaan Umum dan Penataan Ruang',
    administrator: [
      'Sekretaris Dinas',
      'Kepala Bidang Bina Marga',
      'Kepala Bidang Sumber Daya Air',
      'Kepala Bidang Penataan Ruang',
    ],
    fungsional: [
      ['Teknik Jalan dan Jembatan Ahli Pertama', 'ahli_pertama'],
      ['Teknik Pengairan Terampil', 'terampil'],
      ['Penata Ruang Ahli Muda', 'ahli_muda'],
    ],
  },
  {
    name: 'Dinas Sosial',
    weight: 6,
    head: 'Kepala Dinas Sosial',
    administrator: [
      'Sekretaris Dinas',
      'Kepala Bidang Perlindungan dan Jaminan Sosial',
      'Kepala Bidang Rehabilitasi Sosial',
    ],
    fungsional: [
      ['Pekerja Sosial Ahli Pertama', 'ahli_pertama'],
      ['Penyuluh Sosial Terampil', 'terampil'],
    ],
  },
  {
    name: 'Dinas Perhubungan',
    weight: 7,
    head: 'Kepala Dinas Perhubungan',
    administrator: [
      'Sekretaris Dinas',
      'Kepala Bidang Lalu Lintas dan Angkutan Jalan',
      'Kepala Bidang Pelayaran',
    ],
    fungsional: [
      ['Penguji Kendaraan Bermotor Mahir', 'mahir'],
      ['Penguji Kendaraan Bermotor Penyelia', 'penyelia'],
      ['Pengawas Keselamatan Pelayaran Ahli Pertama', 'ahli_pertama'],
    ],
  },
  {
    name: 'Dinas Kependudukan dan Pencatatan Sipil',
    weight: 5,
    head: 'Kepala Dinas Kependudukan dan Pencatatan Sipil',
    administrator: [
      'Sekretaris Dinas',
      'Kepala Bidang Pelayanan Pendaftaran Penduduk',
      'Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan',
    ],
    fungsional: [
      ['Administrator Database Kependudukan Ahli Pertama', 'ahli_pertama'],
      ['Pranata Komputer Ahli Pertama', 'ahli_pertama'],
    ],
  },
];

export interface DemoOrganisation {
  agency: DemoAgency;
  units: DemoUnit[];
  positions: DemoPosition[];
  teknis: TeknisCompetency[];
}

function standardFor(jenjang: Jenjang, overrides: readonly RequirementOverride[]): CompetencyStandard {
  const importance = IMPORTANCE[positionKindOf(jenjang)];
  const base: RequirementOverride[] = CORE_COMPETENCY_CODES.map((competency) => ({
    competency,
    importance: importance[competency],
  }));
  return standardForJabatan(jenjang, [...base, ...overrides]);
}

export function generateOrganisation(seed: string): DemoOrganisation {
  const agency: DemoAgency = {
    id: demoUuid(seed, 'agency', 'provinsi'),
    name: 'Pemerintah Provinsi Kepulauan Nusantara',
    shortName: 'Pemprov Kepulauan Nusantara',
  };
  const units: DemoUnit[] = [];
  const positions: DemoPosition[] = [];
  for (const spec of UNITS) {
    const unit: DemoUnit = {
      id: demoUuid(seed, 'unit', spec.name),
      agencyId: agency.id,
      parentId: null,
      name: spec.name,
      weight: spec.weight,
    };
    units.push(unit);
    const add = (name: string, jenjang: Jenjang, overrides: readonly RequirementOverride[] = []): void => {
      positions.push({
        id: demoUuid(seed, 'position', `${spec.name}|${name}`),
        agencyId: agency.id,
        unitId: unit.id,
        name,
        jenjang,
        kind: positionKindOf(jenjang),
        standard: standardFor(jenjang, overrides),
      });
    };
    // The head is above Administrator: present in the structure, never registered for a CAT campaign.
    add(spec.head, 'jpt_pratama');
    for (const name of spec.administrator) add(name, 'administrator');
    for (const name of PENGAWAS) add(name, 'pengawas');
    for (const name of PELAKSANA) add(name, 'pelaksana');
    for (const [name, jenjang, overrides] of spec.fungsional) add(name, jenjang, overrides);
  }
  return { agency, units, positions, teknis: [TEKNIS_MSDM] };
}
