// Answer schemas the staff portal parses, under the names its pages use: every one is the
// protocol's own (packages/protocol/src/admin), so web and server agree on one shape.
import { batterySchemaDto, okResponseSchema } from '@petakom/protocol';

export {
  campaignListResponseSchema as campaignListSchema,
  campaignResponseSchema as campaignAnswerSchema,
  participantListResponseSchema as participantListSchema,
  positionListResponseSchema as positionListSchema,
  positionResponseSchema as positionAnswerSchema,
  proctorListResponseSchema as proctorListSchema,
  roomListResponseSchema as roomListSchema,
  roomResponseSchema as roomAnswerSchema,
  staffUserListResponseSchema as staffUsersSchema,
  staffUserResponseSchema as staffUserAnswerSchema,
  unitListResponseSchema as unitListSchema,
  type CampaignSummary,
  type Room,
  type StaffUser,
} from '@petakom/protocol';

/** Names and ids only are used here (the campaign form's battery choice); the battery routes answer it. */
export const batteryChoicesSchema = okResponseSchema.extend({
  batteries: batterySchemaDto.pick({ id: true, name: true }).array(),
});
