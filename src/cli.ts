import { hostname } from 'node:os';
import { createInterface } from 'node:readline';
import { ConfigError } from './config/config-error';
import { loadDistrictConfig } from './config/district';
import { loadEnv } from './config/env';
import { isIsoDate, stockholmDate } from './domain/stockholm-time';
import { resultsToCsv } from './domain/survey/results';
import { readSurveyResults } from './services/survey-service';
import { SurveyAnswerPool, SurveyResponses, SurveyRounds } from './store/repositories/survey-store';
import { JobRunner } from './jobs/job-runner';
import { isJobName, JOBS } from './jobs/jobs';
import { createLogger } from './log';
import { exportStore, importStore } from './store/dump';
import { openStore } from './store/open-store';
import { answerPoolKey, createPseudonymizer, pseudonymSecret } from './services/pseudonym';
import { AuditLog } from './store/repositories/audit-log';
import { Settings } from './store/repositories/settings';
import type { Language } from './domain/i18n';
import { addDays, isValidPeriod, lastDayOf, type Period } from './domain/lagesbild/period';
import { draftLagesbild } from './services/lagesbild-service';

const USAGE = `usage:
  npm run cli -- jobs run <${Object.keys(JOBS).join('|')}> [--now <ISO time>]
  npm run cli -- store export > dump.jsonl
  npm run cli -- store import < dump.jsonl
  npm run cli -- survey results <round id> > results.csv   (a closed round's aggregates, suppressed as on the card)
  npm run cli -- lagesbild <year> [--from YYYY-MM-DD --to YYYY-MM-DD] [--lang sv|en] > lagesbild-<year>.docx
      (the draft lägesbild as a Word document; --to is the last day included; default period: the 12 months
      up to the close of the year's survey round, or the calendar year)`;

class UsageError extends Error {}

