import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Command, CommandBus, CommandHandler, CqrsModule, ICommandHandler } from '@nestjs/cqrs';

// Nest 12 is ESM and TypeScript 6 is new: this proves the toolchain still emits the
// decorator metadata that constructor injection depends on.
@Injectable()
class Clock {
  now(): number {
    return 42;
  }
}

@Injectable()
class NeedsClock {
  constructor(readonly clock: Clock) {}
}

class AddToNow extends Command<number> {
  constructor(readonly n: number) {
    super();
  }
}

@CommandHandler(AddToNow)
class AddToNowHandler implements ICommandHandler<AddToNow> {
  constructor(private readonly clock: Clock) {}
  async execute(command: AddToNow): Promise<number> {
    return command.n + this.clock.now();
  }
}

@Module({ imports: [CqrsModule.forRoot()], providers: [Clock, NeedsClock, AddToNowHandler] })
class DemoModule {}

describe('Nest dependency injection', () => {
  it('injects constructor parameters by their emitted types, through @nestjs/cqrs too', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [DemoModule] }).compile();
    await moduleRef.init();
    expect(moduleRef.get(NeedsClock).clock).toBeInstanceOf(Clock);
    await expect(moduleRef.get(CommandBus).execute(new AddToNow(1))).resolves.toBe(43);
    await moduleRef.close();
  });
});
