import { Body, Controller, Get, HttpCode, Inject, Module, Post, type DynamicModule } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';
import { Public, Roles } from './apps';
import { DemoClock } from './demo-clock';

const DEMO_CLOCK = Symbol('DEMO_CLOCK');

export class AdvanceDemoClockDto {
  @ApiProperty({ example: '2026-12-01T16:59:30Z', description: 'Move the clock to this instant (ignored when it is not ahead)' })
  @IsISO8601({ strict: true })
  to!: string;
}

/**
 * Only in a server started with `vinhdanh serve --demo-clock`: lets `vinhdanh demo --url` skip
 * the idle time between the steps of a season. Never mounted otherwise — a clock anyone could
 * move would make every deadline meaningless.
 */
@ApiTags('demo')
@Controller('demo')
class DemoClockController {
  constructor(@Inject(DEMO_CLOCK) private readonly clock: DemoClock) {}

  @Get('clock')
  @Public()
  @ApiOperation({ summary: 'The demo clock (present only on a demo server)' })
  read() {
    return { now: this.clock.iso(), demo: true };
  }

  @Post('clock')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the demo clock forward' })
  advance(@Body() body: AdvanceDemoClockDto) {
    return { now: this.clock.advanceTo(new Date(body.to)).toISOString(), demo: true };
  }
}

@Module({})
export class DemoClockModule {
  static register(clock: DemoClock): DynamicModule {
    return { module: DemoClockModule, controllers: [DemoClockController], providers: [{ provide: DEMO_CLOCK, useValue: clock }] };
  }
}
