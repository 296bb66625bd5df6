// Inventory statements (four per competency, reverse-keyed marked) and self-assessment ladders
// (two per competency, one statement per level 1–5, phrased after the level scopes of Permenpan RB 38/2017).
import type { CoreCompetencyCode } from '@petakom/domain';

export const INVENTORY: Record<
  CoreCompetencyCode,
  readonly (readonly [statement: string, reverse: boolean])[]
> = {
  M1: [
    ['Saya melaporkan hasil pekerjaan apa adanya, meskipun hasilnya kurang baik.', false],
    ['Saya menepati aturan kerja walaupun tidak ada yang mengawasi.', false],
    ['Menurut saya, menerima hadiah kecil dari pengguna layanan adalah hal yang wajar.', true],
    ['Saya berani mengakui kesalahan yang saya buat kepada atasan.', false],
  ],
  M2: [
    ['Saya senang membantu rekan yang sedang kesulitan menyelesaikan pekerjaannya.', false],
    ['Saya lebih suka bekerja sendiri daripada berbagi pekerjaan dengan orang lain.', true],
    ['Saya mempertimbangkan pendapat rekan kerja sebelum mengambil langkah.', false],
    ['Saya menjalin hubungan baik dengan pegawai dari unit kerja lain.', false],
  ],
  M3: [
    ['Saya memastikan pesan saya dipahami dengan benar oleh penerimanya.', false],
    ['Saya mendengarkan orang lain sampai selesai sebelum menanggapi.', false],
    ['Saya sering kesulitan menyusun laporan tertulis yang runtut.', true],
    ['Saya menyesuaikan cara bicara dengan orang yang saya hadapi.', false],
  ],
  M4: [
    ['Saya menetapkan target yang jelas untuk pekerjaan saya sendiri.', false],
    ['Saya tetap menyelesaikan pekerjaan meskipun menghadapi hambatan.', false],
    ['Saya sering menunda pekerjaan sampai mendekati tenggat waktu.', true],
    ['Saya memikirkan kemungkinan hambatan sebelum memulai pekerjaan.', false],
  ],
  M5: [
    ['Saya melayani setiap orang dengan standar yang sama tanpa membeda-bedakan.', false],
    ['Saya berusaha memberi kepastian waktu kepada pengguna layanan.', false],
    ['Keluhan masyarakat lebih sering mengganggu daripada membantu pekerjaan saya.', true],
    ['Saya mencari cara agar layanan menjadi lebih mudah bagi masyarakat.', false],
  ],
  M6: [
    ['Saya meluangkan waktu untuk mempelajari hal baru yang terkait dengan pekerjaan.', false],
    ['Saya senang membagikan pengetahuan kepada rekan kerja.', false],
    ['Saya merasa pengetahuan yang saya miliki sudah cukup untuk pekerjaan saya.', true],
    ['Saya meminta umpan balik atas hasil kerja saya.', false],
  ],
  M7: [
    ['Saya cepat menyesuaikan diri dengan aturan atau sistem kerja yang baru.', false],
    ['Saya merasa tidak nyaman ketika cara kerja yang biasa harus diubah.', true],
    ['Saya mengajak rekan kerja mencoba cara kerja baru yang lebih baik.', false],
    ['Saya melihat perubahan sebagai kesempatan untuk belajar.', false],
  ],
  M8: [
    ['Saya mengumpulkan informasi yang cukup sebelum mengambil keputusan.', false],
    ['Saya mempertimbangkan beberapa pilihan sebelum memutuskan sesuatu.', false],
    ['Saya cenderung menunda keputusan penting karena takut salah.', true],
    ['Saya siap mempertanggungjawabkan keputusan yang telah saya ambil.', false],
  ],
  SK1: [
    ['Saya nyaman bekerja sama dengan orang yang berbeda suku dan agama.', false],
    ['Saya menghargai adat dan kebiasaan daerah tempat saya bertugas.', false],
    ['Saya lebih percaya kepada rekan yang berasal dari daerah yang sama dengan saya.', true],
    ['Saya berusaha menengahi ketika terjadi pertentangan antarkelompok.', false],
  ],
};

