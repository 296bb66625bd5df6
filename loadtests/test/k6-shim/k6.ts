// `import { check } from 'k6'`: every check's outcome is kept, so a test can ask that all passed.
export const checks: { name: string; ok: boolean }[] = [];

export function check<T>(value: T, sets: Record<string, (v: T) => boolean>): boolean {
  let all = true;
  for (const [name, fn] of Object.entries(sets)) {
    const ok = Boolean(fn(value));
    checks.push({ name, ok });
    all &&= ok;
  }
  return all;
}
