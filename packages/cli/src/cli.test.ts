import { recordingIo, tempFolder } from './__testUtils__/tmp';
import { runCli } from './cli';

/* Argument handling in-process (fast); bin.test.ts runs the real executable. */
describe('runCli', () => {
  const folder = tempFolder({ 'a.md': '# Notes\n' });
  afterAll(() => folder.cleanup());

  async function run(...argv: string[]) {
    const { io, stdout, stderr } = recordingIo(folder.dir);
    const code = await runCli(argv, io);
    return { code, stdout: stdout(), stderr: stderr() };
  }

  it.each([
    [['bogus'], "error: unknown command 'bogus'"],
    [['parse'], "error: missing required argument 'files'"],
    [['lint'], "error: missing required argument 'paths'"],
    [
      ['lint', '--format', 'xml', 'a.md'],
      "argument 'xml' is invalid. Allowed choices are text, json.",
    ],
    [
      ['lint', '--max-warnings', 'many', 'a.md'],
      "option '--max-warnings <n>' argument 'many' is invalid",
    ],
    [['parse', '--bogus', 'a.md'], "error: unknown option '--bogus'"],
    [
      ['new', '--title', 'x'],
      "error: required option '--format <format>' not specified",
    ],
    [
      ['new', '--format', 'adr', '--title', 'x'],
      "argument 'adr' is invalid. Allowed choices are feature, change, smaqit.",
    ],
    [
      ['new', '--format', 'change'],
      "error: required option '--title <title>' not specified",
    ],
    [
      ['new', '--format', 'change', '--title', 'x', '--set', 'colour=red'],
      "error: unknown --set key 'colour'; valid keys: status, author",
    ],
  ])('exits 2 with a one-line error for %j', async (argv, message) => {
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split('\n')[0]).toMatch(/^error: /);
    expect(result.stdout).toBe('');
  });

  it('prints help and the version with exit code 0', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: infra-specs [options] [command]');
    for (const command of ['parse', 'lint', 'new']) {
      const sub = await run(command, '--help');
      expect(sub.code).toBe(0);
      expect(sub.stdout).toContain(`Usage: infra-specs ${command}`);
      expect(sub.stdout).toContain('Exit codes:');
    }
    const version = await run('--version');
    expect(version).toEqual({
      code: 0,
      stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/),
      stderr: '',
    });
  });

  it('shows usage with exit code 2 when no command is given', async () => {
    const result = await run();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: infra-specs');
  });
});
