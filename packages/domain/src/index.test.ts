import { describe, expect, it } from 'vitest';
import * as domain from './index.ts';

describe('public API', () => {
  it('exports the names other packages code against', () => {
    for (const name of [
      'itemSchema',
      'participantView',
      'validateResponse',
      'scoreItem',
      'applyOptionOrder',
      'batterySchema',
      'defaultBlueprintSpec',
      'validateBattery',
      'buildForm',
      'readClock',
      'deadlineAt',
      'pauseClock',
      'resumeClock',
      'addExtraTime',
      'scoreAttempt',
      'competencyScores',
      'jpm',
      'categories',
      'gaps',
      'nineBox',
      'potensi',
      'developmentPlan',
      'defaultScoringModel',
      'scoringModelSchema',
      'defaultCompetencyDictionary',
      'competencyDictionarySchema',
      'standardForJabatan',
      'checkMassCatEligibility',
      'parseNip',
    ]) {
      expect(domain, name).toHaveProperty(name);
    }
  });

  it('ships a default scoring model that its own schema accepts, so a stored copy can be re-read', () => {
    expect(domain.scoringModelSchema.parse(structuredClone(domain.defaultScoringModel))).toEqual(
      domain.defaultScoringModel,
    );
  });
});
