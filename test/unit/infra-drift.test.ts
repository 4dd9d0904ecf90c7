import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES, loadEnv } from '../../src/config/env';
import { COSMOS_CONTAINER_NAMES, PARTITION_KEY_PATH } from '../../src/store/cosmos/cosmos-containers';
import { PROJECT_ROOT } from '../../src/paths';
import { BicepFile, exprText, prop, type BicepValue, type Declaration } from '../support/bicep';
import { problemsOf } from '../support/config-problems';

/*
 * Keeps infra/*.bicep in step with the code: the web app's settings are exactly variables the app
 * reads, everything production requires is set, the Cosmos containers are the store's, data stays
 * in the EU and no key sits in app settings. No Bicep compiler runs offline, so the Bicep text is
 * read with test/support/bicep.ts. Each check is also run against broken copies of the Bicep
 * (MUTATIONS at the end) to show that it fails when it should.
 */

const INFRA = join(PROJECT_ROOT, 'infra');

/** Settings that are not the app's configuration, each read by the platform or an SDK. Keep short. */
const PLATFORM_SETTINGS: Record<string, string> = {
  // App Service (Kudu/Oryx): the package is built before zip deploy; no npm install on the server.
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'App Service',
  // DefaultAzureCredential picks the user-assigned identity by this client id (Cosmos DB sign-in).
  AZURE_CLIENT_ID: '@azure/identity',
};

/** Azure regions inside EU member states (Norway, Switzerland and the UK are not in the EU). */
const EU_REGIONS = ['swedencentral', 'swedensouth', 'northeurope', 'westeurope', 'francecentral', 'francesouth', 'germanywestcentral', 'germanynorth', 'italynorth', 'polandcentral', 'spaincentral'];

/** What Azure fills in at deployment, for settings whose value the Bicep text cannot tell. */
const DEPLOY_TIME_VALUES: Record<string, string> = {
  MicrosoftAppId: '3f1c8a52-6d0e-4b7a-9c21-5e8d7f0a1b2c', // the identity's client id
  AZURE_CLIENT_ID: '3f1c8a52-6d0e-4b7a-9c21-5e8d7f0a1b2c',
  MicrosoftAppTenantId: '9a7b6c5d-4e3f-4a1b-8c2d-0e1f2a3b4c5d', // tenant().tenantId
  ALLOWED_TENANT_ID: '9a7b6c5d-4e3f-4a1b-8c2d-0e1f2a3b4c5d',
  COSMOS_ENDPOINT: 'https://cosmos-vbestod-abc.documents.azure.com:443/',
  PUBLIC_BASE_URL: 'https://app-vbestod-abc.azurewebsites.net', // the web app's own host name
  COORDINATOR_IDS: '5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d', // the required parameter coordinatorIds
  DATA_KEY: 'the-secret-App-Service-puts-in-place-of-the-Key-Vault-reference',
  APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://swedencentral-0.in.applicationinsights.azure.com/',
};

const COSMOS_DATA_CONTRIBUTOR = '00000000-0000-0000-0000-000000000002';
const KEY_VAULT_SECRETS_USER = '4633458b-17de-408a-b874-0445c86b69e6';

interface Setting {
  value: BicepValue;
  file: BicepFile;
}

interface Infra {
  files: BicepFile[];
  main: BicepFile;
  webApp: { declaration: Declaration; file: BicepFile } | undefined;
  settings: Map<string, Setting>;
  /** Problems found while reading the settings (more than one web app, settings in a form not checked). */
  readProblems: string[];
}

function bicepPaths(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? bicepPaths(join(dir, entry.name)) : entry.name.endsWith('.bicep') ? [join(dir, entry.name)] : [],
  );
}

