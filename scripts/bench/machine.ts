import { readFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';

/**
 * What the benchmark's figures depend on besides the CPU's marketing name, printed with every run.
 * The same "AMD EPYC" has been two machines here (lscpu family 25 model 17, family 26 model 2),
 * and on the second a page of memory touched for the first time cost ~11 µs (2026-12-01: a
 * Firecracker guest, most likely each page fault a trip to the host; the same 200 MB mapped with
 * MAP_POPULATE took 28–35 ms instead of 550). A start-up writes ~120 MB of new pages, so that
 * cost alone moved it by ~300 ms between the two machines: a start-up figure means little without it.
 */
export interface MachineFacts {
  cpus: number;
  cpuModel: string;
  /** From /proc/cpuinfo (Linux, x86): the "cpu family" and "model" lscpu prints. */
  cpuFamily: number | null;
  cpuModelNumber: number | null;
  memoryGiB: number;
  node: string;
  os: string;
  /** Milliseconds to touch one megabyte of memory never touched before (median of three 64-MB buffers). */
  freshMemoryMsPerMb: number;
}

/** The first processor's "cpu family" and "model" numbers in a /proc/cpuinfo text, or null where it has none. */
export function cpuIdentity(cpuinfo: string): { family: number; model: number } | null {
  const field = (name: string) => {
    const match = new RegExp(`^${name}\\s*:\\s*(\\d+)\\s*$`, 'm').exec(cpuinfo);
    return match ? Number(match[1]) : null;
  };
  const family = field('cpu family');
  const model = field('model');
  return family === null || model === null ? null : { family, model };
}

const PAGE = 4096;
const PROBE_MB = 64;

/**
 * Touches one byte of each page of a buffer the allocator has just mapped (allocUnsafeSlow of
 * this size is a fresh mmap: nothing written yet), so the time is the kernel's page faults.
 */
export function freshMemoryMsPerMb(megabytes = PROBE_MB): number {
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    const bytes = Buffer.allocUnsafeSlow(megabytes * 2 ** 20);
    const started = performance.now();
    for (let i = 0; i < bytes.length; i += PAGE) bytes[i] = 1;
    times.push((performance.now() - started) / megabytes);
  }
  times.sort((a, b) => a - b);
  return times[1] as number;
}

export function machineFacts(): MachineFacts {
  let identity: ReturnType<typeof cpuIdentity> = null;
  try {
    identity = cpuIdentity(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    // not Linux: the name alone
  }
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'cpu',
    cpuFamily: identity?.family ?? null,
    cpuModelNumber: identity?.model ?? null,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${type()} ${release()}`,
    freshMemoryMsPerMb: freshMemoryMsPerMb(),
  };
}

export function describeMachine(facts: MachineFacts): string {
  const identity = facts.cpuFamily === null ? '' : ` (family ${facts.cpuFamily}, model ${facts.cpuModelNumber})`;
  return (
    `${facts.cpus} × ${facts.cpuModel}${identity}, ${facts.memoryGiB} GiB, Node ${facts.node}, ${facts.os}; ` +
    `memory touched for the first time ${facts.freshMemoryMsPerMb.toFixed(2)} ms a MB`
  );
}
