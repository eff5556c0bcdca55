export { jobIdFor } from './jobIdFor.js';
export type { PostgresJobQueueOptions } from './PostgresJobQueue.js';
export { PostgresJobQueue, queueName } from './PostgresJobQueue.js';
export { defaultQueueSchema, postgresQueuePlugin } from './postgresQueuePlugin.js';
