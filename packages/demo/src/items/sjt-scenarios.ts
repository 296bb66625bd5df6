// The SJT scenario bank: workplace situations of a civil servant, five per competency, each with two
// settings, options weighted 1 (least effective) to 5 (most effective) and one behavioural indicator.
import type { CoreCompetencyCode } from '@petakom/domain';

export interface SjtScenario {
  /** Index into the competency's indicator list. */
  indicator: number;
  /** `{x}` in the stem and options is filled from each setting in turn. */
  settings: readonly [Record<string, string>, Record<string, string>];
  stem: string;
  options: readonly (readonly [text: string, weight: 1 | 2 | 3 | 4 | 5])[];
}

export interface SjtCompetencyBank {
  indicators: readonly string[];
  scenarios: readonly SjtScenario[];
}

export const SJT_BANK: Record<CoreCompetencyCode, SjtCompetencyBank> = {
  M1: {
    indicators: [
      'Bertindak sesuai nilai, norma, dan etika organisasi',
      'Mengingatkan dan mengajak rekan kerja bertindak sesuai etika',
      'Bertanggung jawab atas keputusan dan tindakannya',
    ],
    scenarios: [
      {
        indicator: 0,
        settings: [{ x: 'pemohon izin usaha' }, { x: 'rekanan penyedia barang' }],
        stem: 'Seorang {x} yang berkasnya sedang Anda proses memberikan bingkisan sebagai ucapan terima kasih dan mengatakan bahwa hal itu sudah biasa. Apa yang Anda lakukan?',
        options: [
          [
            'Menolak bingkisan dengan sopan, menjelaskan aturan gratifikasi, dan tetap memproses berkas sesuai prosedur.',
            5,
          ],
          [
            'Menerima bingkisan, lalu melaporkannya ke unit pengendalian gratifikasi dalam batas waktu yang ditentukan.',
            4,
          ],
          ['Menolak bingkisan tanpa penjelasan agar tidak terjadi perdebatan.', 3],
          ['Menerima bingkisan karena nilainya kecil dan diberikan setelah layanan selesai.', 2],
          ['Menerima bingkisan dan mendahulukan berkas pemberi sebagai balas budi.', 1],
        ],
      },
      {
        indicator: 1,
        settings: [
          { x: 'rekan lain yang datang terlambat' },
          { x: 'pegawai yang sedang keluar kantor untuk urusan pribadi' },
        ],
        stem: 'Anda mengetahui seorang rekan satu tim sering mengisi daftar hadir untuk {x}. Apa yang Anda lakukan?',
        options: [
          [
            'Menegurnya secara pribadi, menjelaskan aturan disiplin, mengajaknya berhenti, dan melapor ke atasan bila kebiasaan itu berlanjut.',
            5,
          ],
          ['Mengingatkannya secara pribadi bahwa tindakan itu melanggar disiplin.', 4],
          ['Melaporkannya langsung kepada atasan tanpa berbicara dengan rekan tersebut.', 3],
          ['Menyindirnya di grup percakapan kantor.', 2],
          ['Membiarkan saja karena bukan urusan Anda.', 1],
        ],
      },
      {
        indicator: 2,
        settings: [{ x: 'pimpinan dalam rapat koordinasi' }, { x: 'dinas lain sebagai bahan perencanaan' }],
        stem: 'Laporan yang Anda susun ternyata memuat data yang keliru dan sudah terlanjur dipakai oleh {x}. Apa yang Anda lakukan?',
        options: [
          [
            'Segera menyampaikan kekeliruan kepada atasan, mengirim data yang benar, dan menjelaskan langkah agar tidak terulang.',
            5,
          ],
          ['Memastikan data yang benar terlebih dahulu, lalu menyampaikan perbaikan kepada atasan.', 4],
          ['Mengirim versi baru tanpa menjelaskan kekeliruan sebelumnya.', 3],
          ['Menunggu sampai ada yang bertanya, baru menjelaskan.', 2],
          ['Menyatakan bahwa data tersebut berasal dari bagian lain.', 1],
        ],
      },
      {
        indicator: 0,
        settings: [{ x: 'perjalanan dinas' }, { x: 'rapat koordinasi' }],
        stem: 'Atasan meminta Anda mengubah tanggal pada dokumen pertanggungjawaban {x} agar sesuai dengan jadwal pencairan anggaran, padahal kegiatan dilaksanakan pada tanggal lain. Apa yang Anda lakukan?',
        options: [
          [
            'Menolak dengan sopan, menjelaskan risikonya, dan mengusulkan penyelesaian yang sesuai aturan keuangan.',
            5,
          ],
          [
            'Berkonsultasi dengan bagian keuangan tentang cara yang benar sebelum memberi jawaban kepada atasan.',
            4,
          ],
          ['Meminta perintah tersebut secara tertulis sebelum melaksanakannya.', 3],
          ['Mengubah tanggal, tetapi menyimpan catatan tanggal yang sebenarnya.', 2],
          ['Mengikuti perintah karena atasanlah yang bertanggung jawab.', 1],
        ],
      },
      {
        indicator: 1,
        settings: [
          { x: 'jumlah peserta sosialisasi dilaporkan lebih banyak dari yang hadir' },
          { x: 'kegiatan yang belum rampung dilaporkan sudah selesai' },
        ],
        stem: 'Dalam rapat tim, seorang rekan mengusulkan agar {x} supaya target kinerja terlihat tercapai. Apa yang Anda lakukan?',
        options: [
          [
            'Menyatakan keberatan dalam rapat, mengingatkan bahwa laporan harus sesuai fakta, dan mengusulkan penjelasan atas target yang belum tercapai.',
            5,
          ],
          ['Menyampaikan keberatan kepada ketua tim setelah rapat.', 4],
          ['Meminta agar keberatan Anda dicatat dalam notula.', 3],
          ['Tidak setuju, tetapi diam saja.', 2],
          ['Mengikuti usulan karena seluruh tim setuju.', 1],
        ],
      },
    ],
  },
  M2: {
    indicators: [
      'Berpartisipasi aktif dan membantu rekan dalam tim',
      'Menghargai masukan dan keahlian orang lain',
      'Membangun sinergi antarunit kerja',
    ],
    scenarios: [
      {
        indicator: 0,
        settings: [{ x: 'laporan kinerja triwulan' }, { x: 'dokumen usulan anggaran' }],
        stem: 'Pekerjaan Anda sudah selesai, sementara rekan satu tim kewalahan menyelesaikan {x} yang harus dikirim besok pagi. Apa yang Anda lakukan?',
        options: [
          [
            'Menawarkan bantuan, membagi bagian pekerjaan yang bisa Anda kerjakan, dan memastikan hasilnya selesai tepat waktu.',
            5,
          ],
          ['Menawarkan bantuan bila rekan tersebut memintanya.', 3],
          ['Memberi tahu atasan bahwa rekan Anda kewalahan.', 2],
          ['Pulang tepat waktu karena tugas Anda sendiri sudah selesai.', 1],
        ],
      },
      {
        indicator: 1,
        settings: [{ x: 'pegawai yang baru dimutasi' }, { x: 'pegawai paling junior' }],
        stem: 'Dalam diskusi tim, {x} mengajukan cara kerja baru yang berbeda dari kebiasaan tim selama ini. Apa yang Anda lakukan?',
        options: [
          [
            'Mendengarkan penjelasannya, menanyakan dasar usulannya, dan mengajak tim menilai kelebihan serta kekurangannya.',
            5,
          ],
          ['Mengapresiasi usulannya dan meminta ia menuliskannya untuk dibahas kemudian.', 4],
          ['Menyarankan agar ia memahami cara kerja tim terlebih dahulu.', 2],
          ['Menolak karena cara lama terbukti berjalan.', 1],
        ],
      },
      {
        indicator: 2,
        settings: [{ x: 'Dinas Kesehatan' }, { x: 'Dinas Sosial' }],
        stem: 'Program unit Anda membutuhkan data penerima manfaat dari {x}, tetapi permintaan data melalui surat belum dijawab selama dua minggu. Apa yang Anda lakukan?',
        options: [
          [
            'Menghubungi pengelola data di sana, menjelaskan kebutuhan bersama, dan menyepakati format serta jadwal pertukaran data.',
            5,
          ],
          ['Mengirim surat susulan dengan tembusan kepada pimpinan kedua unit.', 3],
          ['Menggunakan data tahun lalu yang sudah ada.', 2],
          ['Melaporkan kepada atasan bahwa program terhambat karena unit lain.', 1],
        ],
      },
      {
        indicator: 1,
        settings: [{ x: 'pranata komputer' }, { x: 'analis keuangan' }],
        stem: 'Seorang {x} dari bagian lain memberi masukan teknis yang mengubah rancangan kegiatan yang sudah Anda susun. Apa yang Anda lakukan?',
        options: [
          [
            'Mempelajari masukannya, mendiskusikan dampaknya, dan memperbaiki rancangan bila masukan itu tepat.',
            5,
          ],
          ['Menerima seluruh masukannya tanpa mendiskusikan dampaknya.', 3],
          ['Mencatat masukannya, tetapi tetap menjalankan rancangan awal.', 2],
          ['Menganggap masukan itu di luar kewenangannya.', 1],
        ],
      },
      {
        indicator: 0,
        settings: [{ x: 'pelaksanaan seleksi' }, { x: 'penyelenggaraan pameran pelayanan publik' }],
        stem: 'Dalam kepanitiaan {x}, tugas tiap anggota belum jelas dan beberapa pekerjaan belum ada yang mengerjakan. Apa yang Anda lakukan?',
        options: [
          [
            'Mengusulkan pertemuan singkat untuk membagi tugas dan mengambil bagian yang belum tertangani.',
            5,
          ],
          ['Mengerjakan sendiri pekerjaan yang belum tertangani tanpa memberi tahu panitia lain.', 3],
          ['Menunggu ketua panitia membagi tugas.', 2],
          ['Hanya mengerjakan tugas yang tertulis dalam surat keputusan panitia.', 1],
        ],
      },
    ],
  },
  M3: {
    indicators: [
      'Menyampaikan informasi secara jelas, lengkap, dan mudah dipahami',
      'Mendengarkan secara aktif dan menanggapi dengan tepat',
      'Menyesuaikan cara komunikasi dengan pendengar',
    ],
    scenarios: [
      {
        indicator: 0,
        settings: [{ x: 'perubahan jadwal layanan' }, { x: 'persyaratan baru pengajuan kenaikan pangkat' }],
        stem: 'Anda ditugasi menyampaikan informasi tentang {x} kepada seluruh pegawai di lingkungan perangkat daerah. Apa yang Anda lakukan?',
        options: [
          [
            'Menyusun pengumuman singkat dengan poin utama, tanggal berlaku, dan narahubung, lalu menyebarkannya melalui kanal resmi dan grup kerja.',
            5,
          ],
          ['Mengirim salinan peraturan lengkap melalui surel dinas.', 3],
          ['Menyampaikannya secara lisan pada apel pagi saja.', 2],
          ['Menempelkan pengumuman di papan informasi kantor.', 1],
        ],
      },
      {
        indicator: 1,
        settings: [{ x: 'warga' }, { x: 'kepala desa' }],
        stem: 'Seorang {x} datang dengan nada marah karena merasa dipersulit saat mengurus layanan. Apa yang Anda lakukan?',
        options: [
          [
            'Mempersilakan ia menyampaikan keluhannya sampai selesai, mengulang pokok masalahnya untuk memastikan pemahaman, lalu menjelaskan langkah penyelesaian.',
            5,
          ],
          ['Menjelaskan prosedur layanan sesuai aturan secepatnya.', 3],
          ['Memintanya tenang terlebih dahulu sebelum Anda mau melayani.', 2],
          ['Mengarahkannya ke kotak pengaduan.', 1],
        ],
      },
      {
        indicator: 2,
        settings: [{ x: 'kelompok tani' }, { x: 'pelaku UMKM' }],
        stem: 'Anda harus menjelaskan program bantuan yang aturannya cukup rumit kepada {x} di sebuah pertemuan. Apa yang Anda lakukan?',
        options: [
          [
            'Menggunakan bahasa sehari-hari, contoh nyata, dan alur bergambar, lalu membuka sesi tanya jawab.',
            5,
          ],
          ['Membacakan pokok-pokok aturan dan membagikan salinannya.', 3],
          ['Menayangkan bahan paparan yang biasa dipakai untuk rapat dinas.', 2],
          ['Meminta peserta membaca sendiri aturan di laman resmi.', 1],
        ],
      },
      {
        indicator: 1,
        settings: [{ x: 'rapat evaluasi' }, { x: 'rapat perencanaan' }],
        stem: 'Dalam {x}, atasan menyampaikan arahan yang menurut Anda kurang jelas tujuannya. Apa yang Anda lakukan?',
        options: [
          [
            'Mengajukan pertanyaan klarifikasi tentang tujuan dan hasil yang diharapkan, lalu merangkum pemahaman Anda di akhir rapat.',
            5,
          ],
          ['Bertanya kepada rekan yang lebih senior setelah rapat.', 3],
          ['Mengerjakan sesuai tafsiran Anda sendiri.', 2],
          ['Menunggu arahan tertulis.', 1],
        ],
      },
      {
        indicator: 0,
        settings: [{ x: 'capaian program semester ini' }, { x: 'hasil survei kepuasan masyarakat' }],
        stem: 'Anda diminta memaparkan {x} kepada pimpinan dalam waktu lima menit. Apa yang Anda lakukan?',
        options: [
          [
            'Menyiapkan tiga pesan utama dengan data pendukung dan rekomendasi, serta lampiran rinci bila ditanya.',
            5,
          ],
          ['Menyiapkan seluruh tabel data agar tidak ada yang terlewat.', 2],
          ['Menyiapkan paparan naratif yang panjang agar lengkap.', 2],
          ['Menyampaikan secara lisan tanpa bahan pendukung.', 1],
        ],
      },
    ],
  },
  M4: {
    indicators: [
      'Menyelesaikan pekerjaan sesuai target kualitas dan waktu',
      'Menetapkan target kerja dan memantau kemajuannya',
      'Mengantisipasi risiko terhadap pencapaian hasil',
    ],
    scenarios: [
      {
        indicator: 0,
        settings: [{ x: 'laporan realisasi anggaran' }, { x: 'rekapitulasi data kepegawaian' }],
        stem: 'Tenggat {x} tinggal dua hari, sementara sebagian data dari bidang lain belum masuk. Apa yang Anda lakukan?',
        options: [
          [
            'Menghubungi penanggung jawab data di bidang terkait, menyepakati waktu penyerahan, dan menyiapkan bagian lain laporan secara paralel.',
            5,
          ],
          ['Menyusun laporan dengan data yang sudah ada dan memberi catatan kekurangannya.', 3],
          ['Meminta perpanjangan tenggat kepada atasan.', 2],
          ['Menunggu data lengkap meskipun tenggat terlewati.', 1],
        ],
      },
      {
        indicator: 1,
        settings: [{ x: 'pelayanan administrasi kependudukan' }, { x: 'penyelesaian pengaduan masyarakat' }],
        stem: 'Unit Anda diminta meningkatkan kecepatan {x} tahun ini. Apa yang Anda lakukan?',
        options: [
          [
            'Menetapkan target waktu layanan yang terukur, membagi target bulanan, dan memantau capaiannya bersama tim.',
            5,
          ],
          ['Mengingatkan tim untuk bekerja lebih cepat.', 2],
          ['Menambah jam kerja tanpa mengubah cara kerja.', 2],
          ['Menunggu arahan teknis dari pimpinan.', 1],
        ],
      },
      {
        indicator: 2,
        settings: [{ x: 'ujian seleksi berbasis komputer' }, { x: 'rapat kerja daerah' }],
        stem: 'Anda bertanggung jawab atas persiapan {x}. Seminggu sebelum pelaksanaan, penyedia jaringan internet memberi tahu kemungkinan gangguan. Apa yang Anda lakukan?',
        options: [
          [
            'Menyiapkan jaringan cadangan, menguji ulang perangkat, dan menyusun rencana darurat beserta penanggung jawabnya.',
            5,
          ],
          ['Meminta penyedia menjamin jaringan tidak terganggu.', 3],
          ['Melaporkan kepada atasan dan menunggu keputusan.', 2],
          ['Tetap melanjutkan persiapan seperti biasa.', 1],
        ],
      },
      {
        indicator: 0,
        settings: [{ x: 'hasil kerja tim' }, { x: 'draf peraturan gubernur yang Anda susun' }],
        stem: 'Saat pemeriksaan akhir, Anda menemukan beberapa kesalahan kecil pada {x}, padahal dokumen harus segera dikirim. Apa yang Anda lakukan?',
        options: [
          [
            'Memperbaiki kesalahan yang ada, memeriksa ulang bagian lain secara cepat, lalu mengirim tepat waktu.',
            5,
          ],
          ['Mengirim dokumen apa adanya dan memperbaikinya pada versi berikutnya.', 2],
          ['Menunda pengiriman sampai seluruh dokumen diperiksa ulang dari awal.', 3],
          ['Mengirim dokumen dan berharap kesalahan tidak terlihat.', 1],
        ],
      },
      {
        indicator: 1,
        settings: [{ x: 'target penyerapan anggaran' }, { x: 'target jumlah layanan' }],
        stem: 'Pada pertengahan tahun, capaian {x} unit Anda baru 30 persen. Apa yang Anda lakukan?',
        options: [
          [
            'Menganalisis penyebab keterlambatan, menyusun rencana percepatan, dan memantau kemajuannya setiap minggu.',
            5,
          ],
          ['Mengusulkan revisi target agar lebih realistis.', 3],
          ['Meminta tim bekerja lembur pada akhir tahun.', 2],
          ['Menunggu evaluasi akhir tahun.', 1],
        ],
      },
    ],
  },
  M5: {
    indicators: [
      'Memberikan pelayanan yang ramah, cepat, dan sesuai standar',
      'Bersikap netral dan tidak diskriminatif dalam pelayanan',
      'Memperbaiki layanan berdasarkan masukan pengguna',
    ],
    scenarios: [
      {
        indicator: 1,
        settings: [{ x: 'kerabat pejabat' }, { x: 'tokoh masyarakat' }],
        stem: 'Seorang {x} meminta didahulukan dari antrean layanan yang sedang panjang. Apa yang Anda lakukan?',
        options: [
          [
            'Menjelaskan dengan sopan bahwa semua pemohon dilayani sesuai nomor antrean dan memberi perkiraan waktu layanannya.',
            5,
          ],
          ['Mempersilakannya menunggu di ruang tamu sambil tetap mengikuti antrean.', 4],
          ['Meminta persetujuan atasan terlebih dahulu.', 2],
          ['Mendahulukannya agar tidak menimbulkan masalah.', 1],
        ],
      },
      {
        indicator: 0,
        settings: [{ x: 'lansia' }, { x: 'penyandang disabilitas' }],
        stem: 'Seorang pemohon {x} kesulitan mengisi formulir daring di loket layanan. Apa yang Anda lakukan?',
        options: [
          [
            'Mendampinginya mengisi formulir atau membantu mengisikan sesuai keterangannya, lalu memastikan datanya benar.',
            5,
          ],
          ['Memberi petunjuk cara pengisian secara lisan.', 3],
          ['Menyarankannya datang kembali bersama anggota keluarga.', 2],
          ['Memintanya mengisi sendiri karena semua pemohon diperlakukan sama.', 1],
        ],
      },
      {
        indicator: 2,
        settings: [{ x: 'lamanya waktu tunggu' }, { x: 'sulitnya memahami persyaratan' }],
        stem: 'Hasil survei kepuasan menunjukkan banyak keluhan tentang {x} di unit layanan Anda. Apa yang Anda lakukan?',
        options: [
          [
            'Menganalisis keluhan, mengusulkan perbaikan alur, menguji cobanya, dan mengumumkan perubahan kepada masyarakat.',
            5,
          ],
          ['Melaporkan hasil survei kepada atasan apa adanya.', 3],
          ['Menjelaskan kepada pemohon bahwa prosedur sudah sesuai aturan.', 2],
          ['Menganggap keluhan sebagai hal wajar dalam pelayanan.', 1],
        ],
      },
      {
        indicator: 0,
        settings: [
          { x: 'lima menit sebelum jam layanan berakhir' },
          { x: 'saat sistem aplikasi sedang lambat' },
        ],
        stem: 'Seorang pemohon yang datang dari kecamatan jauh tiba {x}. Apa yang Anda lakukan?',
        options: [
          [
            'Tetap melayaninya sesuai standar dan, bila tidak dapat selesai hari itu, memberi kepastian jadwal penyelesaian.',
            5,
          ],
          ['Menerima berkasnya dan memintanya kembali esok hari tanpa kepastian waktu.', 2],
          ['Memintanya mengambil nomor antrean untuk esok hari.', 2],
          ['Menolak karena layanan segera ditutup.', 1],
        ],
      },
      {
        indicator: 1,
        settings: [
          { x: 'berbeda pilihan politik dengan Anda' },
          { x: 'pernah bersengketa dengan keluarga Anda' },
        ],
        stem: 'Pemohon yang datang ke loket Anda diketahui {x}. Apa yang Anda lakukan?',
        options: [
          ['Melayaninya seperti pemohon lain sesuai standar pelayanan.', 5],
          ['Meminta rekan lain melayaninya untuk menghindari konflik kepentingan.', 4],
          ['Melayaninya seperlunya saja.', 2],
          ['Memeriksa berkasnya lebih ketat daripada pemohon lain.', 1],
        ],
      },
    ],
  },
  M6: {
    indicators: [
      'Meningkatkan kemampuan diri secara berkelanjutan',
      'Membagikan pengetahuan dan membimbing rekan kerja',
      'Memberikan umpan balik yang membangun',
    ],
    scenarios: [
      {
        indicator: 0,
        settings: [
          { x: 'aplikasi perencanaan dan penganggaran yang baru' },
          { x: 'tata naskah dinas elektronik' },
        ],
        stem: 'Unit Anda mulai menggunakan {x}, sementara Anda belum menguasainya. Apa yang Anda lakukan?',
        options: [
          [
            'Mempelajari panduan, mengikuti pelatihan daring yang tersedia, dan berlatih bersama rekan yang sudah mahir.',
            5,
          ],
          ['Meminta rekan yang mahir mengerjakan bagian Anda untuk sementara.', 2],
          ['Menunggu pelatihan resmi dari kantor.', 3],
          ['Tetap bekerja dengan cara lama selama masih diterima.', 1],
        ],
      },
      {
        indicator: 1,
        settings: [{ x: 'CPNS yang baru ditempatkan' }, { x: 'pegawai pindahan dari kabupaten' }],
        stem: 'Seorang {x} di unit Anda sering bertanya tentang prosedur kerja. Apa yang Anda lakukan?',
        options: [
          [
            'Menjelaskan prosedur sambil mempraktikkannya bersama, memberi catatan ringkas, dan memeriksa kemajuannya secara berkala.',
            5,
          ],
          ['Menjawab setiap pertanyaannya ketika ia bertanya.', 3],
          ['Memintanya membaca dokumen standar operasional prosedur.', 2],
          ['Menyarankannya bertanya kepada atasan.', 1],
        ],
      },
      {
        indicator: 2,
        settings: [
          { x: 'telah berulang kali terlambat menyerahkan laporan' },
          { x: 'membuat kesalahan yang sama pada berkas usulan' },
        ],
        stem: 'Seorang anggota tim Anda {x}. Apa yang Anda lakukan?',
        options: [
          [
            'Membicarakannya secara pribadi, menunjukkan contoh konkret, menanyakan kendalanya, dan menyepakati langkah perbaikan.',
            5,
          ],
          ['Menegurnya di depan tim agar menjadi pelajaran bersama.', 2],
          ['Mengerjakan ulang sendiri hasil kerjanya.', 2],
          ['Mencatatnya sebagai bahan penilaian kinerja tanpa membicarakannya.', 1],
        ],
      },
      {
        indicator: 1,
        settings: [{ x: 'bimbingan teknis pengelolaan arsip' }, { x: 'pelatihan analisis jabatan' }],
        stem: 'Anda baru saja mengikuti {x} yang bermanfaat bagi unit Anda. Apa yang Anda lakukan?',
        options: [
          [
            'Membagikan materi dan praktik baik kepada rekan dalam forum berbagi pengetahuan, lalu menerapkannya dalam pekerjaan unit.',
            5,
          ],
          ['Menyimpan materi di folder bersama agar bisa dibaca rekan.', 3],
          ['Menerapkannya dalam pekerjaan Anda sendiri.', 2],
          ['Menyerahkan laporan perjalanan dinas sebagai bukti kehadiran.', 1],
        ],
      },
      {
        indicator: 0,
        settings: [{ x: 'penilaian kinerja' }, { x: 'hasil pemetaan kompetensi' }],
        stem: 'Dari {x}, Anda mengetahui bahwa kemampuan analisis data Anda masih di bawah harapan. Apa yang Anda lakukan?',
        options: [
          [
            'Menyusun rencana belajar bersama atasan, mengikuti kursus yang relevan, dan meminta tugas yang melatih kemampuan tersebut.',
            5,
          ],
          ['Mengikuti pelatihan bila ditugaskan kantor.', 3],
          ['Menghindari tugas yang berkaitan dengan analisis data.', 1],
          ['Meminta penjelasan atas penilaian tersebut.', 2],
        ],
      },
    ],
  },
  M7: {
    indicators: [
      'Menyesuaikan diri dengan perubahan',
      'Mendukung dan mengajak orang lain menjalankan perubahan',
      'Mengelola dampak perubahan pada pekerjaan',
    ],
    scenarios: [
      {
        indicator: 0,
        settings: [{ x: 'penyederhanaan birokrasi' }, { x: 'penggabungan dua bidang' }],
        stem: 'Akibat {x}, tugas dan atasan langsung Anda berubah. Apa yang Anda lakukan?',
        options: [
          ['Mempelajari tugas baru, menanyakan ekspektasi atasan baru, dan menyesuaikan rencana kerja.', 5],
          ['Menjalankan tugas baru sambil menunggu arahan lebih lanjut.', 3],
          ['Tetap mengerjakan tugas lama sampai ada perintah tertulis.', 2],
          ['Mengajukan pindah ke unit lain.', 1],
        ],
      },
      {
        indicator: 1,
        settings: [{ x: 'layanan tanpa tatap muka' }, { x: 'tanda tangan elektronik' }],
        stem: 'Kantor menerapkan {x}, tetapi sebagian rekan menolak karena terbiasa dengan cara lama. Apa yang Anda lakukan?',
        options: [
          ['Menjelaskan manfaatnya, memberi contoh penggunaan, dan mendampingi rekan yang kesulitan.', 5],
          ['Menerapkannya untuk pekerjaan Anda sendiri.', 3],
          ['Melaporkan rekan yang menolak kepada atasan.', 2],
          ['Ikut menunda penggunaannya sampai semua rekan siap.', 1],
        ],
      },
      {
        indicator: 2,
        settings: [{ x: 'aplikasi kepegawaian nasional' }, { x: 'sistem keuangan daerah' }],
        stem: 'Peralihan ke {x} yang baru menyebabkan layanan melambat pada bulan pertama. Apa yang Anda lakukan?',
        options: [
          [
            'Mencatat kendala yang muncul, berkoordinasi dengan pengelola sistem, dan menyiapkan panduan sementara bagi pengguna.',
            5,
          ],
          ['Meminta pemohon bersabar sampai sistem stabil.', 3],
          ['Memproses layanan secara manual tanpa koordinasi.', 2],
          ['Mengusulkan kembali ke sistem lama.', 1],
        ],
      },
      {
        indicator: 0,
        settings: [{ x: 'kerja di kantor pusat' }, { x: 'jam kerja yang fleksibel' }],
        stem: 'Kebijakan baru tentang {x} membuat pola kerja Anda berubah. Apa yang Anda lakukan?',
        options: [
          [
            'Menyesuaikan jadwal dan cara kerja agar target tetap tercapai serta menyampaikan kendala yang ditemui.',
            5,
          ],
          ['Mengikuti kebijakan sambil menunggu evaluasi pelaksanaannya.', 3],
          ['Mengeluhkan kebijakan tersebut kepada rekan kerja.', 1],
          ['Meminta pengecualian untuk diri sendiri.', 2],
        ],
      },
      {
        indicator: 1,
        settings: [{ x: 'zona integritas' }, { x: 'budaya kerja BerAKHLAK' }],
        stem: 'Anda ditunjuk menjadi agen perubahan untuk program {x} di unit Anda. Apa yang Anda lakukan?',
        options: [
          [
            'Menyusun rencana aksi bersama tim, memberi contoh dalam pekerjaan sehari-hari, dan memantau penerapannya.',
            5,
          ],
          ['Menyosialisasikan program melalui rapat unit.', 3],
          ['Menempelkan poster program di ruang kerja.', 2],
          ['Menjalankan tugas agen perubahan bila ada penilaian.', 1],
        ],
      },
    ],
  },
  M8: {
    indicators: [
      'Mengambil keputusan berdasarkan data dan informasi yang cukup',
      'Menimbang alternatif dan risiko sebelum memutuskan',
      'Memutuskan secara tepat waktu dan mempertanggungjawabkannya',
    ],
    scenarios: [
      {
        indicator: 0,
        settings: [{ x: 'bantuan sarana sekolah' }, { x: 'bantuan alat kesehatan puskesmas' }],
        stem: 'Anda diminta menentukan urutan prioritas penerima {x}, sementara usulan yang masuk jauh melebihi anggaran. Apa yang Anda lakukan?',
        options: [
          [
            'Menyusun kriteria yang jelas, memverifikasi data usulan, lalu menetapkan prioritas berdasarkan hasil penilaian.',
            5,
          ],
          ['Membagi anggaran secara merata kepada semua pengusul.', 2],
          ['Mendahulukan pengusul yang paling cepat mengajukan.', 2],
          ['Menyerahkan keputusan sepenuhnya kepada atasan.', 1],
        ],
      },
      {
        indicator: 1,
        settings: [{ x: 'dua penyedia jasa pelatihan' }, { x: 'dua lokasi pelaksanaan kegiatan' }],
        stem: 'Anda harus memilih salah satu dari {x} dengan kelebihan dan kekurangan masing-masing. Apa yang Anda lakukan?',
        options: [
          [
            'Membandingkan biaya, mutu, dan risikonya dengan kriteria tertulis, lalu memilih dan mendokumentasikan alasannya.',
            5,
          ],
          ['Memilih yang paling murah.', 2],
          ['Memilih yang pernah digunakan sebelumnya.', 2],
          ['Meminta rekan memilihkan.', 1],
        ],
      },
      {
        indicator: 2,
        settings: [{ x: 'banjir' }, { x: 'kebakaran gedung arsip' }],
        stem: 'Terjadi {x} di dekat kantor saat atasan sedang bertugas ke luar daerah dan tidak dapat dihubungi. Anda pejabat tertinggi di kantor. Apa yang Anda lakukan?',
        options: [
          [
            'Segera memutuskan langkah pengamanan pegawai dan dokumen penting, lalu melaporkan kepada atasan begitu dapat dihubungi.',
            5,
          ],
          ['Mengumpulkan pegawai untuk bermusyawarah terlebih dahulu.', 3],
          ['Terus mencoba menghubungi atasan sebelum bertindak.', 2],
          ['Menunggu petugas penanggulangan bencana datang.', 1],
        ],
      },
      {
        indicator: 0,
        settings: [{ x: 'mutasi pegawai' }, { x: 'perubahan jam layanan' }],
        stem: 'Anda diminta memberi rekomendasi tentang {x}, tetapi informasi yang tersedia masih simpang siur. Apa yang Anda lakukan?',
        options: [
          [
            'Mengumpulkan data dari sumber resmi, memverifikasinya, dan menyampaikan rekomendasi beserta asumsi yang dipakai.',
            5,
          ],
          ['Memberi rekomendasi berdasarkan pengalaman sebelumnya.', 3],
          ['Mengikuti pendapat mayoritas rekan kerja.', 2],
          ['Menunda rekomendasi sampai ada kejelasan dari pihak lain.', 1],
        ],
      },
      {
        indicator: 2,
        settings: [{ x: 'penolakan sebuah usulan kegiatan' }, { x: 'penundaan pembayaran kepada penyedia' }],
        stem: 'Keputusan Anda tentang {x} ternyata mendapat protes dari pihak yang terdampak. Apa yang Anda lakukan?',
        options: [
          [
            'Menjelaskan dasar keputusan secara terbuka, mendengarkan keberatan, dan meninjau ulang bila ada fakta baru.',
            5,
          ],
          ['Mempertahankan keputusan tanpa memberi penjelasan.', 2],
          ['Membatalkan keputusan agar protes berhenti.', 1],
          ['Meminta atasan yang menjelaskan kepada pihak terdampak.', 2],
        ],
      },
    ],
  },
  SK1: {
    indicators: [
      'Menghargai perbedaan latar belakang, agama, dan budaya',
      'Peka terhadap keragaman dalam pelayanan',
      'Merekatkan hubungan dan mencegah perpecahan',
    ],
    scenarios: [
      {
        indicator: 0,
        settings: [{ x: 'suku' }, { x: 'agama' }],
        stem: 'Dalam obrolan di ruang kerja, beberapa rekan bercanda dengan menyinggung {x} tertentu, sementara ada rekan dari kelompok tersebut di ruangan. Apa yang Anda lakukan?',
        options: [
          ['Mengingatkan dengan santun bahwa candaan itu dapat menyakiti, lalu mengalihkan pembicaraan.', 5],
          ['Tidak ikut tertawa dan diam saja.', 3],
          ['Meminta maaf kepada rekan yang tersinggung setelahnya.', 2],
          ['Ikut tertawa agar suasana tetap akrab.', 1],
        ],
      },
      {
        indicator: 1,
        settings: [{ x: 'hanya fasih berbahasa daerah' }, { x: 'berasal dari komunitas adat terpencil' }],
        stem: 'Seorang pemohon yang {x} kesulitan memahami penjelasan petugas. Apa yang Anda lakukan?',
        options: [
          [
            'Mencari rekan atau pendamping yang dapat menjembatani bahasa dan menjelaskan dengan cara yang ia pahami.',
            5,
          ],
          ['Menjelaskan ulang secara perlahan dalam bahasa Indonesia.', 3],
          ['Memberikan brosur persyaratan.', 2],
          ['Memintanya datang kembali dengan pendamping.', 1],
        ],
      },
      {
        indicator: 2,
        settings: [
          { x: 'penempatan pegawai asli daerah dan pendatang' },
          { x: 'pembagian tugas antara pegawai senior dan junior' },
        ],
        stem: 'Di unit Anda mulai muncul kelompok-kelompok yang saling curiga terkait {x}. Apa yang Anda lakukan?',
        options: [
          [
            'Mengajak kedua pihak berdialog, mencari kepentingan bersama, dan membentuk tim kerja campuran.',
            5,
          ],
          ['Melaporkan situasi kepada atasan.', 3],
          ['Bergaul hanya dengan kelompok yang sependapat dengan Anda.', 1],
          ['Menghindari kedua kelompok agar tetap netral.', 2],
        ],
      },
      {
        indicator: 0,
        settings: [{ x: 'hari raya keagamaan' }, { x: 'upacara adat' }],
        stem: 'Seorang rekan meminta izin tidak mengikuti kegiatan kantor karena bertepatan dengan {x} yang ia jalankan. Apa yang Anda lakukan?',
        options: [
          [
            'Menghormati permintaannya dan membantu mengatur pembagian tugas agar kegiatan tetap berjalan.',
            5,
          ],
          ['Mengizinkan asalkan ia mencari pengganti sendiri.', 3],
          ['Memintanya tetap hadir karena kegiatan kantor lebih penting.', 1],
          ['Menyerahkan sepenuhnya kepada atasan.', 2],
        ],
      },
      {
        indicator: 2,
        settings: [{ x: 'pemilihan kepala daerah' }, { x: 'sengketa batas desa' }],
        stem: 'Menjelang {x}, grup percakapan pegawai mulai diramaikan pesan yang memecah belah. Apa yang Anda lakukan?',
        options: [
          [
            'Mengingatkan anggota grup tentang netralitas ASN dan mengajak berbagi informasi yang terverifikasi saja.',
            5,
          ],
          ['Keluar dari grup percakapan.', 2],
          ['Melaporkan kepada admin grup.', 3],
          ['Menanggapi pesan dengan pendapat Anda sendiri.', 1],
        ],
      },
    ],
  },
};
