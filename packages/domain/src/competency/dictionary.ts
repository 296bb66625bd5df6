// The competency dictionary shipped with petakom: 8 manajerial + 1 sosial kultural competency,
// each with five levels, a description and behavioural indicators (after Permenpan RB 38/2017).
// It is plain data on purpose: an agency edits a copy and loads it through `competencyDictionarySchema`.
import type { CoreCompetencyCode } from './codes.ts';
import type { CompetencyDefinition } from './schema.ts';

type LevelText = [description: string, ...indicators: string[]];

function define(
  code: CoreCompetencyCode,
  name: string,
  definition: string,
  levels: [LevelText, LevelText, LevelText, LevelText, LevelText],
): CompetencyDefinition {
  return {
    code,
    name,
    kind: code === 'SK1' ? 'sosial_kultural' : 'manajerial',
    definition,
    levels: levels.map(([description, ...indicators], i) => ({ level: i + 1, description, indicators })),
  } as CompetencyDefinition;
}

export const defaultCompetencyDictionary: readonly CompetencyDefinition[] = [
  define(
    'M1',
    'Integritas',
    'Konsisten berperilaku selaras dengan nilai, norma, dan/atau etika organisasi, jujur dalam hubungan dengan manajemen, rekan kerja, bawahan langsung, dan pemangku kepentingan, menciptakan budaya etika tinggi, serta bertanggung jawab atas tindakan atau keputusan beserta risiko yang menyertainya.',
    [
      [
        'Mampu bertindak sesuai nilai, norma, dan etika organisasi dalam kapasitas pribadi.',
        'Bertingkah laku sesuai dengan perkataan; berkata sesuai dengan fakta.',
        'Melaksanakan peraturan dan kode etik organisasi dalam pekerjaan sehari-hari pada tataran pribadi.',
        'Tidak menjanjikan atau memberikan sesuatu yang bertentangan dengan aturan organisasi.',
      ],
      [
        'Mampu mengingatkan dan mengajak rekan kerja untuk bertindak sesuai nilai, norma, dan etika organisasi.',
        'Mengingatkan rekan kerja untuk bertindak sesuai nilai, norma, dan etika organisasi.',
        'Mengajak orang lain bertindak sesuai etika dan kode etik.',
        'Berani menolak ajakan yang bertentangan dengan aturan dan menyampaikannya secara santun.',
      ],
      [
        'Mampu memastikan dan menanamkan keyakinan bersama agar anggota yang dipimpin bertindak sesuai nilai, norma, dan etika organisasi dalam lingkup formal.',
        'Memastikan anggota yang dipimpin bertindak sesuai nilai, norma, dan etika organisasi.',
        'Memberi apresiasi dan teguran agar anggota yang dipimpin bertindak selaras dengan nilai organisasi.',
        'Memantau dan mengevaluasi penerapan sikap integritas di unit kerja yang dipimpin.',
      ],
      [
        'Mampu menciptakan situasi kerja yang membuat rekan kerja, anggota yang dipimpin, dan pemangku kepentingan mematuhi nilai, norma, dan etika organisasi dalam segala situasi dan kondisi.',
        'Mempromosikan dan menyosialisasikan integritas dalam organisasi.',
        'Membangun budaya kerja yang menjunjung tinggi etika dan kejujuran di tingkat instansi.',
        'Bertindak tegas terhadap pelanggaran integritas tanpa memandang jabatan atau kedekatan.',
      ],
      [
        'Mampu menjadi teladan dalam penerapan standar keadilan dan etika di tingkat nasional.',
        'Membuat kebijakan yang mendorong integritas di tingkat nasional.',
        'Menjadi panutan dalam memegang nilai dan etika di hadapan publik.',
        'Memastikan sistem pengawasan integritas instansi berjalan dan dipertanggungjawabkan secara terbuka.',
      ],
    ],
  ),
  define(
    'M2',
    'Kerja Sama',
    'Kemampuan menjalin, membina, dan mempertahankan hubungan kerja yang efektif, memiliki komitmen saling membantu dalam penyelesaian tugas, dan mengoptimalkan segala sumber daya untuk mencapai tujuan strategis organisasi.',
    [
      [
        'Berpartisipasi sebagai anggota tim yang baik.',
        'Melakukan tugas-tugas tim sesuai bagiannya dan mendukung keputusan tim.',
        'Berbagi informasi yang relevan dengan rekan kerja.',
        'Menghargai pendapat dan masukan anggota tim lain.',
      ],
      [
        'Menumbuhkan tim kerja yang partisipatif dan efektif.',
        'Membantu orang lain dalam menyelesaikan tugas-tugas mereka untuk mendukung sasaran tim.',
        'Mengajak anggota tim lain ikut terlibat dalam kegiatan tim.',
        'Menyelesaikan perbedaan pendapat dalam tim secara konstruktif.',
      ],
      [
        'Efektif membangun tim kerja untuk peningkatan kinerja organisasi.',
        'Melihat kekuatan dan kelemahan anggota tim, membentuk tim yang tepat, dan mengantisipasi kendala.',
        'Mengupayakan dan mengutamakan pengambilan keputusan berdasarkan usulan-usulan anggota tim.',
        'Membangun kerja sama lintas unit untuk mencapai sasaran bersama.',
      ],
      [
        'Membangun komitmen tim dan sinergi.',
        'Membangun sinergi antarunit kerja di lingkup instansi.',
        'Memfasilitasi kepentingan yang berbeda dari unit kerja lain sehingga tercipta sinergi.',
        'Membangun komitmen bersama untuk mencapai tujuan instansi.',
      ],
      [
        'Menciptakan situasi kerja sama yang harmonis dan membangun jejaring di tingkat nasional dan internasional.',
        'Membangun jejaring kerja sama dengan instansi lain, dunia usaha, dan masyarakat.',
        'Menjadi panutan dalam membangun sinergi lintas instansi.',
        'Memanfaatkan kerja sama strategis untuk kepentingan nasional.',
      ],
    ],
  ),
  define(
    'M3',
    'Komunikasi',
    'Kemampuan menerangkan pandangan dan gagasan secara jelas, sistematis, disertai argumentasi yang logis dengan cara yang sesuai, baik lisan maupun tertulis; memastikan pemahaman; mendengarkan secara aktif dan efektif; mempersuasi, meyakinkan, dan membujuk orang lain untuk mencapai tujuan organisasi.',
    [
      [
        'Menyampaikan informasi dengan jelas, lengkap, dan pemahaman yang sama.',
        'Menyampaikan informasi (data), pikiran, atau pendapat dengan jelas, singkat, dan tepat.',
        'Mendengarkan orang lain dengan penuh perhatian.',
        'Memastikan pesan yang disampaikan dipahami dengan benar.',
      ],
      [
        'Aktif menjalankan komunikasi secara formal dan informal; bersedia mendengarkan orang lain, menginterpretasikan pesan dengan respons yang sesuai, mampu menyusun materi presentasi, pidato, naskah, laporan, dan sejenisnya.',
        'Menggunakan gaya komunikasi informal untuk meningkatkan hubungan profesional.',
        'Mendengarkan pihak lain secara aktif dan menangkap pesan dengan tepat.',
        'Menyusun materi presentasi, naskah, atau laporan yang runtut dan mudah dipahami.',
      ],
      [
        'Berkomunikasi secara asertif, terampil berkomunikasi lisan maupun tertulis untuk menyampaikan informasi yang sensitif, rumit, atau kompleks.',
        'Menyampaikan suatu informasi yang sensitif, rumit, atau kompleks dengan cara yang mudah dipahami.',
        'Menyampaikan pendapat secara asertif tanpa merendahkan pihak lain.',
        'Mengembangkan komunikasi yang efektif di unit kerja yang dipimpin.',
      ],
      [
        'Mampu mengemukakan pemikiran multidimensi secara lisan dan tertulis untuk mendorong kesepakatan dengan tujuan meningkatkan kinerja secara keseluruhan.',
        'Mengintegrasikan informasi dari berbagai sumber untuk membangun kesepakatan.',
        'Mempersuasi pemangku kepentingan untuk menerima gagasan yang menguntungkan organisasi.',
        'Memfasilitasi diskusi yang sulit hingga mencapai kesepakatan.',
      ],
      [
        'Menggagas sistem komunikasi yang terbuka secara strategis untuk mencari solusi dengan tujuan meningkatkan kinerja.',
        'Membangun sistem komunikasi yang terbuka di tingkat instansi dan lintas instansi.',
        'Menyampaikan kebijakan strategis kepada publik dengan jelas dan meyakinkan.',
        'Menjadi juru bicara yang dipercaya dalam isu-isu nasional.',
      ],
    ],
  ),
  define(
    'M4',
    'Orientasi pada Hasil',
    'Kemampuan mempertahankan komitmen pribadi yang tinggi untuk menyelesaikan tugas, dapat diandalkan, bertanggung jawab, mampu secara sistematis mengidentifikasi risiko dan peluang dengan memperhatikan keterhubungan antara perencanaan dan hasil, untuk keberhasilan organisasi.',
    [
      [
        'Bertanggung jawab untuk memenuhi standar kerja.',
        'Menyelesaikan tugas dengan tuntas dan dapat diandalkan.',
        'Bekerja dengan teliti dan hati-hati guna meminimalkan kesalahan sesuai standar kerja.',
        'Menunjukkan kesungguhan dalam mencapai target kerja pribadi.',
      ],
      [
        'Berupaya meningkatkan hasil kerja pribadi yang lebih tinggi dari standar yang ditetapkan, mencari, mencoba metode alternatif untuk peningkatan kinerja.',
        'Menetapkan dan berupaya mencapai standar kerja pribadi yang lebih tinggi dari standar kerja yang ditetapkan.',
        'Mencari, mencoba metode kerja alternatif untuk meningkatkan hasil kerjanya.',
        'Memberi contoh kepada orang lain untuk menyelesaikan tugas dengan tuntas.',
      ],
      [
        'Menetapkan target kerja yang menantang bagi unit kerja, memberi apresiasi dan teguran untuk mendorong kinerja.',
        'Menetapkan target kinerja unit yang lebih tinggi dari target yang ditetapkan organisasi.',
        'Memberikan apresiasi dan teguran untuk mendorong pencapaian hasil unit kerjanya.',
        'Mengembangkan metode kerja yang lebih efektif dan efisien untuk mencapai target.',
      ],
      [
        'Mendorong unit kerja mencapai target yang ditetapkan atau melebihi hasil kerja sebelumnya.',
        'Membimbing bawahan dalam melakukan perbaikan metode kerja yang efektif dan efisien.',
        'Mengelola risiko dan peluang untuk mencapai hasil instansi.',
        'Memastikan keterhubungan antara perencanaan dan hasil di seluruh unit.',
      ],
      [
        'Kemampuan menyusun dan mengembangkan strategi yang inovatif untuk keberhasilan organisasi.',
        'Merancang strategi inovatif yang meningkatkan kinerja nasional.',
        'Mengevaluasi dan memperbaiki sistem kinerja instansi secara berkelanjutan.',
        'Berani mengambil risiko terukur demi hasil yang lebih besar bagi negara.',
      ],
    ],
  ),
  define(
    'M5',
    'Pelayanan Publik',
    'Kemampuan dalam melaksanakan tugas-tugas pemerintahan, pembangunan, dan kegiatan pemenuhan kebutuhan pelayanan publik secara profesional, transparan, mengikuti standar pelayanan yang objektif, netral, tidak memihak, tidak diskriminatif, serta tidak terpengaruh kepentingan pribadi, kelompok, partai politik, atau golongan tertentu.',
    [
      [
        'Menjalankan pelayanan sesuai standar.',
        'Menunjukkan sikap yakin dalam mengerjakan tugas-tugas pemerintahan dan pelayanan publik.',
        'Menunjukkan sikap netral dan tidak diskriminatif dalam memberikan pelayanan.',
        'Menjawab pertanyaan masyarakat dengan ramah, tepat, dan sesuai aturan.',
      ],
      [
        'Mampu mensupervisi atau mengawasi dan menyelaraskan proses pelayanan publik sesuai standar yang berlaku.',
        'Menunjukkan tanggung jawab dalam melaksanakan tugas pelayanan publik dengan tidak memihak.',
        'Mengawasi rekan kerja agar pelayanan berjalan sesuai standar.',
        'Menindaklanjuti keluhan masyarakat dengan cepat.',
      ],
      [
        'Mampu memanfaatkan kekuatan kelompok serta memperbaiki standar pelayanan publik di lingkup unit kerja.',
        'Memahami, mendeskripsikan pengaruh dan hubungan kekuatan kelompok yang sedang berjalan di organisasi.',
        'Mengidentifikasi kebutuhan masyarakat dan memperbaiki standar pelayanan unit kerja.',
        'Memastikan pelayanan unit kerja transparan dan akuntabel.',
      ],
      [
        'Mampu memonitor, mengevaluasi, memperhitungkan, dan mengantisipasi dampak dari isu-isu jangka panjang, kesempatan, atau kekuatan politik dalam hal pelayanan kebutuhan pemangku kepentingan yang transparan, objektif, dan profesional.',
        'Memperhitungkan dan mengantisipasi dampak isu jangka panjang terhadap pelayanan publik.',
        'Membangun sistem pengaduan dan umpan balik pelayanan di tingkat instansi.',
        'Menjaga netralitas pelayanan dari pengaruh kepentingan politik atau golongan.',
      ],
      [
        'Mampu memastikan kebijakan-kebijakan pelayanan publik yang menjamin terselenggaranya pelayanan publik yang objektif, netral, tidak memihak, tidak diskriminatif, serta tidak terpengaruh kepentingan pribadi, kelompok, partai politik, atau golongan tertentu.',
        'Menyusun kebijakan yang menjamin pelayanan publik yang objektif dan tidak diskriminatif.',
        'Menciptakan inovasi pelayanan yang berdampak nasional.',
        'Menjadi teladan dalam pelayanan yang transparan dan netral.',
      ],
    ],
  ),
  define(
    'M6',
    'Pengembangan Diri dan Orang Lain',
    'Kemampuan untuk meningkatkan pengetahuan dan menyempurnakan keterampilan diri; menginspirasi orang lain untuk mengembangkan dan menyempurnakan pengetahuan dan keterampilan yang relevan dengan pekerjaan dan pengembangan karier jangka panjang, mendorong kemauan belajar sepanjang hidup, memberikan saran/bantuan, umpan balik, bimbingan untuk membantu orang lain mengembangkan potensi dirinya.',
    [
      [
        'Pengembangan diri.',
        'Mengidentifikasi kebutuhan pengembangan diri dan menyeleksi sumber serta metodologi pembelajaran yang diperlukan.',
        'Menunjukkan usaha mandiri untuk mempelajari keterampilan atau kemampuan baru dari berbagai media pembelajaran.',
        'Berupaya meningkatkan diri dengan belajar dari orang-orang lain yang berwawasan luas di dalam organisasi.',
      ],
      [
        'Meningkatkan kemampuan bawahan dengan memberikan contoh dan penjelasan cara melaksanakan suatu pekerjaan.',
        'Meningkatkan kemampuan bawahan dengan memberikan contoh, instruksi, penjelasan, dan petunjuk praktis yang jelas.',
        'Membantu bawahan untuk mempelajari proses, program, atau sistem baru.',
        'Menggunakan metode lain untuk meyakinkan bahwa orang lain telah memahami penjelasan atau pengarahan.',
      ],
      [
        'Memberikan umpan balik dan membimbing.',
        'Memberikan tugas-tugas yang menantang pada bawahan sebagai media belajar untuk mengembangkan kemampuannya.',
        'Mengamati bawahan dalam mengerjakan tugasnya dan memberikan umpan balik yang objektif dan jujur.',
        'Melakukan diskusi dengan bawahan untuk memberikan bimbingan dan/atau pembelajaran guna membantu mereka meningkatkan kemampuan diri.',
      ],
      [
        'Menyusun program pengembangan jangka panjang dalam rangka mendorong manajemen pembelajaran.',
        'Menyusun program pengembangan jangka panjang bersama-sama dengan bawahan, termasuk di dalamnya penetapan tujuan, bimbingan, penugasan, dan pengalaman lainnya.',
        'Melaksanakan manajemen pembelajaran termasuk evaluasi dan umpan balik pada tataran organisasi.',
        'Mengembangkan orang-orang di sekitarnya secara konsisten dan melakukan kaderisasi untuk posisi-posisi di unit kerjanya.',
      ],
      [
        'Menciptakan situasi yang mendorong organisasi untuk mengembangkan kemampuan belajar secara berkelanjutan dalam rangka mendukung pencapaian hasil.',
        'Menciptakan situasi yang mendorong individu, kelompok, unit kerja, atau organisasi untuk belajar secara berkelanjutan.',
        'Membangun budaya belajar dan berbagi pengetahuan di tingkat nasional.',
        'Menyusun kebijakan pengembangan talenta dan suksesi instansi.',
      ],
    ],
  ),
  define(
    'M7',
    'Mengelola Perubahan',
    'Kemampuan dalam menyesuaikan diri dengan situasi yang baru atau berubah dan tidak bergantung secara berlebihan pada metode dan proses lama, mengambil tindakan untuk mendukung dan melaksanakan insiatif perubahan, memimpin usaha perubahan, mengambil tanggung jawab pribadi untuk memastikan perubahan berhasil diimplementasikan secara efektif.',
    [
      [
        'Menyadari pentingnya perubahan untuk menyesuaikan dengan situasi yang terjadi.',
        'Menyadari perubahan yang terjadi di organisasi dan berusaha menyesuaikan diri dengan perubahan tersebut.',
        'Mengikuti perubahan dengan arahan atasan.',
        'Tidak bergantung secara berlebihan pada metode dan proses lama.',
      ],
      [
        'Proaktif beradaptasi mengikuti perubahan.',
        'Menyesuaikan cara kerja lama dengan menerapkan metode atau proses baru dengan bimbingan orang lain.',
        'Menyesuaikan diri dengan perubahan secara aktif dan positif.',
        'Mengajak rekan kerja menerima perubahan.',
      ],
      [
        'Membantu orang lain mengikuti perubahan, mengantisipasi perubahan secara tepat.',
        'Membantu orang lain dalam melakukan perubahan.',
        'Menyesuaikan prioritas kerja secara berulang-ulang jika diperlukan.',
        'Mengantisipasi perubahan yang dibutuhkan oleh unit kerjanya secara tepat.',
      ],
      [
        'Memimpin perubahan pada unit kerja.',
        'Mengarahkan unit kerja untuk lebih siap dalam menghadapi perubahan termasuk memitigasi risiko yang mungkin terjadi.',
        'Memastikan perubahan sudah diimplementasikan secara aktif di lingkup unit kerjanya secara berkala.',
        'Memimpin dan memastikan penerapan program-program perubahan selaras antarunit kerja.',
      ],
      [
        'Mampu menjadi sponsor perubahan di tingkat instansi atau nasional.',
        'Merancang strategi perubahan instansi secara menyeluruh.',
        'Mengelola penolakan terhadap perubahan di tingkat instansi.',
        'Menjadi sponsor perubahan yang berdampak nasional.',
      ],
    ],
  ),
  define(
    'M8',
    'Pengambilan Keputusan',
    'Kemampuan membuat keputusan yang baik secara tepat waktu dan dengan keyakinan diri setelah mempertimbangkan prinsip kehati-hatian, dirumuskan secara sistematis dan seksama berdasarkan berbagai informasi, alternatif pemecahan masalah, dan konsekuensinya, serta bertanggung jawab atas keputusan yang diambil.',
    [
      [
        'Mengumpulkan informasi untuk bertindak sesuai kewenangan.',
        'Mengumpulkan dan mempertimbangkan informasi yang dibutuhkan dalam mencari solusi.',
        'Mengenali situasi/pilihan yang tepat untuk bertindak sesuai kewenangan.',
        'Mempertimbangkan kemungkinan solusi yang dapat diterapkan dalam pekerjaan rutin berdasarkan kebijakan dan prosedur yang telah ditentukan.',
      ],
      [
        'Menganalisis masalah secara mendalam.',
        'Melakukan analisis secara mendalam terhadap informasi yang tersedia dalam upaya mencari solusi.',
        'Mempertimbangkan berbagai alternatif yang ada sebelum membuat kesimpulan.',
        'Membuat keputusan operasional berdasarkan kesimpulan dari berbagai sumber informasi sesuai dengan pedoman yang ada.',
      ],
      [
        'Membandingkan berbagai alternatif, menyeimbangkan risiko keberhasilan dalam implementasi.',
        'Membandingkan berbagai alternatif tindakan dan implikasinya.',
        'Memilih alternatif solusi yang terbaik, membuat keputusan operasional mengacu pada alternatif solusi terbaik yang didasarkan pada analisis data yang sistematis, seksama, mengikuti prinsip kehati-hatian.',
        'Menyeimbangkan antara kemungkinan risiko dan keberhasilan dalam implementasinya.',
      ],
      [
        'Menyelesaikan masalah yang mengandung risiko tinggi, mengantisipasi dampak keputusan, membuat tindakan pengamanan; mitigasi risiko.',
        'Menyusun dan/atau memutuskan konsep penyelesaian masalah yang melibatkan beberapa atau seluruh fungsi dalam organisasi.',
        'Menghasilkan solusi dari berbagai masalah yang kompleks, terkait dengan bidang kerjanya yang berdampak pada pihak lain.',
        'Membuat keputusan dan mengantisipasi dampak keputusannya serta menyiapkan tindakan penanganannya (mitigasi risiko).',
      ],
      [
        'Menghasilkan solusi dan mengambil keputusan untuk mengatasi permasalahan jangka panjang/strategis, berdampak nasional.',
        'Menghasilkan solusi dan mengambil keputusan untuk mengatasi permasalahan jangka panjang atau strategis yang berdampak nasional.',
        'Membuat kebijakan yang berdampak nasional dengan memitigasi risiko yang mungkin timbul.',
        'Bertanggung jawab penuh atas keputusan strategis beserta konsekuensinya.',
      ],
    ],
  ),
  define(
    'SK1',
    'Perekat Bangsa',
    'Kemampuan dalam mempromosikan sikap toleransi, keterbukaan, peka terhadap perbedaan individu/kelompok masyarakat; mampu menjadi perpanjangan tangan pemerintah dalam mempersatukan masyarakat dan membangun hubungan sosial psikologis dengan masyarakat di tengah kemajemukan Indonesia sehingga menciptakan kelekatan yang kuat antara ASN dan para pemangku kepentingan serta di antara para pemangku kepentingan itu sendiri; menjaga, mengembangkan, dan mewujudkan rasa persatuan dan kesatuan dalam kehidupan bermasyarakat, berbangsa, dan bernegara Indonesia.',
    [
      [
        'Peka dan memahami serta menerima kemajemukan.',
        'Mampu memahami, menerima, peka terhadap perbedaan individu/kelompok masyarakat.',
        'Terbuka, ingin belajar tentang perbedaan/kemajemukan masyarakat.',
        'Mampu bekerja bersama dengan individu yang berbeda latar belakang dengannya.',
      ],
      [
        'Aktif mengembangkan sikap saling menghargai, menekankan persamaan dan persatuan.',
        'Menampilkan sikap dan perilaku yang peduli akan nilai-nilai keberagaman dan menghargai perbedaan.',
        'Membangun hubungan baik antarindividu dalam organisasi, mitra kerja, pemangku kepentingan.',
        'Bersikap tenang, mampu mengendalikan emosi, kemarahan, dan frustrasi dalam menghadapi pertentangan yang ditimbulkan oleh perbedaan latar belakang, agama/kepercayaan, suku, jender, sosial ekonomi, preferensi politik di lingkungan unit kerjanya.',
      ],
      [
        'Mempromosikan, mengembangkan sikap toleransi dan persatuan.',
        'Mempromosikan sikap menghargai perbedaan di antara orang-orang yang mendorong toleransi dan keterbukaan.',
        'Melakukan pemetaan sosial di masyarakat sehingga dapat memberikan respons yang sesuai dengan budaya yang berlaku.',
        'Mengidentifikasi potensi kesalahpahaman yang diakibatkan adanya keragaman budaya yang ada.',
      ],
      [
        'Mendayagunakan perbedaan secara konstruktif dan kreatif untuk meningkatkan efektivitas organisasi.',
        'Menginisiasi dan merepresentasikan pemerintah di lingkungan kerja dan masyarakat untuk senantiasa menjaga persatuan dan kesatuan dalam keberagaman.',
        'Menciptakan kebijakan atau program yang mengakomodasi keberagaman dalam unit kerjanya.',
        'Mendayagunakan perbedaan latar belakang untuk meningkatkan efektivitas organisasi.',
      ],
      [
        'Wakil pemerintah untuk membangun hubungan sosial psikologis.',
        'Menjadi wakil pemerintah yang mampu membangun hubungan sosial psikologis dengan masyarakat sehingga menciptakan kelekatan yang kuat antara ASN dan para pemangku kepentingan.',
        'Mengomunikasikan dampak risiko yang teridentifikasi dan merekomendasikan tindakan korektif berdasarkan pertimbangan perbedaan latar belakang untuk membangun hubungan jangka panjang.',
        'Membuat kebijakan yang mengakomodasi perbedaan latar belakang, agama/kepercayaan, suku, jender, sosial ekonomi, preferensi politik yang berdampak positif secara nasional.',
      ],
    ],
  ),
];
