/**
 * Companion to bench/concern-flow.ts: how the cost of one concern submit, and of the outbox's
 * due-posts query, grows with the number of reports already stored in the year's partition.
 * In-process, no HTTP: the real ConcernService + ConcernReports + RateLimits on a SqliteStore in a
 * temp dir. Each level reports the mean of `--sample` sequential submits (one user each).
 *
 *   npx tsx bench/store-growth.ts [--levels 0,500,1000,2000,4000] [--sample 100]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadDistrictConfig } from '../src/config/district';
import { concernFormSchema } from '../src/domain/concern/concern-form';
import { stockholmDate } from '../src/domain/stockholm-time';
import { ConcernService } from '../src/services/concern-service';
import { createPseudonymizer } from '../src/services/pseudonym';
import { ConcernReports } from '../src/store/repositories/concern-reports';
import { AuditLog } from '../src/store/repositories/audit-log';
import { RateLimits } from '../src/store/repositories/rate-limits';
import { SqliteStore } from '../src/store/sqlite/sqlite-store';
import { validConcernData } from '../test/support/activities';

const { values: args } = parseArgs({
  options: { levels: { type: 'string', default: '0,500,1000,2000,4000' }, sample: { type: 'string', default: '100' } },
});
const levels = (args.levels ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n >= 0 && n <= 50_000).sort((a, b) => a - b);
const sample = Math.max(1, Math.min(1000, Number(args.sample) || 100));

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vbe-bench-store-'));
  const store = new SqliteStore({ dataDir });
  try {
    const reports = new ConcernReports(store);
    const concerns = new ConcernService({
      district: loadDistrictConfig(),
      reports,
      rateLimits: new RateLimits(store),
      audit: new AuditLog(store),
      pseudonymize: createPseudonymizer('bench-secret-bench-secret-bench-secret'),
      clock: () => new Date(),
      onReportStored: () => undefined,
    });
    const values = concernFormSchema.parse(validConcernData({ eventDate: stockholmDate(new Date(Date.now() - 86_400_000)) }));
    let users = 0;
    const submit = async () => {
      users += 1;
      const result = await concerns.submit(values, { aadObjectId: `b3c45555-0000-4000-8000-${users.toString(16).padStart(12, '0')}`, name: `Bench ${users}` });
      if (result.kind !== 'accepted') throw new Error(`submit not accepted: ${result.kind}`);
    };
    const rows: string[] = ['| reports stored | submit ms (mean) | duePosts(50) ms (mean of 20) |', '|---:|---:|---:|'];
    let stored = 0;
    for (const level of levels) {
      while (stored < level) {
        await submit();
        stored += 1;
      }
      const t0 = performance.now();
      for (let i = 0; i < sample; i += 1) await submit();
      const submitMs = (performance.now() - t0) / sample;
      stored += sample;
      const t1 = performance.now();
      for (let i = 0; i < 20; i += 1) await reports.duePosts(new Date(), 50);
      const dueMs = (performance.now() - t1) / 20;
      rows.push(`| ${level} | ${submitMs.toFixed(2)} | ${dueMs.toFixed(2)} |`);
      process.stderr.write(`[store-growth] ${level} stored: submit ${submitMs.toFixed(2)} ms, duePosts ${dueMs.toFixed(2)} ms\n`);
    }
    process.stdout.write(`Node ${process.version}, ${os.availableParallelism()} × ${os.cpus()[0]?.model ?? '?'}, ${sample} submits per level (all reports pending a channel post)\n\n${rows.join('\n')}\n`);
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`store-growth failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
