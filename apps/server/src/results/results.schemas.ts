// Request and response shapes of the staff results routes (validated at the edge with zod): the
// params and queries here, the bodies and answers from the protocol the staff portal shares.
import { z } from 'zod';

export const campaignParams = z.object({ campaignId: z.uuid() });
export const attemptParams = z.object({ attemptId: z.uuid() });
export const versionQuery = z.object({ version: z.coerce.number().int().min(1).optional() });
export const runParams = z.object({ campaignId: z.uuid(), runId: z.uuid() });
export const registrationParams = z.object({ registrationId: z.uuid() });
export const diffQuery = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});
export {
  explainedResultResponseSchema as explainedResultResponse,
  itemAnalysisResponseSchema as itemAnalysisResponse,
  rescoreRequestSchema as rescoreBody,
  rescoreResponseSchema as rescoreResponse,
  rescoreRunResponseSchema as rescoreRunResponse,
  scoringStateResponseSchema as scoringListResponse,
  versionDiffResponseSchema as versionDiffResponse,
} from '@petakom/protocol';
