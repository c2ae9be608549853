import { execFileSync } from 'node:child_process';

/**
 * Whether a program the scripts need can be run here (`<command> --version` exits 0): valgrind
 * for `bench:instructions`, perf for `bench:lines`, Debian packages both.
 */
export function canRun(command: string): boolean {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
