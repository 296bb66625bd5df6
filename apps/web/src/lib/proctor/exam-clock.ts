// Times of day as the schedule keeps them: in the platform's time zone (PETAKOM_TZ), the zone the
// participants' cards and the berita acara are printed in, not the zone of whichever PC the pengawas
// signs in on. A CAT room's PC set to UTC would otherwise show a 07.30 WIB session as 00.30.

export interface ExamClock {
  /** HH.MM in the exam's zone. */
  time(at: string | number | Date): string;
  /** The zone's short name in Indonesian (WIB, WITA, WIT), or its offset elsewhere (GMT+2). */
  zone: string;
}

const TIME = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;

/** HH.MM in `timeZone`, or in the browser's own zone when none is known yet or it is not one. */
function timeFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('id-ID', { ...TIME, timeZone });
  } catch {
    return new Intl.DateTimeFormat('id-ID', TIME);
  }
}

/** A clock for `timeZone` (IANA); the browser's own zone when none is known yet or it is not one. */
export function examClock(timeZone: string | undefined): ExamClock {
  const format = timeFormat(timeZone);
  // The zone the format settled on, so the name shown is the one the times are in.
  const zone = new Intl.DateTimeFormat('id-ID', {
    timeZone: format.resolvedOptions().timeZone,
    timeZoneName: 'short',
  })
    .formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName')?.value;
  return { time: (at) => format.format(new Date(at)), zone: zone ?? '' };
}
