// Applies a campaign's potensi norm to a stored profile at read time: per-attempt scoring keeps
// only raw potensi (deterministic whoever else was scored), the norm version adds standard score,
// band and — when the model blends potensi into the 9-box — the placement that depends on it.
import type { NormGroup } from '../scoring/potensi.ts';
import { potensiBand, standardScore } from '../scoring/potensi.ts';
import { nineBox, type SkpPredikat } from '../scoring/nine-box.ts';
import type { ScoringModel } from '../scoring/model.ts';
import type { AttemptProfile } from '../scoring/score-attempt.ts';

export function applyPotensiNorm(
  profile: AttemptProfile,
  norm: NormGroup | null,
  model: ScoringModel,
  skpPredikat: SkpPredikat | null,
): AttemptProfile {
  if (profile.status !== 'dipetakan' || profile.potensi === null || norm === null) return profile;
  const score = standardScore(profile.potensi.raw.total, norm, model);
  const band = score === null ? null : potensiBand(score, model);
  const box =
    profile.categories && skpPredikat && model.nineBox.potensiBlendWeight > 0
      ? nineBox(profile.categories.pemetaan, skpPredikat, model, band)
      : profile.nineBox;
  return { ...profile, potensi: { ...profile.potensi, standardScore: score, band }, nineBox: box };
}
