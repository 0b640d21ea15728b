import type { Command } from 'commander';
import { ConfigError } from '@vinhdanh/config';
import { isRole, ROLES, type Role } from '@vinhdanh/domain';
import { fail } from '../cli-command';
import { mintToken } from '../serve/apps';
import { dataDirEnv } from '../serve/data-dir';

interface TokenOptions {
  role: string[];
  sub: string;
  unit?: string;
  hours: string;
  data?: string;
}

export function register(program: Command): void {
  program
    .command('token')
    .description('mint a token the API accepts, signed with the same secret it uses (JWT_SECRET, or the embedded one under ./data)')
    .requiredOption('--role <role...>', `one or more of: ${ROLES.join(', ')}`)
    .requiredOption('--sub <id>', 'who the token speaks for (a council member\'s memberId, an officer\'s user id, ...)')
    .option('--unit <unit>', 'the unit the holder belongs to (unit officers act only for their own unit)')
    .option('--hours <n>', 'valid for this many hours', '8')
    .option('--data <dir>', 'the data directory the server was started with (its embedded secret)')
    .action(async (options: TokenOptions) => {
      const unknown = options.role.filter((role) => !isRole(role));
      if (unknown.length) fail(`unknown role ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`, 2);
      const hours = Number(options.hours);
      if (!(hours > 0 && hours <= 24 * 366)) fail('--hours takes a positive number (at most a year)', 2);
      const env = options.data ? dataDirEnv(options.data) : process.env;
      try {
        const token = await mintToken(
          { role: options.role as Role[], sub: options.sub, unit: options.unit, expiresInSeconds: Math.round(hours * 3600) },
          { env },
        );
        process.stdout.write(`${token}\n`);
      } catch (error) {
        if (error instanceof ConfigError || error instanceof RangeError) fail(error.message);
        throw error;
      }
    });
}
