/**
 * Drafting the lägesbild (issue 14) for a large district: 2,000 reports over two years, a closed
 * survey round of 5,000 answers and 100 forums with a year of meetings each, on SQLite. Target:
 * under 2 s and under 100 MB of extra memory.
 *
 *   npx tsx bench/lagesbild.ts [--reports 2000] [--answers 5000] [--forums 100]
 *
 * The store is filled in this process; the draft is measured in a fresh child process, so its
 * memory figure is the child's peak RSS (getrusage maxrss) above its RSS just before drafting,
 * with the store open and the modules loaded: what one `lägesbild` costs a running bot.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadDistrictConfig } from '../src/config/district';
import { ENVIRONMENTS, EVENT_TYPES, PLACE_TYPES } from '../src/domain/concern/concern-options';
import { newMeeting } from '../src/domain/forum/meeting';
import type { SurveyAnswer } from '../src/domain/survey/survey-answer';
import { draftLagesbild } from '../src/services/lagesbild-service';
import { SurveyAnswerPool } from '../src/store/repositories/survey-store';
import { reportPartitionKey } from '../src/store/repositories/concern-reports';
import { SqliteStore } from '../src/store/sqlite/sqlite-store';

const { values: args } = parseArgs({
  options: {
    reports: { type: 'string', default: '2000' },
    answers: { type: 'string', default: '5000' },
    forums: { type: 'string', default: '100' },
    measure: { type: 'string' },
  },
});
const district = loadDistrictConfig();
const NOW = new Date('2026-11-28T09:00:00+01:00');

async function fill(dataDir: string): Promise<void> {
  const store = new SqliteStore({ dataDir });
  const reports = Number(args.reports);
  for (let i = 0; i < reports; i += 1) {
    // Spread evenly over 2025-01-01 … 2026-11-27: both periods have reports.
    const at = new Date(Date.UTC(2025, 0, 1) + Math.floor((i / reports) * 696) * 86_400_000 + 36_000_000);
    const year = at.getUTCFullYear();
    await store.create('reports', reportPartitionKey(district.id, year), `VBE-${year}-${String(i).padStart(5, '0')}`, {
      reference: `VBE-${year}-${i}`,
      year,
      sequence: i,
      districtId: district.id,
      submittedAt: at.toISOString(),
      eventDate: at.toISOString().slice(0, 10),
      eventTypes: [EVENT_TYPES[i % EVENT_TYPES.length], ...(i % 3 === 0 ? ['graffiti'] : [])],
      environment: ENVIRONMENTS[i % 7 === 0 ? 1 : i % 5 === 0 ? 2 : 0],
      placeType: PLACE_TYPES[i % PLACE_TYPES.length],
      area: district.areas[i % district.areas.length]!.id,
      unit: district.units[i % district.units.length]!.id,
      description: 'Klotter med en vit makt-symbol på en vägg vid skolan.',
      policeInformed: 'no',
      socialServicesReport: 'not_applicable',
      reportedInIA: 'yes',
      contactMe: false,
      channelPost: { state: 'delivered', attempts: 1 },
    });
  }
  const roundId = 'enkat-2026-bench';
  const answers = Number(args.answers);
  const unitIds = district.units.map((unit) => unit.id);
  await store.create('surveyRounds', 'rounds', roundId, {
    id: roundId,
    year: 2026,
    opensOn: '2026-11-02',
    closesOn: '2026-11-20',
    targetUnitIds: unitIds,
    reminderDaysBeforeClose: [7, 2],
    state: 'closed',
    completion: { units: [], total: { invited: Math.round(answers * 1.25), pending: 0, delivered: Math.round(answers * 1.25), unreachable: 0, failed: 0, answered: answers, rate: 0.8 } },
  });
  for (let i = 0; i < answers; i += 1) {
    const answer: SurveyAnswer = {
      q_unit: unitIds[i % unitIds.length]!,
      q_observed: i % 4 === 0 ? 'yes' : 'no',
      ...(i % 4 === 0 ? { q_types: ['graffiti' as const], q_frequency: '1-2' as const, q_environment: ['white_power' as const] } : {}),
      q_met_sympathiser: 'no',
      q_threatened: 'no',
      q_reported_police: 'not_applicable',
      q_problem: ((i % 5) + 1) as SurveyAnswer['q_problem'],
      q_knows_routine: i % 3 === 0 ? 'no' : 'yes',
      q_knows_coordinator: 'yes',
      q_training_done: i % 2 === 0 ? 'yes' : 'no',
      q_training_need: ['symbols'],
      ...(i % 10 === 0 ? { q_comment: 'Mer om digitala miljöer, tack.' } : {}),
    };
    await store.create('surveyAnswers', roundId, randomUUID(), { roundId, answer });
  }
  for (let f = 0; f < Number(args.forums); f += 1) {
    const forumId = `forum-${f}`;
    await store.create('forums', 'forums', forumId, {
      id: forumId,
      name: `Forum ${f}`,
      chair: { aadObjectId: randomUUID(), name: 'Ordförande' },
      cadence: { kind: 'monthly', nth: 2, weekday: 2 },
      time: '10:00',
      leadWorkingDays: 5,
      nextMeetingOn: '2026-12-08',
      registeredOn: '2025-01-01',
    });
    for (let month = 0; month < 23; month += 1) {
      const date = new Date(Date.UTC(2025, month, 10)).toISOString().slice(0, 10);
      const meeting = newMeeting(forumId, date, '10:00');
      if ((f + month) % 3 !== 0) meeting.agenda.state = 'confirmed';
      if ((f + month) % 2 === 0) meeting.followup.discussed = 'yes';
      await store.create('forumMeetings', forumId, date, meeting);
    }
  }
  await store.close();
}

/** In the child: open the store, load everything once, then draft and measure. */
async function measure(dataDir: string): Promise<void> {
  const store = new SqliteStore({ dataDir });
  const deps = { store, district, pool: new SurveyAnswerPool(store, randomBytes(32)), clock: () => NOW };
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const draft = await draftLagesbild(deps, { year: 2026, language: 'sv' });
  const firstMs = performance.now() - started;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const again = performance.now();
  await draftLagesbild(deps, { year: 2026, language: 'sv' });
  const secondMs = performance.now() - again;
  await store.close();
  process.stdout.write(
    JSON.stringify({ firstMs: Math.round(firstMs), secondMs: Math.round(secondMs), extraMb: Math.round((peakRss - rssBefore) / 1e5) / 10, docxBytes: draft.docx.length, reports: draft.figures.reports.total, period: draft.figures.period }),
  );
}

async function main(): Promise<void> {
  if (args.measure) return measure(args.measure);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vbe-bench-lagesbild-'));
  try {
    const filling = performance.now();
    await fill(dataDir);
    process.stderr.write(`filled the store in ${Math.round(performance.now() - filling)} ms\n`);
    const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', __filename, '--measure', dataDir, '--reports', String(args.reports)], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`measuring failed: ${child.stderr}`);
    const result = JSON.parse(child.stdout) as { firstMs: number; secondMs: number; extraMb: number; docxBytes: number };
    const ok = result.firstMs < 2000 && result.extraMb < 100;
    process.stdout.write(
      `| reports | answers | forums | first draft | second draft | extra memory (peak RSS) | .docx |\n|---|---|---|---|---|---|---|\n| ${args.reports} | ${args.answers} | ${args.forums} | ${result.firstMs} ms | ${result.secondMs} ms | ${result.extraMb} MB | ${Math.round(result.docxBytes / 1024)} KB |\n\ntarget < 2000 ms and < 100 MB: ${ok ? 'met' : 'NOT met'}\n`,
    );
    process.exitCode = ok ? 0 : 2;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
