// The answers of the master-data routes that wrap the item schemas of master-data.ts (lists and
// single rows), declared once for the server's response schemas and the web's parsing.
import { z } from 'zod';
import { agencySchema, participantDtoSchema, positionSchema, unitSchema } from './master-data.ts';

export const agencyListResponseSchema = z.object({ ok: z.literal(true), agencies: z.array(agencySchema) });
export const unitListResponseSchema = z.object({ ok: z.literal(true), units: z.array(unitSchema) });
export const unitResponseSchema = z.object({ ok: z.literal(true), unit: unitSchema });
export const positionListResponseSchema = z.object({
  ok: z.literal(true),
  positions: z.array(positionSchema),
});
export const positionResponseSchema = z.object({ ok: z.literal(true), position: positionSchema });
export const positionCreatedResponseSchema = z.object({ ok: z.literal(true), id: z.string() });
export const participantListResponseSchema = z.object({
  ok: z.literal(true),
  participants: z.array(participantDtoSchema),
});
