// Decimal rounding as people do it on paper, so a report's figures can be checked by hand.

/**
 * Round half up (away from zero) to `decimals` places. The value is first snapped to 12
 * significant digits: arithmetic noise such as 79.99499999999999 (meant as 79.995) must round
 * like the decimal it stands for, because categories are decided on the rounded value.
 */
export function roundHalfUp(value: number, decimals = 0): number {
  if (!Number.isFinite(value)) return value;
  const snapped = Number(value.toPrecision(12));
  const sign = snapped < 0 ? -1 : 1;
  const abs = Math.abs(snapped);
  const shifted = Number(`${abs}e${decimals}`);
  const result =
    Number.isFinite(shifted) && !String(abs).includes('e')
      ? Number(`${Math.round(shifted)}e-${decimals}`)
      : Math.round(abs * 10 ** decimals) / 10 ** decimals;
  return sign * result || 0;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}
