import { FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';

import type { LogSource } from '../ports';

/**
 * The log source over CloudWatch Logs' `FilterLogEvents`, in the function's account and region (the
 * client's). Needs `logs:FilterLogEvents`. A log group that does not exist (a function never invoked)
 * reads as no events.
 *
 * @example
 * ```ts
 * const logs = cloudWatchLogSource(new CloudWatchLogsClient({ region: 'eu-west-1', credentials }));
 * ```
 */
export function cloudWatchLogSource(client: CloudWatchLogsClient): LogSource {
  return {
    async filterLogEvents(request, signal) {
      try {
        const output = await client.send(
          new FilterLogEventsCommand({
            logGroupName: request.logGroupName,
            startTime: request.startTime,
            endTime: request.endTime,
            filterPattern: request.filterPattern,
            limit: request.limit,
            nextToken: request.nextToken,
          }),
          { abortSignal: signal },
        );
        return {
          events: (output.events ?? []).flatMap((event) =>
            event.timestamp === undefined || event.message === undefined
              ? []
              : [{ timestamp: event.timestamp, message: event.message, logStreamName: event.logStreamName }],
          ),
          nextToken: output.nextToken ?? undefined,
        };
      } catch (error) {
        if (error instanceof Error && error.name === 'ResourceNotFoundException') return { events: [] };
        throw error;
      }
    },
  };
}
