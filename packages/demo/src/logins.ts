// What the start script prints so a newcomer can run a demo exam at once.
import type { DemoData } from './generate.ts';

export interface DemoLogins {
  staff: { role: string; username: string; password: string }[];
  participants: {
    nip: string;
    name: string;
    accessCode: string;
    session: string;
    room: string;
    seatNo: number;
  }[];
  note: string;
}

export function demoLogins(data: DemoData, perSession = 3): DemoLogins {
  const today = data.sessions.filter((s) => s.date === data.startDate);
  const rooms = new Map(data.rooms.map((r) => [r.id, r.name]));
  const people = new Map(data.participants.map((p) => [p.id, p]));
  const participants = today.flatMap((session) =>
    data.registrations
      .filter((r) => r.sessionId === session.id)
      .sort((a, b) => a.seatNo - b.seatNo)
      .slice(0, perSession)
      .map((r) => {
        const person = people.get(r.participantId);
        if (!person) throw new Error(`registration ${r.id} has no participant`);
        return {
          nip: person.nip,
          name: person.fullName,
          accessCode: r.accessCode,
          session: `${session.date} ${session.slot}`,
          room: rooms.get(session.roomId) ?? '',
          seatNo: r.seatNo,
        };
      }),
  );
  return {
    staff: data.staff.map((s) => ({ role: s.roles.join(','), username: s.username, password: s.password })),
    participants,
    note:
      'Peserta masuk di /ujian dengan NIP, kode akses, dan token ruangan. Token ruangan berganti berkala dan hanya tampil di layar pengawas (/pengawas) setelah pengawas membuka ruangan. ' +
      'Untuk mencoba sekarang: sesi susulan di Ruang CAT Susulan dibuka saat demo dimuat, selama 4 jam, diawasi pengawas1.',
  };
}

export function formatDemoLogins(logins: DemoLogins): string {
  const lines = ['Akun demo (staf):'];
  for (const s of logins.staff) lines.push(`  ${s.role.padEnd(9)} ${s.username.padEnd(10)} ${s.password}`);
  lines.push('Peserta contoh untuk sesi hari ini:');
  for (const p of logins.participants)
    lines.push(
      `  NIP ${p.nip}  kode ${p.accessCode}  ${p.session}  ${p.room} kursi ${p.seatNo}  (${p.name})`,
    );
  lines.push(logins.note);
  return lines.join('\n');
}
