import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDistrictConfig } from '../../src/config/district';
import { loadEnv } from '../../src/config/env';
import { PROJECT_ROOT } from '../../src/paths';
import { problemsOf } from '../support/config-problems';

const GUID = '22222222-2222-4222-8222-222222222222';


describe('environment', () => {
  it('starts with no configuration at all (development defaults)', () => {
    const config = loadEnv({});
    expect(config).toMatchObject({ port: 3978, store: 'sqlite', nodeEnv: 'development', credentials: undefined });
    expect(config.dataDir).toBe(join(process.cwd(), 'data'));
  });

  it('listens on loopback unless HOST or production says otherwise', () => {
    expect(loadEnv({}).host).toBe('127.0.0.1');
    expect(loadEnv({ HOST: '' }).host).toBe('127.0.0.1');
    expect(loadEnv({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadEnv({ NODE_ENV: 'test' }).host).toBe('127.0.0.1');
    const production = { NODE_ENV: 'production', MicrosoftAppId: GUID, MicrosoftAppPassword: 'secret', DATA_KEY: 'k'.repeat(32), COORDINATOR_IDS: GUID };
    expect(loadEnv(production).host).toBe('0.0.0.0');
    expect(loadEnv({ ...production, HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
  });

  it('names every bad variable in one error', () => {
    const problems = problemsOf(() =>
      loadEnv({
        PORT: 'eighty',
        STORE: 'mongodb',
        COORDINATOR_IDS: `${GUID}, not-a-guid`,
        ALLOWED_TENANT_ID: 'contoso',
        LOG_LEVEL: 'loud',
        MicrosoftAppPassword: 'secret',
        OUTBOX_SENDS_PER_SECOND: '51',
      }),
    );
    const named = problems.map((line) => line.split(':')[0]);
    expect(named).toEqual(
      expect.arrayContaining(['PORT', 'STORE', 'COORDINATOR_IDS.1', 'ALLOWED_TENANT_ID', 'LOG_LEVEL', 'MicrosoftAppPassword', 'OUTBOX_SENDS_PER_SECOND']),
    );
    expect(loadEnv({ OUTBOX_SENDS_PER_SECOND: '48' }).outboxSendsPerSecond).toBe(48);
    expect(loadEnv({}).outboxSendsPerSecond).toBe(40);
  });

  it('takes the case deadlines, 2 working days and 90 days unless set, and names bad ones together', () => {
    expect(loadEnv({}).caseDeadlines).toEqual({ ackWorkingDays: 2, closeTargetDays: 90 });
    expect(loadEnv({ ACK_WORKING_DAYS: '3', CLOSE_TARGET_DAYS: '60' }).caseDeadlines).toEqual({ ackWorkingDays: 3, closeTargetDays: 60 });
    const problems = problemsOf(() => loadEnv({ ACK_WORKING_DAYS: '0', CLOSE_TARGET_DAYS: '14', PORT: 'x' }));
    expect(problems.map((line) => line.split(':')[0])).toEqual(expect.arrayContaining(['ACK_WORKING_DAYS', 'CLOSE_TARGET_DAYS', 'PORT']));
    expect(problems.join('\n')).toMatch(/CLOSE_TARGET_DAYS: must be more than 14/);
    expect(problemsOf(() => loadEnv({ ACK_WORKING_DAYS: 'two' })).join()).toMatch(/ACK_WORKING_DAYS/);
  });

  it('refuses production without credentials, data key and coordinators', () => {
    const problems = problemsOf(() => loadEnv({ NODE_ENV: 'production' }));
    expect(problems.join('\n')).toMatch(/MicrosoftAppId: is required when NODE_ENV=production/);
    expect(problems.join('\n')).toMatch(/DATA_KEY/);
    expect(problems.join('\n')).toMatch(/COORDINATOR_IDS/);
  });

  it('refuses a data key that is an unresolved Key Vault reference', () => {
    const reference = '@Microsoft.KeyVault(SecretUri=https://kv-vbe.vault.azure.net/secrets/data-key/)';
    expect(problemsOf(() => loadEnv({ DATA_KEY: reference })).join('\n')).toMatch(/DATA_KEY: is an unresolved Key Vault reference/);
    expect(problemsOf(() => loadEnv({ DATA_KEY: 'k'.repeat(40) }))).toEqual([]);
  });

  it('requires a password and tenant with the app id, by app type', () => {
    expect(problemsOf(() => loadEnv({ MicrosoftAppId: GUID })).join()).toMatch(/MicrosoftAppPassword/);
    expect(problemsOf(() => loadEnv({ MicrosoftAppId: GUID, MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: 'x' })).join()).toMatch(
      /MicrosoftAppTenantId/,
    );
    expect(loadEnv({ MicrosoftAppId: GUID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: GUID }).credentials).toMatchObject({
      appId: GUID,
      appType: 'UserAssignedMSI',
    });
  });
});

describe('operations and authentication variables', () => {
  const APP = { MicrosoftAppId: GUID, MicrosoftAppPassword: 'secret' };

  it('takes an OpenID metadata URL over https, or http only on this machine, and only with an app id', () => {
    expect(loadEnv({ ...APP, BOT_OPENID_METADATA_URL: 'https://login.example.us/v1/.well-known/openidconfiguration' }).credentials?.openIdMetadataUrl).toBe(
      'https://login.example.us/v1/.well-known/openidconfiguration',
    );
    expect(loadEnv({ ...APP, BOT_OPENID_METADATA_URL: 'http://127.0.0.1:4000/openid' }).credentials?.openIdMetadataUrl).toBe('http://127.0.0.1:4000/openid');
    expect(loadEnv(APP).credentials?.openIdMetadataUrl).toBeUndefined();
    expect(problemsOf(() => loadEnv({ ...APP, BOT_OPENID_METADATA_URL: 'http://keys.example.org/openid' })).join()).toMatch(/BOT_OPENID_METADATA_URL: must use https/);
    expect(problemsOf(() => loadEnv({ ...APP, BOT_OPENID_METADATA_URL: 'not a url' })).join()).toMatch(/BOT_OPENID_METADATA_URL: must be a URL/);
    expect(problemsOf(() => loadEnv({ BOT_OPENID_METADATA_URL: 'https://keys.example.org/openid' })).join()).toMatch(
      /BOT_OPENID_METADATA_URL: is set but MicrosoftAppId is not/,
    );
  });

  it('checks the Application Insights connection string format', () => {
    const valid = `InstrumentationKey=${GUID};IngestionEndpoint=https://swedencentral-0.in.applicationinsights.azure.com/;LiveEndpoint=https://swedencentral.livediagnostics.monitor.azure.com/`;
    expect(loadEnv({ APPLICATIONINSIGHTS_CONNECTION_STRING: valid }).appInsightsConnectionString).toBe(valid);
    expect(loadEnv({ APPLICATIONINSIGHTS_CONNECTION_STRING: '' }).appInsightsConnectionString).toBeUndefined();
    for (const invalid of ['abc', `IngestionEndpoint=https://x.example/`, 'InstrumentationKey=not-a-guid', `InstrumentationKey=${GUID};IngestionEndpoint=nowhere`, `InstrumentationKey=${GUID};=x`])
      expect(problemsOf(() => loadEnv({ APPLICATIONINSIGHTS_CONNECTION_STRING: invalid })).join(), invalid).toMatch(/APPLICATIONINSIGHTS_CONNECTION_STRING/);
  });
});

describe('district configuration', () => {
  it('ships a valid Hägersten-Älvsjö example used by default', () => {
    const district = loadDistrictConfig();
    expect(district.id).toBe('hagersten-alvsjo');
    expect(district.areas.map((area) => area.name)).toContain('Älvsjö');
    expect(district.units.length).toBeGreaterThanOrEqual(5);
    expect(district.coordinatorContact.sv).not.toBe('');
  });

  it('names every problem of a bad file', () => {
    const problems = problemsOf(() => loadDistrictConfig(join(PROJECT_ROOT, 'test/fixtures/config/evil-district.yaml')));
    const text = problems.join('\n');
    for (const expected of ['id', 'name', 'coordinatorContact.en', 'policeContact', 'areas', 'units.1.id', 'surprise']) {
      expect(text).toContain(expected);
    }
  });

  it('explains an unreadable or unparsable file', () => {
    expect(problemsOf(() => loadDistrictConfig('/nonexistent/district.yaml')).join()).toMatch(/cannot read/);
    expect(problemsOf(() => loadDistrictConfig(join(PROJECT_ROOT, 'package.json'))).join()).toMatch(/DISTRICT_CONFIG/);
  });
});

describe('start-up with invalid configuration', () => {
  it('exits non-zero with one message naming every bad variable', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/main.ts')], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, PORT: '99999', COORDINATOR_IDS: 'nobody', NODE_ENV: 'production' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull();
    expect(result.stderr).toMatch(/^Invalid configuration:/);
    for (const name of ['PORT', 'COORDINATOR_IDS', 'MicrosoftAppId', 'DATA_KEY']) expect(result.stderr).toContain(name);
    expect(result.stdout).toBe('');
  });

  it('exits non-zero naming the district file when it is invalid', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/main.ts')], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, PORT: '0', DISTRICT_CONFIG: join(PROJECT_ROOT, 'test/fixtures/config/evil-district.yaml') },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/DISTRICT_CONFIG/);
  });
});

describe('env.sample', () => {
  it('documents exactly the variables the app reads', async () => {
    const { readFileSync } = await import('node:fs');
    const { ENV_VARIABLES } = await import('../../src/config/env');
    const documented = readFileSync(join(PROJECT_ROOT, 'env.sample'), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(line))
      .map((line) => line.split('=')[0]);
    expect([...documented].sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it('is itself a valid configuration', async () => {
    const { readFileSync } = await import('node:fs');
    const entries = readFileSync(join(PROJECT_ROOT, 'env.sample'), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);
    expect(() => loadEnv(Object.fromEntries(entries))).not.toThrow();
  });
});
