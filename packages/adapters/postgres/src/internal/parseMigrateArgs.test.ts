import { describe, expect, it } from 'vitest';
import { parseMigrateArgs, USAGE } from './parseMigrateArgs.js';

describe('parseMigrateArgs', () => {
  it('takes the URL from the argument, else from DATABASE_URL', () => {
    expect(parseMigrateArgs(['postgres://u@h/a'], { DATABASE_URL: 'postgres://u@h/b' })).toEqual({
      url: 'postgres://u@h/a',
    });
    expect(parseMigrateArgs([], { DATABASE_URL: 'postgresql://u@h/b' })).toEqual({
      url: 'postgresql://u@h/b',
    });
  });

  it('-h and --help answer the usage on stdout with status 0, whatever else is there', () => {
    for (const args of [['-h'], ['--help'], ['postgres://u@h/a', '--help'], ['--nope', '-h']]) {
      expect(parseMigrateArgs(args, {})).toEqual({ exit: 0, out: USAGE });
    }
  });

  it('refuses unknown options, extra arguments, other schemes and no URL with status 2', () => {
    for (const [args, env, message] of [
      [['--version'], {}, 'unknown option --version'],
      [['postgres://u@h/x', '--dry-run'], {}, 'unknown option --dry-run'],
      [['postgres://u@h/x', 'postgres://u@h/y'], {}, 'expected one database URL, got 2'],
      [['mysql://u:hunter2@h/x'], {}, 'must start with postgres:// or postgresql://'],
      [[], { DATABASE_URL: 'http://u:hunter2@h/x' }, 'must start with postgres://'],
      [[], {}, 'no database URL'],
      [[], { DATABASE_URL: '' }, 'no database URL'],
    ] as const) {
      const answer = parseMigrateArgs(args, env);
      expect(answer).toMatchObject({ exit: 2, err: expect.stringContaining(message) });
      const { err } = answer as { err: string };
      expect(err.endsWith(USAGE)).toBe(true);
      expect(err).not.toContain('hunter2');
    }
  });
});
