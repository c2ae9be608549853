/**
 * `npm run bench -- [CORPUS_DIR] [--only pipeline,http,startup,scale] [--duration S]
 *   [--postgres postgres://…/postgres] [--scale N]`
 *
 * Every comparison runs both sides in the same run (the machine is shared and noisy) and reports
 * medians, tails and ratios. Results are printed and written to bench-results/<date>.json.
 * A benchmark, not a test: it never fails on a figure.
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { benchHttp, benchStartup, writeArchive } from './bench/http.js';
import { describeMachine, machineFacts } from './bench/machine.js';
import { benchPipeline } from './bench/pipeline.js';
import { writeResults } from './bench/results.js';
import { benchScale } from './bench/scale.js';
import { pinSelf, removeSqliteFiles } from './bench/servers.js';
import { judgeTargets, printTargets, type RunResults } from './bench/targets.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    only: { type: 'string' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    postgres: { type: 'string' },
    scale: { type: 'string', default: '1000000' },
  },
});
const corpusDir = positionals[0] ?? '../shared/corpus';
const sections = new Set((values.only ?? 'pipeline,http,startup,scale').split(','));
const duration = Number(values.duration);
const connections = Number(values.connections);
/** Start-up is measured on a new site and on one with this many articles. */
const ARCHIVE_ARTICLES = 10_000;

async function freshPostgresDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`drop database if exists ${name}`);
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function main() {
  const facts = machineFacts();
  const machine = describeMachine(facts);
  console.log(`Vigie benchmark, ${new Date().toISOString()}\nMachine: ${machine}\nCorpus: ${corpusDir}`);
  const results: Record<string, unknown> = { date: new Date().toISOString(), machine, machineFacts: facts, corpusDir };

  if (sections.has('http') || sections.has('startup') || sections.has('scale')) {
    console.log('\nBuilding (npm run build) so that the servers run as npm start runs them…');
    execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
  }
  // The load generator and this process on core 1, the servers under test on core 0.
  pinSelf(1);

  if (sections.has('pipeline')) results.pipeline = await benchPipeline(corpusDir);
  if (sections.has('http')) {
    const http: Record<string, unknown> = {};
    const databasePath = `/tmp/vigie-bench-${Date.now()}.sqlite`;
    try {
      http.sqlite = await benchHttp({
        corpusDir,
        duration,
        connections,
        databaseUrl: databasePath,
        label: 'SQLite',
        instances: 1,
        withBaseline: true,
      });
    } finally {
      removeSqliteFiles(databasePath);
    }
    if (values.postgres) {
      for (const instances of [1, 2]) {
        const url = await freshPostgresDatabase(values.postgres, `vigie_bench_${instances}`);
        http[`postgres-${instances}`] = await benchHttp({
          corpusDir,
          duration,
          connections,
          databaseUrl: url,
          label: 'PostgreSQL',
          instances,
          withBaseline: false,
        });
      }
    }
    results.http = http;
  }
  if (sections.has('startup')) {
    const databasePath = `/tmp/vigie-startup-${Date.now()}.sqlite`;
    const archivePath = `/tmp/vigie-startup-archive-${Date.now()}.sqlite`;
    try {
      results.startup = await benchStartup(databasePath, 'new site (the demo article)');
      await writeArchive(archivePath, corpusDir, ARCHIVE_ARTICLES);
      results.startupWithArchive = await benchStartup(
        archivePath,
        `${ARCHIVE_ARTICLES.toLocaleString('en')} articles in the database`,
      );
    } finally {
      removeSqliteFiles(databasePath);
      removeSqliteFiles(archivePath);
    }
  }
  if (sections.has('scale')) results.scale = await benchScale(Number(values.scale));

  const targets = judgeTargets(results as RunResults);
  printTargets(targets);
  results.targets = targets;

  const file = writeResults('', results, 2);
  console.log(`\nResults written to ${file}`);
}

await main();
