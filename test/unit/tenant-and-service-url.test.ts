import { describe, expect, it } from 'vitest';
import { acceptedServiceUrl, type ServiceUrlRule } from '../../src/domain/service-url';
import { tenantVerdict, type NamedTenants, type TenantVerdict } from '../../src/domain/tenant';

const OURS = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const THEIRS = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

describe('tenantVerdict (both places Teams names the tenant)', () => {
  const table: Array<[string, string | undefined, NamedTenants, TenantVerdict]> = [
    ['both name ours', OURS, { conversationTenantId: OURS, channelDataTenantId: OURS }, { accepted: true, tenantId: OURS }],
    ['only the conversation names ours', OURS, { conversationTenantId: OURS }, { accepted: true, tenantId: OURS }],
    ['only channelData names ours', OURS, { channelDataTenantId: OURS }, { accepted: true, tenantId: OURS }],
    ['ours in another case', OURS, { conversationTenantId: OURS.toUpperCase(), channelDataTenantId: OURS }, { accepted: true, tenantId: OURS }],
    ['conversation ours, channelData theirs', OURS, { conversationTenantId: OURS, channelDataTenantId: THEIRS }, { accepted: false, reason: 'disagreeing' }],
    ['conversation theirs, channelData ours', OURS, { conversationTenantId: THEIRS, channelDataTenantId: OURS }, { accepted: false, reason: 'disagreeing' }],
    ['both theirs', OURS, { conversationTenantId: THEIRS, channelDataTenantId: THEIRS }, { accepted: false, reason: 'other_tenant' }],
    ['only the conversation, theirs', OURS, { conversationTenantId: THEIRS }, { accepted: false, reason: 'other_tenant' }],
    ['only channelData, theirs', OURS, { channelDataTenantId: THEIRS }, { accepted: false, reason: 'other_tenant' }],
    ['no tenant named', OURS, {}, { accepted: false, reason: 'no_tenant' }],
    ['blank tenant names', OURS, { conversationTenantId: ' ', channelDataTenantId: '' }, { accepted: false, reason: 'no_tenant' }],
    ['no lock: any one tenant', undefined, { conversationTenantId: THEIRS, channelDataTenantId: THEIRS }, { accepted: true, tenantId: THEIRS }],
    ['no lock: none named', undefined, {}, { accepted: true, tenantId: undefined }],
    ['no lock: the two disagree', undefined, { conversationTenantId: OURS, channelDataTenantId: THEIRS }, { accepted: false, reason: 'disagreeing' }],
  ];
  it.each(table)('%s', (_name, allowed, named, expected) => {
    expect(tenantVerdict(allowed, named)).toEqual(expected);
  });
});

describe('acceptedServiceUrl (what may be kept as the proactive target)', () => {
  const development: ServiceUrlRule = { allowLoopbackHttp: true };
  const production: ServiceUrlRule = { allowLoopbackHttp: false };
  const TEAMS = 'https://smba.trafficmanager.net/emea/';
  const table: Array<[string, unknown, ServiceUrlRule, string | undefined]> = [
    ['Teams’ https endpoint', TEAMS, production, TEAMS],
    ['https in development', TEAMS, development, TEAMS],
    ['loopback http in development', 'http://127.0.0.1:3979/', development, 'http://127.0.0.1:3979/'],
    ['localhost http in development', 'http://localhost:3979/', development, 'http://localhost:3979/'],
    ['IPv6 loopback http in development', 'http://[::1]:3979/', development, 'http://[::1]:3979/'],
    ['loopback http in production', 'http://127.0.0.1:3979/', production, undefined],
    ['http to another host, even in development', 'http://smba.trafficmanager.net/emea/', development, undefined],
    ['a host that only starts like loopback', 'http://127.0.0.1.example.org/', development, undefined],
    ['not a URL', 'not a url', development, undefined],
    ['a URN', 'urn:x-evil:connector', development, undefined],
    ['a data URL', 'data:text/plain,hello', development, undefined],
    ['a javascript URL', 'javascript:alert(1)', development, undefined],
    ['ftp', 'ftp://127.0.0.1/', development, undefined],
    ['https with a user and password', 'https://user:secret@smba.trafficmanager.net/emea/', production, undefined],
    ['https with a user only', 'https://user@smba.trafficmanager.net/emea/', production, undefined],
    ['loopback with credentials in development', 'http://user:secret@127.0.0.1:3979/', development, undefined],
    ['a number', 42, development, undefined],
    ['an object', { href: TEAMS }, development, undefined],
    ['undefined', undefined, development, undefined],
    ['an overlong URL', `https://smba.trafficmanager.net/${'a'.repeat(2100)}`, production, undefined],
    ['auth on, matching the token’s claim', TEAMS, { allowLoopbackHttp: false, claim: { serviceUrl: TEAMS } }, TEAMS],
    ['auth on, another claim', TEAMS, { allowLoopbackHttp: false, claim: { serviceUrl: 'https://smba.trafficmanager.net/amer/' } }, undefined],
    ['auth on, no claim', TEAMS, { allowLoopbackHttp: false, claim: { serviceUrl: undefined } }, undefined],
    ['auth on, the claim does not make a bad URL good', 'urn:x', { allowLoopbackHttp: false, claim: { serviceUrl: 'urn:x' } }, undefined],
  ];
  it.each(table)('%s', (_name, value, rule, expected) => {
    expect(acceptedServiceUrl(value, rule)).toBe(expected);
  });
});