function loadInfra(edit: (path: string, text: string) => string = (_path, text) => text): Infra {
  const files = bicepPaths(INFRA).map((path) => {
    const name = relative(INFRA, path);
    return new BicepFile(name, edit(name, readFileSync(path, 'utf8')));
  });
  const main = files.find((file) => file.path === 'main.bicep')!;
  const readProblems: string[] = [];
  const settings = new Map<string, Setting>();
  const webApps = files.flatMap((file) => file.resources('Microsoft.Web/sites').map((declaration) => ({ declaration, file })));
  if (webApps.length !== 1) readProblems.push(`expected one web app (Microsoft.Web/sites), found ${webApps.length}`);
  for (const file of files)
    for (const other of file.declarations.filter((declaration) => /^Microsoft\.Web\/sites\/(config|slots)/.test(declaration.type)))
      readProblems.push(`${file.path}: ${other.type} ${other.name}: keep every app setting in the web app's siteConfig.appSettings, where this test reads them`);
  for (const { declaration, file } of webApps) {
    const list = prop(declaration.value, 'properties.siteConfig.appSettings');
    if (list?.kind !== 'array') {
      readProblems.push(`${file.path}: ${declaration.name}: siteConfig.appSettings must be a literal list of { name, value }`);
      continue;
    }
    for (const item of list.items) {
      const name = prop(item, 'name');
      const value = prop(item, 'value');
      if (name?.kind !== 'string' || name.interpolated || !value) readProblems.push(`${file.path}: an app setting without a literal name and a value`);
      else if (settings.has(name.text)) readProblems.push(`${name.text}: set twice`);
      else settings.set(name.text, { value, file });
    }
  }
  return { files, main, webApp: webApps[0], settings, readProblems };
}

// --- The checks ---------------------------------------------------------------------------------

/** (a) Every setting is a variable the app reads, or a platform setting with a reason above. */
function settingNameProblems(infra: Infra): string[] {
  const known = new Set([...ENV_VARIABLES, ...Object.keys(PLATFORM_SETTINGS)]);
  return [...infra.readProblems, ...[...infra.settings.keys()].filter((name) => !known.has(name)).map((name) => `${name}: set by the Bicep but not read by the app`)];
}

/** The environment the deployed app would see. */
function deployedEnvironment(infra: Infra): { env: Record<string, string>; problems: string[] } {
  const env: Record<string, string> = {};
  const problems: string[] = [];
  for (const [name, { value, file }] of infra.settings) {
    const text = file.evaluate(value) ?? DEPLOY_TIME_VALUES[name];
    if (text === undefined) problems.push(`${name}: its value is only known at deployment; add a stand-in to DEPLOY_TIME_VALUES`);
    else env[name] = text;
  }
  return { env, problems };
}

/** (b) What the app requires in production, found by asking its own check, is set; and the result passes it. */
function productionProblems(infra: Infra): string[] {
  const { env, problems } = deployedEnvironment(infra);
  if (env.NODE_ENV !== 'production') problems.push(`NODE_ENV: must be production, is ${env.NODE_ENV}`);
  if (env.STORE !== 'cosmos') problems.push(`STORE: must be cosmos (several instances share the store), is ${env.STORE}`);
  if (env.MicrosoftAppType !== 'UserAssignedMSI') problems.push(`MicrosoftAppType: must be UserAssignedMSI, is ${env.MicrosoftAppType}`);
  const probe: NodeJS.ProcessEnv = { NODE_ENV: 'production', STORE: 'cosmos', MicrosoftAppType: 'UserAssignedMSI' };
  for (let round = 0; round < 10; round++) {
    const named = problemsOf(() => loadEnv(probe)).map((line) => line.split(/[:.]/)[0]!);
    const added = named.filter((name) => probe[name] === undefined && env[name] !== undefined);
    for (const name of named.filter((name) => env[name] === undefined)) problems.push(`${name}: required in production but not set by the Bicep`);
    if (added.length === 0) break;
    for (const name of added) probe[name] = env[name];
  }
  problems.push(...problemsOf(() => loadEnv(env)).map((line) => `the deployed settings fail the app's check: ${line}`));
  return [...new Set(problems)];
}

