// @petakom/demo — the deterministic demo exam day and its loader.
export * from './generate.ts';
export * from './logins.ts';
export {
  generateOrganisation,
  TEKNIS_MSDM,
  type DemoAgency,
  type DemoPosition,
  type DemoUnit,
  type DemoOrganisation,
} from './agency.ts';
export { generateItemBank, type DemoItemBank } from './items/bank.ts';
export { formatAngka } from './items/numerik.ts';
export {
  composeNip,
  generateParticipants,
  MASS_CAT_JENJANG,
  SKP_PREDIKAT,
  type DemoParticipant,
  type Gender,
  type SkpPredikat,
} from './participants.ts';
export * from './schedule.ts';
export { createRng, demoUuid, type Rng } from './random.ts';
export * from './load.ts';
