export * from './connection.js';
export * from './queues.js';
export {
  overridesFrom,
  type EnqueueArgs,
  type EnqueueOptions,
  type EnqueueRest,
  type JobOverride,
  type JobOverrides,
  type QueueSettings,
} from './job-options.js';
export * from './notify.js';
export * from './pacer.js';
export * from './unsent.js';
