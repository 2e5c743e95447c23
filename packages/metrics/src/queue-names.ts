import { JOBS, sendQueueName } from '@smsgw/core';

/**
 * Every queue of the pipeline given the gateways' names: a send queue per gateway, and each
 * fixed queue of the job catalog (so a queue added to the catalog is counted without a change here).
 */
export function pipelineQueueNames(gateways: readonly string[]): string[] {
  const fixed = new Set<string>();
  for (const job of Object.values(JOBS)) if (!job.perGateway) fixed.add(job.queue);
  return [...gateways.map(sendQueueName), ...fixed];
}