/** (c) The database and containers are the store's, each partitioned on its key path. */
function containerProblems(infra: Infra): string[] {
  const problems: string[] = [];
  const names: string[] = [];
  for (const file of infra.files) {
    for (const container of file.resources('Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers')) {
      const value = container.value;
      const ids = value?.kind === 'loop' ? file.list({ kind: 'expr', text: value.source }) : [file.evaluate(prop(value, 'name'))];
      if (!ids || ids.some((id) => id === undefined)) {
        problems.push(`${file.path}: ${container.name}: container names must be literals or a loop over a literal list`);
        continue;
      }
      const loopVariable = value?.kind === 'loop' ? value.variable : undefined;
      for (const path of ['name', 'properties.resource.id'])
        if (loopVariable && exprText(prop(value, path)) !== loopVariable) problems.push(`${container.name}: ${path} must be the loop variable ${loopVariable}`);
      const paths = prop(value, 'properties.resource.partitionKey.paths');
      const keyPaths = paths?.kind === 'array' ? paths.items.map((item) => file.evaluate(item)) : [];
      if (JSON.stringify(keyPaths) !== JSON.stringify([PARTITION_KEY_PATH]))
        problems.push(`${container.name}: partition key paths ${JSON.stringify(keyPaths)}, the store uses ["${PARTITION_KEY_PATH}"]`);
      names.push(...(ids as string[]));
    }
  }
  for (const name of COSMOS_CONTAINER_NAMES.filter((name) => !names.includes(name))) problems.push(`container ${name}: used by the store, missing in the Bicep`);
  for (const name of names.filter((name) => !(COSMOS_CONTAINER_NAMES as readonly string[]).includes(name))) problems.push(`container ${name}: in the Bicep, not used by the store`);
  const database = infra.files.flatMap((file) => file.resources('Microsoft.DocumentDB/databaseAccounts/sqlDatabases').map((declaration) => file.evaluate(prop(declaration.value, 'name'))));
  const setting = infra.settings.get('COSMOS_DATABASE');
  const configured = setting && setting.file.evaluate(setting.value);
  if (database.length !== 1 || database[0] !== configured) problems.push(`COSMOS_DATABASE is ${configured}, the Bicep creates ${JSON.stringify(database)}`);
  return problems;
}

/** (d) Cosmos DB only in the EU, serverless, keys off; no key or secret in app settings. */
function residencyAndSecretProblems(infra: Infra): string[] {
  const problems: string[] = [];
  const accounts = infra.files.flatMap((file) => file.resources('Microsoft.DocumentDB/databaseAccounts').map((declaration) => ({ declaration, file })));
  if (accounts.length === 0) problems.push('no Cosmos DB account');
  for (const { declaration, file } of accounts) {
    const locations = prop(declaration.value, 'properties.locations');
    const places = [prop(declaration.value, 'location'), ...(locations?.kind === 'array' ? locations.items.map((item) => prop(item, 'locationName')) : [undefined])];
    for (const place of places) {
      const regions = file.possibleValues(place);
      if (!regions) problems.push(`${declaration.name}: location ${exprText(place) ?? '(none)'} is not restricted to EU regions (use a parameter with @allowed)`);
      else for (const region of regions.filter((region) => !EU_REGIONS.includes(region))) problems.push(`${declaration.name}: may be deployed to ${region}, outside the EU`);
    }
    const capabilities = prop(declaration.value, 'properties.capabilities');
    if (capabilities?.kind !== 'array' || !capabilities.items.some((item) => file.evaluate(prop(item, 'name')) === 'EnableServerless')) problems.push(`${declaration.name}: not serverless`);
    if (file.evaluate(prop(declaration.value, 'properties.disableLocalAuth')) !== 'true') problems.push(`${declaration.name}: account keys are not disabled (disableLocalAuth)`);
  }
  for (const [name, { value, file }] of infra.settings) {
    const raw = value.kind === 'string' ? value.text : exprText(value) ?? '';
    if (/listKeys|listConnectionStrings|primaryMasterKey|AccountKey=|SharedAccessKey|password=/i.test(raw)) problems.push(`${name}: reads a key or connection secret`);
    if (file.find('param', raw)?.decorators.has('secure')) problems.push(`${name}: takes a @secure() parameter; secrets belong in Key Vault`);
    if (/(KEY|PASSWORD|SECRET)$/i.test(name) && !/^@Microsoft\.KeyVault\(SecretUri=\$\{\w+\.properties\.vaultUri\}secrets\/[^)]+\)$/.test(file.render(value)))
      problems.push(`${name}: a secret must be a Key Vault reference @Microsoft.KeyVault(SecretUri=…), not a value`);
    const literal = file.evaluate(value);
    if (literal && /[A-Za-z0-9+=_]{32,}/.test(literal)) problems.push(`${name}: its value looks like a key`);
  }
  return problems;
}

