export * from './errors.js';
export * from './ids.js';
export * from './statuses.js';
export * from './segments.js';
export * from './phone.js';
export * from './template.js';
export * from './mask.js';
export * from './jobs.js';
