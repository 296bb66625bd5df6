// Settings of the results half of the portal that the shared server config does not carry, parsed
// from the environment with zod when the plugin registers.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

export const campaignResultsEnvSchema = z.object({
  /** First retry delay of a failed webhook delivery, ms (doubles per attempt). */
  WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(10).default(5_000),
  /** Where the worker writes export archives and the server reads them: shared by both. */
  EXPORT_DIR: z.string().min(1).default(join(tmpdir(), 'petakom-exports')),
  /** Base URL HR systems are told to fetch results from (webhook payloads). */
  PUBLIC_URL: z.url().optional(),
});
export type CampaignResultsEnv = z.output<typeof campaignResultsEnvSchema>;

export function loadCampaignResultsEnv(
  env: Record<string, string | undefined> = process.env,
): CampaignResultsEnv {
  const parsed = campaignResultsEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
