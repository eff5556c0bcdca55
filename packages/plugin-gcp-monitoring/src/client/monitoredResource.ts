import { z } from 'zod';

const labelValue = z.string().min(1).max(1024);

/**
 * The monitored resource points are written against. `global` suits figures
 * that belong to no machine (the default); `generic_task` and `generic_node`
 * let several Driftwatch workers write the same metric without their series
 * colliding (a series can take a point only every 5 seconds).
 */
export const monitoredResourceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('global') }).strict(),
  z
    .object({
      type: z.literal('generic_task'),
      /** GCP region or zone (or any location string) where the task runs. */
      location: labelValue,
      /** A grouping of tasks, e.g. the environment. */
      namespace: labelValue,
      /** The job the task belongs to, e.g. `driftwatch`. */
      job: labelValue,
      /** The task's identity, e.g. a pod or worker name. */
      taskId: labelValue,
    })
    .strict(),
  z
    .object({
      type: z.literal('generic_node'),
      location: labelValue,
      namespace: labelValue,
      /** The machine's identity. */
      nodeId: labelValue,
    })
    .strict(),
]);

/** A monitored resource as configured. */
export type MonitoredResourceOptions = z.output<typeof monitoredResourceSchema>;

/** The resource in the API's shape: its type and labels, `project_id` included. */
export function monitoredResource(options: MonitoredResourceOptions, projectId: string): { type: string; labels: Record<string, string> } {
  switch (options.type) {
    case 'global':
      return { type: 'global', labels: { project_id: projectId } };
    case 'generic_task':
      return {
        type: 'generic_task',
        labels: {
          project_id: projectId,
          location: options.location,
          namespace: options.namespace,
          job: options.job,
          task_id: options.taskId,
        },
      };
    case 'generic_node':
      return {
        type: 'generic_node',
        labels: { project_id: projectId, location: options.location, namespace: options.namespace, node_id: options.nodeId },
      };
  }
}
