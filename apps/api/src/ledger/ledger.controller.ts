import { Controller, Get, Inject, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import type { LedgerService } from '@vinhdanh/ledger';
import { Public } from '../auth/access.decorators';
import { ProblemException } from '../errors/problem';
import { IdParam } from '../shared/path-params';

export const LEDGER_SERVICE = Symbol('LEDGER_SERVICE');

const MAX_SIZE = Number.MAX_SAFE_INTEGER;

export class ConsistencyQueryDto {
  @ApiPropertyOptional({ description: 'The older tree size (a checkpoint you trust)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SIZE)
  from!: number;
  @ApiPropertyOptional({ description: 'The newer tree size' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SIZE)
  to!: number;
}

export class InclusionQueryDto {
  @ApiPropertyOptional({ description: 'Log position of the event (its leaf index)' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_SIZE)
  position!: number;
  @ApiPropertyOptional({ description: 'Tree size of a signed checkpoint' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SIZE)
  size!: number;
}

const sizeProblem = () =>
  new ProblemException(400, 'VALIDATION_FAILED', 'Invalid input', 'size is not a tree size.', {
    errors: [{ field: 'size', reason: 'must be a whole number' }],
  });

/**
 * The transparency log's public side: signed checkpoints, the keys that sign them, and the
 * proofs anyone needs to check an entry offline. Nothing here writes.
 */
@ApiTags('ledger')
@Controller()
export class LedgerController {
  constructor(@Inject(LEDGER_SERVICE) private readonly ledger: LedgerService) {}

  @Get('ledger/checkpoints/latest')
  @Public()
  @ApiOperation({ summary: 'The latest signed checkpoint (C2SP signed note over the Merkle root)' })
  async latest() {
    const found = await this.ledger.latestCheckpoint();
    if (!found) throw new ProblemException(409, 'LEDGER_NOT_CHECKPOINTED', 'Conflict', 'No checkpoint has been signed yet.');
    return found;
  }

  @Get('ledger/checkpoints/:size')
  @Public()
  @ApiOperation({ summary: 'The checkpoint signed at a tree size' })
  async bySize(@Param('size', new ParseIntPipe({ exceptionFactory: () => sizeProblem() })) size: number) {
    const found = await this.ledger.checkpointBySize(size);
    if (!found) throw new ProblemException(404, 'LEDGER_NOT_FOUND', 'Not found', `No checkpoint was signed at size ${size}.`);
    return found;
  }

  @Get('ledger/keys')
  @Public()
  @ApiOperation({ summary: 'Every key that has signed checkpoints, with when it was used' })
  keys() {
    return this.ledger.publicKeys();
  }

  @Get('ledger/consistency')
  @Public()
  @ApiOperation({ summary: 'RFC 9162 consistency proof between two tree sizes' })
  consistency(@Query() query: ConsistencyQueryDto) {
    return this.ledger.consistency(query.from, query.to);
  }

  @Get('ledger/inclusion')
  @Public()
  @ApiOperation({ summary: 'RFC 9162 inclusion proof of the event at a position' })
  inclusion(@Query() query: InclusionQueryDto) {
    return this.ledger.inclusion(query.position, query.size);
  }

  @Get('honour-list/:nominationId/proof')
  @Public()
  @ApiOperation({ summary: 'Self-contained proof of an honour-list entry: its events, inclusion proofs, the checkpoint and keys' })
  entryProof(@IdParam('nominationId') nominationId: string) {
    return this.ledger.entryProof(nominationId);
  }
}