/** The one managed identity: Bot Framework app, Cosmos DB data role, Key Vault secrets; the Teams channel. */
function identityProblems(infra: Infra): string[] {
  const problems: string[] = [];
  const main = infra.main;
  const identities = prop(infra.webApp?.declaration.value, 'identity.userAssignedIdentities');
  const keys = identities?.kind === 'object' ? [...identities.props.keys()] : [];
  const identity = keys.length === 1 ? /^\$\{(\w+)\.id\}$/.exec(keys[0]!)?.[1] : undefined;
  if (!identity || main.find('resource', identity)?.type !== 'Microsoft.ManagedIdentity/userAssignedIdentities') return ['the web app must run as exactly one user-assigned identity declared in main.bicep'];
  const clientId = `${identity}.properties.clientId`;
  const principalId = `${identity}.properties.principalId`;
  for (const name of ['MicrosoftAppId', 'AZURE_CLIENT_ID'])
    if (exprText(infra.settings.get(name)?.value) !== clientId) problems.push(`${name}: must be ${clientId}`);
  if (exprText(prop(infra.webApp?.declaration.value, 'properties.keyVaultReferenceIdentity')) !== `${identity}.id`) problems.push('keyVaultReferenceIdentity: Key Vault references must resolve with the identity');
  const cosmosRole = main.resources('Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments').some(
    (role) => main.render(prop(role.value, 'properties.roleDefinitionId')).endsWith(`/sqlRoleDefinitions/${COSMOS_DATA_CONTRIBUTOR}`) && exprText(prop(role.value, 'properties.principalId')) === principalId,
  );
  if (!cosmosRole) problems.push(`the identity lacks Cosmos DB Built-in Data Contributor (${COSMOS_DATA_CONTRIBUTOR})`);
  const vaults = main.resources('Microsoft.KeyVault/vaults');
  for (const vault of vaults) if (main.evaluate(prop(vault.value, 'properties.enableRbacAuthorization')) !== 'true') problems.push(`${vault.name}: not in RBAC mode`);
  const secretsUser = main.resources('Microsoft.Authorization/roleAssignments').some(
    (role) =>
      vaults.some((vault) => exprText(prop(role.value, 'scope')) === vault.name) &&
      main.render(prop(role.value, 'properties.roleDefinitionId')).includes(KEY_VAULT_SECRETS_USER) &&
      exprText(prop(role.value, 'properties.principalId')) === principalId,
  );
  if (!secretsUser) problems.push(`the identity lacks Key Vault Secrets User (${KEY_VAULT_SECRETS_USER}) on the vault`);
  const bots = main.resources('Microsoft.BotService/botServices');
  if (bots.length !== 1) return [...problems, `expected one Azure Bot, found ${bots.length}`];
  const bot = bots[0]!;
  const expected: Record<string, string> = { msaAppType: 'UserAssignedMSI', msaAppId: clientId, msaAppMSIResourceId: `${identity}.id` };
  for (const [key, want] of Object.entries(expected)) {
    const value = prop(bot.value, `properties.${key}`);
    if ((main.evaluate(value) ?? exprText(value)) !== want) problems.push(`bot ${key}: must be ${want}`);
  }
  if (!prop(bot.value, 'properties.msaAppTenantId')) problems.push('bot msaAppTenantId: a single-tenant bot names its tenant');
  if (!/^https:\/\/.*\/api\/messages$/.test(main.render(prop(bot.value, 'properties.endpoint')))) problems.push('bot endpoint: must be https://…/api/messages');
  const teams = main.resources('Microsoft.BotService/botServices/channels').find((channel) => exprText(prop(channel.value, 'parent')) === bot.name && main.evaluate(prop(channel.value, 'name')) === 'MsTeamsChannel');
  if (!teams || main.evaluate(prop(teams.value, 'properties.properties.isEnabled')) !== 'true') problems.push('the bot has no enabled Teams channel (MsTeamsChannel)');
  return problems;
}

