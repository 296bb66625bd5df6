// `k6/metrics`: each metric keeps every value added to it, found by its name.
export interface Sample {
  value: number;
  tags: Record<string, string> | undefined;
}

export const metrics = new Map<string, Sample[]>();

class Metric {
  constructor(readonly name: string) {
    metrics.set(name, metrics.get(name) ?? []);
  }

  add(value: number | boolean, tags?: Record<string, string>): void {
    metrics.get(this.name)?.push({ value: Number(value), tags });
  }
}

export class Trend extends Metric {}
export class Counter extends Metric {}

/** The samples of a metric so far (none when nothing was added). */
export function samples(name: string): Sample[] {
  return metrics.get(name) ?? [];
}

/** Empties every metric: one scenario's figures, not the one before. */
export function resetMetrics(): void {
  for (const list of metrics.values()) list.length = 0;
}