function parseNow(args: string[]): Date {
  const index = args.indexOf('--now');
  if (index < 0) return new Date();
  const value = args[index + 1];
  const now = value ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now needs an ISO time, e.g. 2026-12-01T08:00:00+01:00 (got ${value ?? 'nothing'})`);
  return now;
}

function optionValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index < 0) return undefined;
  const value = args[index + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
  return value;
}

/** `lagesbild <year> [--from … --to …] [--lang …]`, checked before anything is read. */
function parseLagesbildArgs(args: string[]): { year: number; period?: Period; language: Language | undefined } {
  const yearText = args[1];
  if (!yearText || !/^\d{4}$/.test(yearText)) throw new UsageError(`lagesbild needs a year of four digits (got ${yearText ?? 'nothing'})\n${USAGE}`);
  const from = optionValue(args, '--from');
  const to = optionValue(args, '--to');
  if ((from === undefined) !== (to === undefined)) throw new UsageError('give both --from and --to, or neither');
  let period: Period | undefined;
  if (from !== undefined && to !== undefined) {
    if (!isIsoDate(from) || !isIsoDate(to)) throw new UsageError(`--from and --to need dates YYYY-MM-DD (got ${from} and ${to})`);
    period = { from, to: addDays(to, 1) };
    if (!isValidPeriod(period)) throw new UsageError(`--to (${to}) must not be before --from (${from})`);
  }
  const lang = optionValue(args, '--lang');
  if (lang !== undefined && lang !== 'sv' && lang !== 'en') throw new UsageError(`--lang is sv or en (got ${lang})`);
  return { year: Number(yearText), ...(period ? { period } : {}), language: lang };
}

function writeOut(data: Buffer | string): Promise<void> {
  return new Promise<void>((resolve, reject) => process.stdout.write(data, (error) => (error ? reject(error) : resolve())));
}

/** Operator commands: run a job once as if at a given time, move all data out of or into a store. */
async function main(args: string[]): Promise<number> {
  const config = loadEnv(process.env);
  // Results go to stdout (a dump must stay clean); logs go to stderr.
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr as never);
  const [group, command, name] = args;
  const lagesbild = group === 'lagesbild' ? parseLagesbildArgs(args) : undefined;
  // A Word document is binary: written to a terminal it is garbage, and the screen too.
  if (lagesbild && process.stdout.isTTY) throw new UsageError(`refusing to write a Word document to the terminal: redirect it, e.g. npm run cli -- lagesbild ${lagesbild.year} > lagesbild-${lagesbild.year}.docx`);
  const store = await openStore(config);
  try {
    const audit = new AuditLog(store);
    if (group === 'jobs' && command === 'run') {
      if (!name || !isJobName(name)) throw new UsageError(`unknown job "${name ?? ''}"; jobs: ${Object.keys(JOBS).join(', ')}`);
      const now = parseNow(args);
      // The scheduler's own code path: once per period, under the job's lease.
      const pseudonymize = createPseudonymizer(await pseudonymSecret(config.dataKey, new Settings(store)));
      const outcome = await new JobRunner({ config, store, log, pseudonymize, district: loadDistrictConfig(config.districtConfigPath), wallClock: () => new Date() }, `cli:${hostname()}:${process.pid}`).runIfDue(name, now);
      const { result, ...status } = 'result' in outcome ? outcome : { ...outcome, result: {} };
      process.stdout.write(`${JSON.stringify({ job: name, now: now.toISOString(), ...status, ...result })}\n`);
      return 0;
    }
    if (group === 'survey' && command === 'results') {
      if (!name) throw new UsageError(USAGE);
      const district = loadDistrictConfig(config.districtConfigPath);
      const pool = new SurveyAnswerPool(store, answerPoolKey(await pseudonymSecret(config.dataKey, new Settings(store))));
      const outcome = await readSurveyResults({ rounds: new SurveyRounds(store), responses: new SurveyResponses(store), pool, district }, name, stockholmDate(new Date()));
      if (!outcome.ok) throw new UsageError(outcome.problem === 'not_found' ? `no survey round "${name}"` : `round "${name}" has not closed: results exist only after close`);
      process.stdout.write(resultsToCsv(outcome.results));
      await audit.record({ at: new Date().toISOString(), actor: { kind: 'operator' }, action: 'survey.results_exported', subject: name });
      return 0;
    }
    if (lagesbild) {
      const district = loadDistrictConfig(config.districtConfigPath);
      const now = parseNow(args);
      const pool = new SurveyAnswerPool(store, answerPoolKey(await pseudonymSecret(config.dataKey, new Settings(store))));
      const draft = await draftLagesbild(
        { store, district, pool, clock: () => now },
        { year: lagesbild.year, ...(lagesbild.period ? { period: lagesbild.period } : {}), language: lagesbild.language ?? district.language },
      );
      await writeOut(draft.docx);
      const { period } = draft.figures;
      await audit.record({ at: new Date().toISOString(), actor: { kind: 'operator' }, action: 'lagesbild.issued', subject: `${draft.filename} ${period.from}..${period.to}` });
      process.stderr.write(`wrote ${draft.filename} (${draft.docx.length} bytes): ${period.from} – ${lastDayOf(period)}\n`);
      return 0;
    }
    if (group === 'store' && command === 'export') {
      const count = await exportStore(store, (line) => new Promise<void>((resolve) => (process.stdout.write(line) ? resolve() : process.stdout.once('drain', resolve))));
      await audit.record({ at: new Date().toISOString(), actor: { kind: 'operator' }, action: 'store.exported', count });
      process.stderr.write(`exported ${count} documents\n`);
      return 0;
    }
    if (group === 'store' && command === 'import') {
      const count = await importStore(store, createInterface({ input: process.stdin, crlfDelay: Infinity }));
      await audit.record({ at: new Date().toISOString(), actor: { kind: 'operator' }, action: 'store.imported', count });
      process.stderr.write(`imported ${count} documents\n`);
      return 0;
    }
    throw new UsageError(USAGE);
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(error instanceof ConfigError ? 78 : 2);
    }
    process.stderr.write(`failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
