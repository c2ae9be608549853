import { describe, expect, it } from 'vitest';
import { cpuIdentity, describeMachine, freshMemoryMsPerMb } from '../../scripts/bench/machine.js';

const AMD = `processor\t: 0
vendor_id\t: AuthenticAMD
cpu family\t: 26
model\t\t: 2
model name\t: AMD EPYC
stepping\t: 1

processor\t: 1
vendor_id\t: AuthenticAMD
cpu family\t: 26
model\t\t: 2
model name\t: AMD EPYC
`;

describe('cpuIdentity', () => {
  it.each([
    ['an AMD guest', AMD, { family: 26, model: 2 }],
    [
      'an Intel guest',
      'cpu family\t: 6\nmodel\t\t: 207\nmodel name\t: Intel(R) Xeon(R) Processor\n',
      { family: 6, model: 207 },
    ],
    // "model name" must not be read as "model".
    [
      'a model name before the model',
      'model name\t: X 9\ncpu family\t: 25\nmodel\t\t: 17\n',
      { family: 25, model: 17 },
    ],
    ['an ARM machine (no family)', 'processor\t: 0\nBogoMIPS\t: 50.00\nCPU part\t: 0xd0c\n', null],
    ['an empty text', '', null],
  ])('%s', (_name, text, expected) => {
    expect(cpuIdentity(text)).toEqual(expected);
  });
});

describe('freshMemoryMsPerMb', () => {
  it('times the touch of new pages: a positive, finite figure', () => {
    const msPerMb = freshMemoryMsPerMb(4);
    expect(Number.isFinite(msPerMb)).toBe(true);
    expect(msPerMb).toBeGreaterThan(0);
  });
});

describe('describeMachine', () => {
  const facts = {
    cpus: 2,
    cpuModel: 'AMD EPYC',
    cpuFamily: 26,
    cpuModelNumber: 2,
    memoryGiB: 24,
    node: 'v20.20.2',
    os: 'Linux 6.18.44',
    freshMemoryMsPerMb: 2.8349,
  };

  it('names the family and model lscpu prints, and the cost of new memory', () => {
    expect(describeMachine(facts)).toBe(
      '2 × AMD EPYC (family 26, model 2), 24 GiB, Node v20.20.2, Linux 6.18.44; memory touched for the first time 2.83 ms a MB',
    );
  });

  it('leaves the identity out where /proc/cpuinfo has none', () => {
    expect(describeMachine({ ...facts, cpuFamily: null, cpuModelNumber: null })).toMatch(/^2 × AMD EPYC, 24 GiB/);
  });
});
