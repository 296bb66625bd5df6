// Answer schemas of the item-bank and battery routes, composed from the protocol's DTO schemas so
// the pages parse exactly what the server declares. The preview has no protocol schema (see report):
// it is checked here by hand against the participant view's shape.
import {
  batterySchemaDto,
  batteryValidationResponseSchema,
  itemBankSchema,
  itemImportResponseSchema,
  okResponseSchema,
  storedItemSchema,
} from '@petakom/protocol';
import { z } from 'zod';
import type { ParticipantItem } from '@petakom/domain';
import type { Schema } from '../api.ts';

export const bankListSchema = okResponseSchema.extend({ banks: itemBankSchema.array() });
export const bankAnswerSchema = okResponseSchema.extend({ bank: itemBankSchema });
export const itemListSchema = okResponseSchema.extend({ items: storedItemSchema.array() });
export const itemAnswerSchema = okResponseSchema.extend({ item: storedItemSchema });
export const versionListSchema = okResponseSchema.extend({ versions: storedItemSchema.array() });
export const importAnswerSchema = itemImportResponseSchema;
export const batteryListSchema = okResponseSchema.extend({ batteries: batterySchemaDto.array() });
export const batteryAnswerSchema = okResponseSchema.extend({ battery: batterySchemaDto });
export const validationSchema = batteryValidationResponseSchema;
export const pickAnswerSchema = okResponseSchema.extend({
  itemIds: z.array(z.string()),
  shortfalls: z.array(z.object({ subject: z.string(), wanted: z.number(), found: z.number() })),
});

export type StoredItem = z.infer<typeof storedItemSchema>;
export type ItemBank = z.infer<typeof itemBankSchema>;
export type BatteryDto = z.infer<typeof batterySchemaDto>;
export type BlueprintProblemDto = z.infer<typeof validationSchema>['problems'][number];

export interface PreviewSection {
  key: string;
  title: string;
  kind: string;
  timeLimitSec: number;
  instructions: string;
  items: ParticipantItem[];
}
export interface Preview {
  seed: string;
  sections: PreviewSection[];
}

const richSchema = z.object({ text: z.string() }).loose();
const choiceSchema = z.object({ id: z.string(), content: richSchema });
const participantItemSchema = z.discriminatedUnion('type', [
  z.object({
    id: z.string(),
    type: z.literal('single_choice'),
    stem: richSchema,
    options: choiceSchema.array(),
  }),
  z.object({ id: z.string(), type: z.literal('sjt'), stem: richSchema, options: choiceSchema.array() }),
  z.object({
    id: z.string(),
    type: z.literal('self_assessment'),
    stem: richSchema,
    statements: choiceSchema.array(),
  }),
  z.object({
    id: z.string(),
    type: z.literal('likert'),
    stem: richSchema,
    scale: z.object({ value: z.number(), label: z.string() }).array(),
  }),
]);
const previewZod = z.object({
  ok: z.literal(true),
  seed: z.string(),
  sections: z
    .object({
      key: z.string(),
      title: z.string(),
      kind: z.string(),
      timeLimitSec: z.number(),
      instructions: z.string(),
      items: participantItemSchema.array(),
    })
    .array(),
});
/** The shapes above are the participant view's; the cast only restores RichContent's optional parts. */
export const previewSchema = previewZod as unknown as Schema<Preview>;