type Ladder = readonly [string, string, string, string, string];

export const SELF_ASSESSMENT: Record<CoreCompetencyCode, readonly [Ladder, Ladder]> = {
  M1: [
    [
      'Saya bertindak jujur dan sesuai kode etik dalam pekerjaan saya sendiri.',
      'Saya mengingatkan dan mengajak rekan kerja untuk bertindak sesuai nilai dan etika organisasi.',
      'Saya memastikan anggota tim yang saya pimpin bekerja sesuai nilai dan etika organisasi.',
      'Saya menciptakan situasi kerja di instansi yang mendorong semua pihak bertindak sesuai etika.',
      'Saya menjadi teladan penerapan standar etika dan keadilan hingga tingkat nasional.',
    ],
    [
      'Saya mengakui kesalahan saya sendiri dan memperbaikinya.',
      'Saya mengajak rekan satu tim bertanggung jawab atas hasil kerja bersama.',
      'Saya menerapkan mekanisme pengawasan agar unit kerja saya bebas dari penyimpangan.',
      'Saya membangun sistem pencegahan penyimpangan di tingkat instansi.',
      'Saya menjadi rujukan dalam membangun integritas lintas instansi.',
    ],
  ],
  M2: [
    [
      'Saya menyelesaikan bagian tugas saya dalam tim dengan baik.',
      'Saya membantu rekan dan menumbuhkan kerja sama dalam tim.',
      'Saya membangun komitmen tim untuk mencapai tujuan unit kerja.',
      'Saya membangun kerja sama antarunit dalam instansi.',
      'Saya membangun jejaring kerja sama lintas instansi di tingkat nasional.',
    ],
    [
      'Saya menghargai pendapat rekan kerja.',
      'Saya meminta dan memanfaatkan masukan rekan dalam tim.',
      'Saya mengelola perbedaan pendapat di unit kerja agar menjadi keputusan bersama.',
      'Saya menyatukan kepentingan berbagai unit demi tujuan instansi.',
      'Saya menjadi penghubung kerja sama antarlembaga untuk kepentingan nasional.',
    ],
  ],
  M3: [
    [
      'Saya menyampaikan informasi dengan jelas dan sopan.',
      'Saya aktif mendengarkan dan menanggapi pendapat rekan dalam tim.',
      'Saya menyusun pesan yang tepat untuk berbagai pihak di unit kerja.',
      'Saya menyampaikan kebijakan instansi secara meyakinkan kepada pemangku kepentingan.',
      'Saya mewakili pemerintah dalam komunikasi strategis di tingkat nasional.',
    ],
    [
      'Saya menulis surat dan laporan sesuai tata naskah yang berlaku.',
      'Saya membantu rekan menyusun bahan tertulis yang runtut.',
      'Saya memastikan dokumen unit kerja mudah dipahami penggunanya.',
      'Saya mengarahkan penyusunan naskah kebijakan instansi.',
      'Saya menyusun gagasan kebijakan yang dirujuk secara nasional.',
    ],
  ],
  M4: [
    [
      'Saya menyelesaikan pekerjaan sesuai target waktu dan mutu.',
      'Saya menetapkan target kerja dan memantau kemajuan tim.',
      'Saya mengelola sumber daya unit kerja untuk mencapai target.',
      'Saya menetapkan sasaran strategis dan mengelola risiko instansi.',
      'Saya mendorong pencapaian sasaran pembangunan di tingkat nasional.',
    ],
    [
      'Saya memperbaiki kesalahan dalam pekerjaan saya sendiri.',
      'Saya mencari cara kerja yang lebih baik bersama tim.',
      'Saya memperbaiki proses kerja unit agar hasilnya meningkat.',
      'Saya membangun budaya kinerja tinggi di instansi.',
      'Saya merumuskan terobosan yang meningkatkan kinerja pemerintahan secara nasional.',
    ],
  ],
  M5: [
    [
      'Saya melayani masyarakat dengan ramah sesuai standar pelayanan.',
      'Saya membantu tim menyelesaikan keluhan pengguna layanan.',
      'Saya memantau dan meningkatkan mutu layanan unit kerja.',
      'Saya merancang kebijakan pelayanan yang berpihak pada masyarakat di instansi.',
      'Saya menjadi rujukan nasional dalam inovasi pelayanan publik.',
    ],
    [
      'Saya bersikap netral dan tidak membeda-bedakan pengguna layanan.',
      'Saya mengingatkan rekan agar melayani tanpa diskriminasi.',
      'Saya memastikan layanan unit kerja transparan dan akuntabel.',
      'Saya memastikan seluruh layanan instansi bebas dari praktik diskriminatif.',
      'Saya mendorong standar pelayanan yang adil di tingkat nasional.',
    ],
  ],
  M6: [
    [
      'Saya terus belajar untuk meningkatkan kemampuan kerja saya.',
      'Saya berbagi pengetahuan dan pengalaman dengan rekan kerja.',
      'Saya membimbing anggota tim dan memberi umpan balik yang membangun.',
      'Saya menyusun program pengembangan pegawai di instansi.',
      'Saya membangun budaya belajar di berbagai instansi secara nasional.',
    ],
    [
      'Saya meminta umpan balik atas hasil kerja saya.',
      'Saya membantu rekan menemukan cara belajar yang sesuai.',
      'Saya menyusun rencana pengembangan bagi anggota tim.',
      'Saya menyiapkan kader pemimpin di instansi.',
      'Saya menjadi mentor bagi pemimpin di tingkat nasional.',
    ],
  ],
  M7: [
    [
      'Saya menyesuaikan diri dengan perubahan cara kerja.',
      'Saya mengajak rekan menerima dan menjalankan perubahan.',
      'Saya memimpin penerapan perubahan di unit kerja.',
      'Saya merancang dan mengelola perubahan di instansi.',
      'Saya memimpin perubahan yang berdampak nasional.',
    ],
    [
      'Saya mempelajari aturan dan sistem baru dengan cepat.',
      'Saya membantu rekan yang kesulitan menghadapi perubahan.',
      'Saya mengelola hambatan penerapan perubahan di unit kerja.',
      'Saya menyelaraskan perubahan antarunit di instansi.',
      'Saya menjadi rujukan reformasi birokrasi secara nasional.',
    ],
  ],
  M8: [
    [
      'Saya mengambil keputusan dalam pekerjaan saya sesuai prosedur.',
      'Saya membandingkan beberapa pilihan bersama tim sebelum memutuskan.',
      'Saya mengambil keputusan unit kerja berdasarkan analisis data dan risiko.',
      'Saya mengambil keputusan strategis yang berdampak pada instansi.',
      'Saya mengambil keputusan yang berdampak pada kebijakan nasional.',
    ],
    [
      'Saya memutuskan hal-hal rutin dalam pekerjaan saya dengan tepat waktu.',
      'Saya membantu tim mengumpulkan informasi untuk keputusan.',
      'Saya mempertanggungjawabkan keputusan unit kerja kepada pimpinan.',
      'Saya menyusun mekanisme pengambilan keputusan di instansi.',
      'Saya merumuskan keputusan lintas sektor di tingkat nasional.',
    ],
  ],
  SK1: [
    [
      'Saya menghargai rekan yang berbeda latar belakang.',
      'Saya mengajak rekan menghargai perbedaan di tempat kerja.',
      'Saya membangun suasana kerja yang inklusif di unit kerja.',
      'Saya mengembangkan kebijakan instansi yang menghargai keragaman.',
      'Saya menjadi perekat bangsa yang dirujuk di tingkat nasional.',
    ],
    [
      'Saya peka terhadap kebiasaan dan budaya orang yang saya layani.',
      'Saya membantu menengahi perbedaan pendapat antarrekan.',
      'Saya mencegah dan menyelesaikan konflik antarkelompok di unit kerja.',
      'Saya membangun hubungan harmonis antarkelompok masyarakat melalui program instansi.',
      'Saya memperkuat persatuan bangsa melalui kebijakan nasional.',
    ],
  ],
};
