import { resolve } from 'node:path';
import { z } from 'zod';
import { CLOSE_REMINDER_DAYS_BEFORE, DEFAULT_ACK_WORKING_DAYS, DEFAULT_CLOSE_TARGET_DAYS, type CaseDeadlineSettings } from '../domain/concern/case-deadlines';
import { DEFAULT_RETENTION_MONTHS, MIN_RETENTION_MONTHS } from '../domain/retention';
import { ConfigError, issuesToLines } from './config-error';

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const guid = z
  .string()
  .trim()
  .regex(GUID_PATTERN, 'must be a GUID (AAD object or tenant id)');
// Azure's format: `InstrumentationKey=<guid>;IngestionEndpoint=https://…;…` (key=value pairs).
function isAppInsightsConnectionString(value: string): boolean {
  const fields = new Map<string, string>();
  for (const pair of value.split(';').filter((part) => part.trim() !== '')) {
    const at = pair.indexOf('=');
    if (at <= 0) return false;
    fields.set(pair.slice(0, at).trim().toLowerCase(), pair.slice(at + 1).trim());
  }
  const endpoint = fields.get('ingestionendpoint');
  return GUID_PATTERN.test(fields.get('instrumentationkey') ?? '') && (endpoint === undefined || URL.canParse(endpoint));
}
const appInsightsConnectionString = z
  .string()
  .trim()
  .refine(isAppInsightsConnectionString, 'must be an Application Insights connection string: InstrumentationKey=<GUID>;IngestionEndpoint=https://…');
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const openIdMetadataUrl = z
  .string()
  .trim()
  .url('must be a URL')
  .refine((value) => {
    if (!URL.canParse(value)) return true; // reported by .url()
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  }, 'must use https (plain http only for a test server on this machine)');
/** Where people's browsers reach the bot (download links): https, or plain http on this machine. */
const publicBaseUrl = z
  .string()
  .trim()
  .url('must be a URL, e.g. https://app-vbe-stod.azurewebsites.net')
  .refine((value) => {
    if (!URL.canParse(value)) return true; // reported by .url()
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  }, 'must use https (plain http only for this machine: localhost, 127.0.0.1)')
  .transform((value) => value.replace(/\/+$/, ''));
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

/**
 * Every environment variable the app reads, in one schema (env.sample mirrors it). The process
 * reads `process.env` only in main.ts and cli.ts and hands the result of `loadEnv` to the rest.
 */
