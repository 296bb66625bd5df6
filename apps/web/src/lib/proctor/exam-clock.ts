// Times of day as the schedule keeps them: in the platform's time zone (PETAKOM_TZ), the zone the
// participants' cards and the berita acara are printed in, not the zone of whichever PC the pengawas
// signs in on. A CAT room's PC set to UTC would otherwise show a 07.30 WIB session as 00.30.

export interface ExamClock {
  /** HH.MM in the exam's zone. */
  time(at: string | number | Date): string;
  /** The zone's short name in Indonesian (WIB, WITA, WIT), or its offset elsewhere (GMT+2). */
  zone: string;
}

function zoneName(timeZone: string | undefined): string {
  const parts = new Intl.DateTimeFormat('id-ID', { timeZone, timeZoneName: 'short' }).formatToParts(
    new Date(),
  );
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/** A clock for `timeZone` (IANA); the browser's own zone when none is known yet or it is not one. */
export function examClock(timeZone: string | undefined): ExamClock {
  let zone = timeZone;
  try {
    new Intl.DateTimeFormat('id-ID', { timeZone: zone });
  } catch {
    zone = undefined;
  }
  const format = new Intl.DateTimeFormat('id-ID', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
  });
  return { time: (at) => format.format(new Date(at)), zone: zoneName(zone) };
}
