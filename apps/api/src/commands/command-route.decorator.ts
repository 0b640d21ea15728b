import { HttpCode, SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiHeader, ApiResponse } from '@nestjs/swagger';

export const COMMAND_ROUTE_METADATA = 'vinhdanh:command-route';

/**
 * Marks a route as sending one domain command: it gets command metadata, Idempotency-Key
 * handling and the per-command metrics. `status` is 201 when the command starts a record.
 */
export const CommandRoute = (commandType: string, status: 200 | 201 = 200) =>
  applyDecorators(
    SetMetadata(COMMAND_ROUTE_METADATA, commandType),
    HttpCode(status),
    ApiExtension('x-command', commandType),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Any unique string (a UUID). A retry with the same key and body returns the first answer and writes nothing.',
    }),
    ApiResponse({ status: 400, description: 'Malformed input: problem+json listing each field and why' }),
    ApiResponse({ status: 409, description: 'A concurrent change or the record\'s state does not allow this now' }),
    ApiResponse({ status: 422, description: 'A domain rule refused the command; `code` names the rule' }),
  );