const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    // 0 asks the system for a free port (tests).
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    // Unset: loopback in development (authentication is off there), every interface in production.
    HOST: optional(z.string().min(1)),
    // The bot's own address as people's browsers reach it, for download links (the lägesbild).
    // Unset: http://localhost:<the port it listens on> (development).
    PUBLIC_BASE_URL: optional(publicBaseUrl),
    DATA_DIR: z.string().min(1).default('./data'),
    STORE: z.enum(['sqlite', 'cosmos']).default('sqlite'),
    COSMOS_ENDPOINT: optional(z.string().url('must be the account URL, e.g. https://<account>.documents.azure.com:443/')),
    // Unset: managed identity (DefaultAzureCredential); the key then never sits in app settings.
    COSMOS_KEY: optional(z.string()),
    COSMOS_DATABASE: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$/, 'letters, digits, - and _').default('vbe-stod'),
    SQLITE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
    DISTRICT_CONFIG: optional(z.string()),
    COORDINATOR_IDS: z
      .string()
      .default('')
      .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
      .pipe(z.array(guid)),
    MicrosoftAppId: optional(guid),
    MicrosoftAppPassword: optional(z.string()),
    MicrosoftAppTenantId: optional(guid),
    MicrosoftAppType: optional(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])),
    // Tests and sovereign clouds only: where the channel's token signing keys are published.
    BOT_OPENID_METADATA_URL: optional(openIdMetadataUrl),
    ALLOWED_TENANT_ID: optional(guid),
    DATA_KEY: optional(
      z
        .string()
        .min(32, 'must be at least 32 characters (a random secret)')
        // App Service passes a Key Vault reference it could not resolve on as its literal text.
        .refine((key) => !key.startsWith('@Microsoft.KeyVault('), 'is an unresolved Key Vault reference: give the app\'s identity access to the secret'),
    ),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // Unset: OpenTelemetry is never loaded (no memory or start-up cost).
    APPLICATIONINSIGHTS_CONNECTION_STRING: optional(appInsightsConnectionString),
    OUTBOX_RETRY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    // A claim must outlast any single send; a process killed mid-send holds its messages this long.
    OUTBOX_CLAIM_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    // Teams allows an app 50 requests/s; the default keeps a margin for the bot's replies.
    OUTBOX_SENDS_PER_SECOND: z.coerce.number().int().min(1).max(50).default(40),
    // Teams and Cosmos answer well within a second; a peer that accepts and never answers costs this.
    OUTBOUND_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(15),
    // App Service and Kubernetes kill a process some seconds after SIGTERM; unsent work stays stored.
    SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
    RETENTION_MONTHS: z.coerce
      .number()
      .int()
      .min(MIN_RETENTION_MONTHS, `must be at least ${MIN_RETENTION_MONTHS} (the digest compares with the same month last year)`)
      .max(120)
      .default(DEFAULT_RETENTION_MONTHS),
    // Swedish working days after the day a report came in, by the end of which a coordinator acknowledges it.
    ACK_WORKING_DAYS: z.coerce.number().int().min(1).max(20).default(DEFAULT_ACK_WORKING_DAYS),
    // Calendar days after the report came in by which its case should be closed; reminded 14 days before.
    CLOSE_TARGET_DAYS: z.coerce
      .number()
      .int()
      .min(CLOSE_REMINDER_DAYS_BEFORE + 1, `must be more than ${CLOSE_REMINDER_DAYS_BEFORE} (the reminder comes ${CLOSE_REMINDER_DAYS_BEFORE} days before it)`)
      .max(730)
      .default(DEFAULT_CLOSE_TARGET_DAYS),
  });

export type Env = z.infer<typeof envSchema>;

/** The names of every variable the app reads (env.sample documents exactly these). */
export const ENV_VARIABLES = Object.keys(envSchema.shape);

/**
 * Rules between variables, checked on the raw strings so they are reported together with the
 * per-variable problems rather than only after those are fixed.
 */
function crossVariableProblems(source: NodeJS.ProcessEnv): string[] {
  const value = (name: string) => source[name]?.trim() || undefined;
  const problems: string[] = [];
  const appId = value('MicrosoftAppId');
  if (appId) {
    const type = value('MicrosoftAppType') ?? 'MultiTenant';
    if (type !== 'UserAssignedMSI' && !value('MicrosoftAppPassword'))
      problems.push(`MicrosoftAppPassword: is required when MicrosoftAppId is set and MicrosoftAppType is ${type}`);
    if (type !== 'MultiTenant' && !value('MicrosoftAppTenantId'))
      problems.push(`MicrosoftAppTenantId: is required when MicrosoftAppType is ${type}`);
  } else {
    for (const name of ['MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType', 'BOT_OPENID_METADATA_URL'])
      if (value(name)) problems.push(`${name}: is set but MicrosoftAppId is not; set both or neither`);
  }
  if (value('STORE') === 'cosmos' && !value('COSMOS_ENDPOINT')) problems.push('COSMOS_ENDPOINT: is required when STORE=cosmos');
  if (value('NODE_ENV') === 'production') {
    // A production bot without credentials would accept activities from anyone.
    if (!appId) problems.push('MicrosoftAppId: is required when NODE_ENV=production');
    if (!value('DATA_KEY')) problems.push('DATA_KEY: is required when NODE_ENV=production');
    if (!value('COORDINATOR_IDS')) problems.push('COORDINATOR_IDS: must name at least one coordinator when NODE_ENV=production');
  }
  return problems;
}

