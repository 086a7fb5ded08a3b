/** What the commands that write to Azure share: showing requests before sending them, and turning failures into exit codes. */

import { ArmOperationError, WaitCancelledError } from '../core/azure/armRest';
import type { ArmRequest } from '../core/azure/armRest';
import { ArmMappingError } from '../core/azure/armJson';
import { escapeControlCharacters } from '../core/report/terminalText';
import type { CliIo } from './io';
import { ExitCode } from './io';

/** A request as the JSON output shows it: the absolute URL it goes to. */
export function requestForOutput(request: ArmRequest, endpoint: string): ArmRequest {
  return { method: request.method, url: new URL(request.url, endpoint).href, ...(request.body === undefined ? {} : { body: request.body }) };
}

export function formatRequestsText(requests: readonly ArmRequest[], endpoint: string): string {
  return requests
    .map((request) => {
      const shown = requestForOutput(request, endpoint);
      return `${shown.method} ${shown.url}\n${shown.body === undefined ? '' : `${JSON.stringify(shown.body, null, 2)}\n`}`;
    })
    .join('\n');
}

/** Said on stderr when a write was shown but not sent. */
export function notSentMessage(command: string, dryRun: boolean): string {
  return dryRun
    ? `amr-migrate ${command}: dry run, nothing was sent to Azure\n`
    : `amr-migrate ${command}: nothing was sent to Azure; add --yes to send the request(s) above\n`;
}

/** Prints a failure of an Azure call and returns the exit code; rethrows what is not one. */
export function reportAzureFailure(command: string, error: unknown, io: CliIo): number {
  if (error instanceof WaitCancelledError || (io.signal.aborted && !(error instanceof ArmOperationError))) {
    io.err(`amr-migrate ${command}: ${error instanceof WaitCancelledError ? error.message : 'cancelled'}\n`);
    return ExitCode.interrupted;
  }
  if (error instanceof ArmOperationError || error instanceof ArmMappingError) {
    io.err(escapeControlCharacters(`amr-migrate ${command}: ${error.message}`) + '\n');
    return ExitCode.findings;
  }
  throw error;
}