/**
 * The V8 flags of `npm start` that keep the idle memory under the platform issue's 120 MB
 * (bench/README.md has the figures of each), and why each is safe here.
 */
const MEMORY_FLAGS: Record<string, string> = {
  '--max-semi-space-size=1': 'a small young generation: a turn leaves little garbage that lives long',
  '--heap-growing-percent=50': 'the old generation grows 1.5 × after a full GC, not up to 4 × as V8 sizes it on a machine with much memory',
  '--liftoff-only': "fetch's HTTP parser (undici's WebAssembly) stays on its baseline code: optimising it costs ~13 MB",
  '--no-concurrent-recompilation': "the optimising compilers work on the main thread: in V8's helper threads their memory stayed resident (3–14 MB)",
};

function startCommand(): string | undefined {
  return (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start;
}

/** The web app runs Node 24 LTS the way `npm start` does, checked on /healthz, over https only. */
function webAppProblems(infra: Infra): string[] {
  const problems: string[] = [];
  if (!infra.webApp) return ['no web app'];
  const { declaration, file } = infra.webApp;
  const start = startCommand();
  const healthRoute = readdirSync(join(PROJECT_ROOT, 'src', 'http')).some((name) => readFileSync(join(PROJECT_ROOT, 'src', 'http', name), 'utf8').includes("'/healthz'"));
  const expected: Record<string, string | undefined> = {
    'properties.httpsOnly': 'true',
    'properties.siteConfig.linuxFxVersion': 'NODE|24-lts',
    'properties.siteConfig.alwaysOn': 'true',
    'properties.siteConfig.healthCheckPath': healthRoute ? '/healthz' : '(the app serves no /healthz)',
    // npm start's own command, without its prestart build (the package is built before deploy).
    'properties.siteConfig.appCommandLine': start,
  };
  for (const [path, want] of Object.entries(expected)) {
    const actual = file.evaluate(prop(declaration.value, path));
    if (actual !== want) problems.push(`${path}: ${actual} but should be ${want}`);
  }
  const startWords = start?.split(/\s+/) ?? [];
  for (const [flag, why] of Object.entries(MEMORY_FLAGS)) if (!startWords.includes(flag)) problems.push(`npm start no longer passes ${flag} (${why}; bench/README.md)`);
  return problems;
}

function parameterFileProblems(main: BicepFile): string[] {
  const file = JSON.parse(readFileSync(join(INFRA, 'main.parameters.json'), 'utf8')) as { parameters: Record<string, { value: unknown }> };
  const params = main.declarations.filter((declaration) => declaration.keyword === 'param');
  const problems = Object.keys(file.parameters)
    .filter((name) => !params.some((param) => param.name === name))
    .map((name) => `${name}: in main.parameters.json but not a parameter of main.bicep`);
  for (const param of params) {
    const given = file.parameters[param.name]?.value;
    if (given === undefined && !param.value) problems.push(`${param.name}: required by main.bicep, missing in main.parameters.json`);
    const allowed = main.list(param.decorators.get('allowed'));
    if (given !== undefined && allowed && !allowed.includes(String(given))) problems.push(`${param.name}: ${String(given)} is not one of ${allowed.join(', ')}`);
  }
  return problems;
}

const CHECKS = {
  settingNames: settingNameProblems,
  production: productionProblems,
  containers: containerProblems,
  residencyAndSecrets: residencyAndSecretProblems,
  identity: identityProblems,
  webApp: webAppProblems,
};

// --- Tests --------------------------------------------------------------------------------------

describe('infra/ against the code (no drift)', () => {
  const infra = loadInfra();

  it('reads every declaration of every Bicep file, and the app settings', () => {
    for (const file of infra.files) {
      const text = readFileSync(join(INFRA, file.path), 'utf8');
      const declared = text.match(/^(param|var|resource|module|output) \w+/gm) ?? [];
      expect(file.declarations.map((declaration) => `${declaration.keyword} ${declaration.name}`)).toEqual(declared);
    }
    expect(infra.main.resources('Microsoft.Web/sites')).toHaveLength(1);
    expect(infra.settings.size).toBeGreaterThan(5);
    expect(infra.main.evaluate(infra.settings.get('RETENTION_MONTHS')?.value)).toBe('24');
  });

  it.each(Object.entries(CHECKS))('%s', (_name, check) => {
    expect(check(infra)).toEqual([]);
  });

  it('sets DATA_KEY from Key Vault, and the platform settings are read by what they name', () => {
    expect(infra.main.render(infra.settings.get('DATA_KEY')?.value)).toMatch(/^@Microsoft\.KeyVault\(SecretUri=\$\{keyVault\.properties\.vaultUri\}secrets\/data-key\)$/);
    const identityDist = join(PROJECT_ROOT, 'node_modules', '@azure', 'identity', 'dist', 'commonjs', 'credentials');
    const readsClientId = readdirSync(identityDist).some((name) => name.endsWith('.js') && readFileSync(join(identityDist, name), 'utf8').includes('process.env.AZURE_CLIENT_ID'));
    expect(readsClientId).toBe(true);
  });

  it("npm start's node flags are ones this Node accepts (a V8 flag that was renamed stops the process at start)", () => {
    const flags = (startCommand() ?? '').split(/\s+/).filter((word) => word.startsWith('--'));
    expect(flags).toEqual(expect.arrayContaining(Object.keys(MEMORY_FLAGS)));
    // node answers an unknown V8 flag with "bad option" and exit code 9
    const run = spawnSync(process.execPath, [...flags, '-e', "process.stdout.write('started')"], { encoding: 'utf8', timeout: 30_000 });
    expect({ status: run.status, stderr: run.stderr, stdout: run.stdout }).toEqual({ status: 0, stderr: '', stdout: 'started' });
  });

  it('main.parameters.json gives every required parameter an allowed value', () => {
    expect(parameterFileProblems(infra.main)).toEqual([]);
  });
});

const mainOnly = (change: (text: string) => string) => (path: string, text: string) => (path === 'main.bicep' ? change(text) : text);
const withoutSetting = (name: string) => (text: string) => text.replace(new RegExp(`\\n\\s*\\{\\n\\s*name: '${name}'\\n.*\\n\\s*\\}`), '');
const withSetting = (name: string, value: string) => (text: string) => text.replace('appSettings: [', `appSettings: [\n        {\n          name: '${name}'\n          value: ${value}\n        }`);

const MUTATIONS: { change: string; check: keyof typeof CHECKS; edit: (text: string) => string; expected: RegExp }[] = [
  { change: 'a setting the app does not read', check: 'settingNames', edit: (text) => text.replace("name: 'LOG_LEVEL'", "name: 'LOGLEVEL'"), expected: /^LOGLEVEL: set by the Bicep but not read/ },
  { change: 'settings outside siteConfig', check: 'settingNames', edit: (text) => `${text}\nresource extra 'Microsoft.Web/sites/config@2023-12-01' = {\n  parent: webApp\n  name: 'appsettings'\n  properties: {}\n}\n`, expected: /keep every app setting/ },
  { change: 'DATA_KEY dropped', check: 'production', edit: withoutSetting('DATA_KEY'), expected: /^DATA_KEY: required in production/ },
  { change: 'COSMOS_ENDPOINT dropped', check: 'production', edit: withoutSetting('COSMOS_ENDPOINT'), expected: /^COSMOS_ENDPOINT: required in production/ },
  { change: 'MicrosoftAppTenantId dropped', check: 'production', edit: withoutSetting('MicrosoftAppTenantId'), expected: /^MicrosoftAppTenantId: required in production/ },
  { change: 'the embedded store', check: 'production', edit: (text) => text.replace("value: 'cosmos'", "value: 'sqlite'"), expected: /^STORE: must be cosmos/ },
  { change: 'a retention the app refuses', check: 'production', edit: (text) => text.replace('param retentionMonths int = 24', 'param retentionMonths int = 6'), expected: /fail the app's check: RETENTION_MONTHS/ },
  { change: 'a container missing', check: 'containers', edit: (text) => text.replace("  'jobRuns'\n", ''), expected: /^container jobRuns: used by the store, missing/ },
  { change: 'an extra container', check: 'containers', edit: (text) => text.replace("  'jobRuns'\n", "  'jobRuns'\n  'drafts'\n"), expected: /^container drafts: in the Bicep, not used/ },
  { change: 'another partition key', check: 'containers', edit: (text) => text.replace("cosmosPartitionKeyPath = '/pk'", "cosmosPartitionKeyPath = '/id'"), expected: /partition key paths \["\/id"\]/ },
  { change: 'another database name', check: 'containers', edit: (text) => text.replace('value: cosmosDatabase.name', "value: 'vbe'"), expected: /^COSMOS_DATABASE is vbe/ },
  { change: 'a region outside the EU', check: 'residencyAndSecrets', edit: (text) => text.replace("  'swedencentral'\n", "  'swedencentral'\n  'eastus'\n"), expected: /may be deployed to eastus/ },
  { change: 'an unrestricted location', check: 'residencyAndSecrets', edit: (text) => text.replace('locationName: location', 'locationName: resourceGroup().location'), expected: /not restricted to EU regions/ },
  { change: 'account keys enabled', check: 'residencyAndSecrets', edit: (text) => text.replace('disableLocalAuth: true\n    disableKeyBased', 'disableLocalAuth: false\n    disableKeyBased'), expected: /account keys are not disabled/ },
  { change: 'a Cosmos key in settings', check: 'residencyAndSecrets', edit: withSetting('COSMOS_KEY', 'cosmosAccount.listKeys().primaryMasterKey'), expected: /^COSMOS_KEY: reads a key/ },
  { change: 'the data key as a literal', check: 'residencyAndSecrets', edit: (text) => text.replace(/value: '@Microsoft\.KeyVault.*'/, "value: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA'"), expected: /^DATA_KEY: a secret must be a Key Vault reference/ },
  { change: 'the bot on another app id', check: 'identity', edit: (text) => text.replace('msaAppId: botIdentity.properties.clientId', 'msaAppId: botAppId'), expected: /^bot msaAppId: must be/ },
  { change: 'no Cosmos data role', check: 'identity', edit: (text) => text.replace(/sqlRoleDefinitions\/\$\{cosmosDataContributorRoleId\}/, 'sqlRoleDefinitions/00000000-0000-0000-0000-000000000001'), expected: /lacks Cosmos DB Built-in Data Contributor/ },
  { change: 'the Teams channel disabled', check: 'identity', edit: (text) => text.replace('isEnabled: true', 'isEnabled: false'), expected: /no enabled Teams channel/ },
  { change: 'started without the memory flags', check: 'webApp', edit: (text) => text.replace("'node --max-semi-space-size=1 --heap-growing-percent=50 --liftoff-only --no-concurrent-recompilation dist/src/main.js'", "'npm start'"), expected: /appCommandLine: npm start but should be node --max-semi-space-size=1 --heap-growing-percent=50/ },
  { change: 'started without one memory flag', check: 'webApp', edit: (text) => text.replace(' --liftoff-only', ''), expected: /appCommandLine: node --max-semi-space-size=1 --heap-growing-percent=50 --no-concurrent-recompilation dist\/src\/main\.js but should be/ },
  { change: 'no health check', check: 'webApp', edit: (text) => text.replace("healthCheckPath: '/healthz'", "healthCheckPath: '/'"), expected: /healthCheckPath: \/ but should be \/healthz/ },
];

describe('each check fails on a broken copy of the Bicep', () => {
  const original = readFileSync(join(INFRA, 'main.bicep'), 'utf8');

  it.each(MUTATIONS)('$check: $change', ({ check, edit, expected }) => {
    expect(edit(original)).not.toBe(original);
    const problems = CHECKS[check](loadInfra(mainOnly(edit)));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });
});