export interface BotCredentials {
  appId: string;
  appPassword?: string;
  tenantId?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  /** Undefined = the public cloud's Bot Framework OpenID metadata. */
  openIdMetadataUrl?: string;
}

export interface AppConfig {
  nodeEnv: Env['NODE_ENV'];
  port: number;
  host: string;
  /** Without a trailing slash; undefined = http://localhost:<port> once listening. */
  publicBaseUrl?: string;
  dataDir: string;
  store: Env['STORE'];
  sqliteBusyTimeoutMs: number;
  cosmos?: { endpoint: string; key?: string; databaseId: string };
  districtConfigPath?: string;
  coordinatorIds: ReadonlySet<string>;
  /** Undefined = authentication off (local development and tests only; refused in production). */
  credentials?: BotCredentials;
  allowedTenantId?: string;
  dataKey?: string;
  logLevel: Env['LOG_LEVEL'];
  /** Set = export traces and metrics to Application Insights through OpenTelemetry. */
  appInsightsConnectionString?: string;
  outboxRetrySeconds: number;
  outboxClaimSeconds: number;
  /** Connector requests per second the 1:1 outbox may make for the whole app (Teams allows 50). */
  outboxSendsPerSecond: number;
  /** The deadline of every outbound call: Teams sends, roster reads, token fetches, Cosmos requests. */
  outboundTimeoutMs: number;
  /** How long a graceful stop waits for turns and sends in progress before it closes the store anyway. */
  shutdownTimeoutMs: number;
  retentionMonths: number;
  /** The acknowledgement deadline and close target of a report's case (the case-deadlines job). */
  caseDeadlines: CaseDeadlineSettings;
}

/** Validates the environment; throws one ConfigError naming every bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv): AppConfig {
  const parsed = envSchema.safeParse(source);
  const problems = [...(parsed.success ? [] : issuesToLines(parsed.error)), ...crossVariableProblems(source)];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const env = parsed.data;
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST ?? (env.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
    publicBaseUrl: env.PUBLIC_BASE_URL,
    dataDir: resolve(env.DATA_DIR),
    store: env.STORE,
    sqliteBusyTimeoutMs: env.SQLITE_BUSY_TIMEOUT_MS,
    cosmos: env.COSMOS_ENDPOINT ? { endpoint: env.COSMOS_ENDPOINT, key: env.COSMOS_KEY, databaseId: env.COSMOS_DATABASE } : undefined,
    districtConfigPath: env.DISTRICT_CONFIG,
    coordinatorIds: new Set(env.COORDINATOR_IDS.map((id) => id.toLowerCase())),
    credentials: env.MicrosoftAppId
      ? {
          appId: env.MicrosoftAppId,
          appPassword: env.MicrosoftAppPassword,
          tenantId: env.MicrosoftAppTenantId,
          appType: env.MicrosoftAppType ?? 'MultiTenant',
          openIdMetadataUrl: env.BOT_OPENID_METADATA_URL,
        }
      : undefined,
    allowedTenantId: env.ALLOWED_TENANT_ID?.toLowerCase(),
    dataKey: env.DATA_KEY,
    logLevel: env.LOG_LEVEL,
    appInsightsConnectionString: env.APPLICATIONINSIGHTS_CONNECTION_STRING,
    outboxRetrySeconds: env.OUTBOX_RETRY_SECONDS,
    outboxClaimSeconds: env.OUTBOX_CLAIM_SECONDS,
    outboxSendsPerSecond: env.OUTBOX_SENDS_PER_SECOND,
    outboundTimeoutMs: env.OUTBOUND_TIMEOUT_SECONDS * 1000,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    retentionMonths: env.RETENTION_MONTHS,
    caseDeadlines: { ackWorkingDays: env.ACK_WORKING_DAYS, closeTargetDays: env.CLOSE_TARGET_DAYS },
  };
}
