import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ACTIVITY_CATEGORIES, MAX_RESPONSIBLE_USERS, ROLE_MAX_LENGTH, TITLE_MAX_LENGTH } from '../domain/activity/activity';
import { DEFAULT_FOLLOW_UP_SETTING } from '../domain/activity/follow-up';
import { isIsoDate } from '../domain/stockholm-time';
import { DEFAULT_DISTRICT_FILE } from '../paths';
import { ConfigError, issuesToLines } from './config-error';

const localizedText = z.object({ sv: z.string().min(1), en: z.string().min(1) }).strict();
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes');

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

/** A forum registered from the config at start (SPEC: "optional forums to seed"); edits in Teams are kept. */
const seedForum = z
  .object({
    id,
    name: z.string().min(1).max(100),
    chair: z.object({ aadObjectId: z.string().uuid(), name: z.string().min(1), userId: z.string().min(1).optional() }).strict(),
    cadence: z.enum(['weekly', 'biweekly', 'every4weeks', 'monthly', 'dates']),
    dates: z.array(isoDate).optional(),
    nextMeetingOn: isoDate,
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM'),
    leadWorkingDays: z.number().int().min(1).max(20).default(5),
  })
  .strict();

/** Someone in Teams who answers for an activity, named as a forum's chair is. */
const teamsUser = z.object({ aadObjectId: z.string().uuid(), name: z.string().min(1), userId: z.string().min(1).optional() }).strict();

/** An activity of the action plan, registered from the config at start; edits in Teams are kept. */
const seedActivity = z
  .object({
    id,
    title: z.string().min(1).max(TITLE_MAX_LENGTH),
    category: z.enum(ACTIVITY_CATEGORIES),
    responsible: z.object({ role: z.string().min(1).max(ROLE_MAX_LENGTH), users: z.array(teamsUser).max(MAX_RESPONSIBLE_USERS).default([]) }).strict(),
    schedule: z.union([
      z.literal('ongoing'),
      z
        .object({ from: isoDate, to: isoDate })
        .strict()
        .refine((range) => range.from <= range.to, { message: 'to must not be before from', path: ['to'] }),
    ]),
    followUp: z.literal('yearly').default('yearly'),
  })
  .strict();

/** When the yearly follow-up goes out: a day of the year, moved to the next working day, and a time in office hours. */
const activityFollowUp = z
  .object({
    date: z
      .string()
      .regex(/^\d{2}-\d{2}$/, 'a day of the year MM-DD')
      .refine((day) => isIsoDate(`2001-${day}`), 'a day every year has (not 02-29)')
      .default(DEFAULT_FOLLOW_UP_SETTING.date),
    time: z
      .string()
      .regex(/^(0[89]|1[0-5]):[0-5]\d$/, 'a time HH:MM from 08:00 to 15:59 (messages go out in office hours)')
      .default(DEFAULT_FOLLOW_UP_SETTING.time),
  })
  .strict();

/**
 * The provision behind the duty to report concern for a child (anmälningsskyldighet), as the routine
 * card cites it. Socialtjänstlagen (2025:400) applies from 1 July 2025 and replaced the 2001 act
 * (whose 14 kap. 1 § the card used to cite). The default names the act, not a section: the section
 * number of the new act could not be checked when this was written. A district adds it (e.g.
 * "X kap. Y § socialtjänstlagen (2025:400)") in its district file, without a release.
 */
export const DEFAULT_REPORTING_DUTY_REFERENCE = {
  sv: 'socialtjänstlagen (2025:400)',
  en: 'the Social Services Act (2025:400)',
};

export const districtSchema = z
  .object({
    id,
    name: z.string().min(1),
    language: z.enum(['sv', 'en']).default('sv'),
    coordinatorContact: localizedText,
    policeContact: localizedText,
    reportingDutyReference: localizedText.default(DEFAULT_REPORTING_DUTY_REFERENCE),
    areas: z.array(z.object({ id, name: z.string().min(1) }).strict()).min(1),
    units: z
      .array(z.object({ id, name: z.string().min(1), teamIds: z.array(z.string().min(1)).default([]) }).strict())
      .min(1),
    forums: z.array(seedForum).default([]),
    activities: z.array(seedActivity).default([]),
    activityFollowUp: activityFollowUp.default(DEFAULT_FOLLOW_UP_SETTING),
  })
  .strict();

/** Duplicate ids, checked on the raw file so they are reported together with every other problem. */
function duplicateIdProblems(raw: unknown, prefix: string): string[] {
  const problems: string[] = [];
  for (const list of ['areas', 'units', 'forums', 'activities'] as const) {
    const entries = (raw as Record<string, unknown> | null)?.[list];
    if (!Array.isArray(entries)) continue;
    const seen = new Set<unknown>();
    entries.forEach((entry: unknown, index) => {
      const id = (entry as { id?: unknown } | null)?.id;
      if (id !== undefined && seen.has(id)) problems.push(`${prefix}: ${list}.${index}.id: duplicate id "${String(id)}"`);
      seen.add(id);
    });
  }
  return problems;
}

export type DistrictConfig = z.infer<typeof districtSchema>;

/** Reads and checks a district file (JSON or YAML); every problem is named in one ConfigError. */
export function loadDistrictConfig(path: string = DEFAULT_DISTRICT_FILE): DistrictConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`DISTRICT_CONFIG: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  let raw: unknown;
  try {
    raw = extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError([`DISTRICT_CONFIG: ${path} is not valid ${extname(path) === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`]);
  }
  const prefix = `DISTRICT_CONFIG (${path})`;
  const parsed = districtSchema.safeParse(raw);
  const problems = [...(parsed.success ? [] : issuesToLines(parsed.error, prefix)), ...duplicateIdProblems(raw, prefix)];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return parsed.data;
}
