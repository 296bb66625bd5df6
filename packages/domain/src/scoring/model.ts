// The scoring model: every weight and threshold used from answers to a profile, versioned so a
// stored result always says which rules produced it. Defaults follow DOMAIN.md.
import { z } from 'zod';

const methodSchema = z.strictObject({
  kind: z.enum(['klasikal', 'non_klasikal']),
  name: z.string().min(1),
});
export type DevelopmentMethod = z.infer<typeof methodSchema>;

const activitySchema = z.strictObject({ methods: z.array(methodSchema).min(1), jp: z.int().positive() });

export const scoringModelSchema = z.strictObject({
  version: z.string().min(1),
  /** Weights of the three parts in a competency score; renormalised over the parts present. */
  partWeights: z.strictObject({
    sjt: z.number().nonnegative(),
    inventory: z.number().nonnegative(),
    selfAssessment: z.number().nonnegative(),
  }),
  scoreDecimals: z.int().min(0).max(6),
  jpm: z.strictObject({
    /** Which JPM the categories are decided on; both are always reported. */
    variant: z.enum(['capped', 'uncapped']),
    decimals: z.int().min(0).max(6),
  }),
  /** Lower bounds, inclusive, on the rounded JPM. */
  categories: z.strictObject({
    pengisian: z.strictObject({ memenuhiSyarat: z.number(), masihMemenuhiSyarat: z.number() }),
    pemetaan: z.strictObject({ optimal: z.number(), cukupOptimal: z.number() }),
  }),
  /** Lower bounds, inclusive, on f = met / tagged indicators. */
  gap: z.strictObject({ rendahFrom: z.number().min(0).max(1), sedangFrom: z.number().min(0).max(1) }),
  nineBox: z.strictObject({
    /** 0 = potential from the pemetaan category alone; 1 = from the potensi band alone. */
    potensiBlendWeight: z.number().min(0).max(1),
  }),
  potensi: z.strictObject({
    mean: z.number(),
    sd: z.number().positive(),
    decimals: z.int().min(0).max(6),
    /** Band lower bounds on the standard score. */
    menengahFrom: z.number(),
    tinggiFrom: z.number(),
  }),
  developmentPlan: z.strictObject({
    years: z.int().min(1).max(10),
    minJpPerYear: z.int().positive(),
    byGap: z.strictObject({ tinggi: activitySchema, sedang: activitySchema, rendah: activitySchema }),
    /** What fills a year that the gaps leave under the minimum. */
    maintenance: z.strictObject({ methods: z.array(methodSchema).min(1) }),
  }),
});

export type ScoringModel = z.infer<typeof scoringModelSchema>;

const klasikal = (name: string): DevelopmentMethod => ({ kind: 'klasikal', name });
const nonKlasikal = (name: string): DevelopmentMethod => ({ kind: 'non_klasikal', name });

// z = ±0.4307 splits a normal distribution into equal thirds.
const TERTILE_Z = 0.4307;

export const defaultScoringModel: ScoringModel = {
  version: 'petakom-default-1',
  partWeights: { sjt: 0.6, inventory: 0.25, selfAssessment: 0.15 },
  scoreDecimals: 2,
  jpm: { variant: 'capped', decimals: 2 },
  categories: {
    pengisian: { memenuhiSyarat: 80, masihMemenuhiSyarat: 68 },
    pemetaan: { optimal: 90, cukupOptimal: 78 },
  },
  gap: { rendahFrom: 3 / 4, sedangFrom: 1 / 2 },
  nineBox: { potensiBlendWeight: 0 },
  potensi: {
    mean: 100,
    sd: 15,
    decimals: 0,
    menengahFrom: 100 - 15 * TERTILE_Z,
    tinggiFrom: 100 + 15 * TERTILE_Z,
  },
  developmentPlan: {
    years: 5,
    minJpPerYear: 20,
    byGap: {
      tinggi: {
        methods: [klasikal('Pelatihan (teknis, fungsional, atau kepemimpinan)'), nonKlasikal('Coaching')],
        jp: 40,
      },
      sedang: { methods: [klasikal('Bimbingan teknis atau workshop'), nonKlasikal('Mentoring')], jp: 24 },
      rendah: {
        methods: [
          nonKlasikal('E-learning'),
          nonKlasikal('Belajar mandiri'),
          nonKlasikal('Penugasan (job assignment)'),
        ],
        jp: 12,
      },
    },
    maintenance: {
      methods: [nonKlasikal('E-learning'), nonKlasikal('Komunitas belajar (community of practice)')],
    },
  },
};
