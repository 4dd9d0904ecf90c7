/**
 * In-process fake of the Bot Framework / Teams connector (REST API v3) for integration tests.
 * Point incoming activities' `serviceUrl` at `connector.serviceUrl`; the SDK's ConnectorClient then
 * sends replies, proactive messages and roster look-ups here. node:http only.
 *
 * Conventions (documented choices, not Teams facts):
 * - pagedmembers: default page size 50 (Teams' documented default/minimum), capped at 500. Unlike Teams,
 *   sizes below 50 are honoured so tests can page small rosters.
 * - Members of a team (addTeam) are implicitly installed users; addUser(..., { appInstalled: false })
 *   makes createConversation answer 403. createConversation for a completely unknown user also answers 403
 *   (Teams: bot has no installation for that user). Repeated creates for one user return the same id.
 * - Team/channel roster look-ups strip a `;messageid=...` thread suffix; the General channel id is the team id.
 * - getMember in a conversation the fake does not know falls back to users registered with addUser/addTeam.
 * - A FaultRule with status < 400 only delays (delayMs) and then the request is handled normally.
 * - enforceTeamsLimits: sliding 1 s windows over *accepted* requests; per-conversation limit counts activity
 *   operations (send/reply/update/delete), per-app limit counts every request. Excess → 429, Retry-After: 1.
 * - randomFaults: a request admitted by the limits fails with that status at the given rate, drawn from a
 *   seeded generator (same seed, same request order → same failures). It fails before anything is recorded,
 *   so a failed send was not delivered.
 * - blackHole(): every request is read and never answered (a peer that accepts TCP and hangs); nothing is
 *   recorded. release() serves new requests again; the ones held stay unanswered, like connections to a
 *   backend that died, until close() drops them. They count in inFlight().
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedActivity {
  conversationId: string;
  /** id of this activity: the new id for POST, the updated id for PUT */
  activityId: string;
  replyToId?: string;
  activity: any;
  method: 'POST' | 'PUT';
  receivedAt: number;
}
export interface FakeMember {
  id: string; name: string; aadObjectId: string;
  email?: string; userPrincipalName?: string; givenName?: string; surname?: string;
  tenantId?: string; userRole?: string;
}
export interface FaultMatch { method?: string; pathIncludes?: string; conversationId?: string; path?: string }
export interface FaultRule { status: number; retryAfterSeconds?: number; times?: number; match?: FaultMatch; delayMs?: number }
export interface TeamsLimits { perConversationPerSecond: number; perAppPerSecond: number }
export interface RandomFaults { rate: number; seed: number; status?: number; match?: FaultMatch }
export interface FakeConnectorOptions { port?: number; enforceTeamsLimits?: boolean | Partial<TeamsLimits>; randomFaults?: RandomFaults }
export interface RequestRecord { method: string; path: string; status: number; at: number; conversationId?: string }

export const TEAMS_LIMITS: TeamsLimits = { perConversationPerSecond: 7, perAppPerSecond: 50 };
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

interface Team { id: string; name: string; aadGroupId?: string; members: FakeMember[]; channels: Array<{ id: string; name: string }> }
interface Waiter { predicate: (a: RecordedActivity) => boolean; resolve: (a: RecordedActivity) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
interface Reply { status: number; body?: unknown; headers?: Record<string, string> }

const errorBody = (code: string, message: string) => ({ error: { code, message } });
const baseConversationId = (id: string) => id.split(';')[0] ?? id;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const matches = (m: FaultMatch | undefined, method: string, path: string, cid?: string) =>
  !m || ((!m.method || m.method.toUpperCase() === method) && (!m.pathIncludes || path.includes(m.pathIncludes)) &&
    (!m.path || m.path === path) && (!m.conversationId || m.conversationId === cid));

export class FakeConnector {
  readonly serviceUrl: string;
  readonly activities: RecordedActivity[] = [];
  readonly deletedActivities: Array<{ conversationId: string; activityId: string; at: number }> = [];
  readonly createdConversations: Array<{ id: string; body: any }> = [];
  readonly requests: RequestRecord[] = [];
  readonly unexpected: Array<{ method: string; path: string }> = [];

  private readonly teams = new Map<string, Team>();
  private readonly users = new Map<string, { member: FakeMember; appInstalled: boolean }>();
  private readonly conversations = new Map<string, FakeMember[]>();
  private readonly personalConversationIds = new Map<string, string>();
  private faults: Array<FaultRule & { remaining: number }> = [];
  private down: Array<{ status: number; retryAfterSeconds?: number; match?: FaultMatch }> = [];
  private waiters: Waiter[] = [];
  private readonly limits?: TeamsLimits;
  private convWindows = new Map<string, number[]>();
  private appWindow: number[] = [];
  private seq = 0;
  private readonly randomFaults?: RandomFaults & { next: () => number };
  private pending = 0;
  private holding = false;
  private readonly held = new Set<http.ServerResponse>();

  private constructor(private readonly server: http.Server, port: number, options: FakeConnectorOptions) {
    this.serviceUrl = `http://127.0.0.1:${port}/`;
    const l = options.enforceTeamsLimits;
    if (l) this.limits = { ...TEAMS_LIMITS, ...(l === true ? {} : l) };
    if (options.randomFaults) this.randomFaults = { ...options.randomFaults, next: seededRandom(options.randomFaults.seed) };
  }

  /** Requests received whose answer has not been written yet (e.g. sends in flight when a bot was killed). */
  inFlight(): number {
    return this.pending;
  }

  static async start(options: FakeConnectorOptions = {}): Promise<FakeConnector> {
    let self: FakeConnector | undefined;
    const server = http.createServer((req, res) => {
      if (!self) { res.writeHead(503).end(); return; }
      self.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify(errorBody('FakeConnectorError', String(err))));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    self = new FakeConnector(server, (server.address() as AddressInfo).port, options);
    return self;
  }

  addTeam(teamId: string, members: FakeMember[], opts: { name?: string; aadGroupId?: string; channels?: Array<{ id: string; name: string }> } = {}): void {
    this.teams.set(teamId, {
      id: teamId, name: opts.name ?? teamId, aadGroupId: opts.aadGroupId, members: [...members],
      channels: opts.channels ?? [{ id: teamId, name: 'General' }],
    });
    for (const m of members) if (!this.users.has(m.id)) this.users.set(m.id, { member: m, appInstalled: true });
  }

  addUser(member: FakeMember, opts: { appInstalled?: boolean } = {}): void {
    this.users.set(member.id, { member, appInstalled: opts.appInstalled ?? true });
  }

  /** Register an arbitrary conversation (e.g. a personal or group chat) with its roster. */
  addConversation(conversationId: string, members: FakeMember[]): void {
    this.conversations.set(conversationId, [...members]);
  }

  /** From now on every request is read and never answered (see the conventions above). */
  blackHole(): void {
    this.holding = true;
  }

  /** New requests are answered again; those already held never are. */
  release(): void {
    this.holding = false;
  }

  /** Requests held by the black hole and still open. */
  heldRequests(): number {
    return this.held.size;
  }

  failNext(rule: FaultRule): void {
    this.faults.push({ ...rule, remaining: rule.times ?? 1 });
  }

  setDown(down: boolean | { status: number; retryAfterSeconds?: number }, match?: FaultMatch): void {
    if (down === false) { this.down = []; return; }
    this.down.push({ ...(down === true ? { status: 503 } : down), match });
  }

  sentTo(conversationId: string): RecordedActivity[] {
    return this.activities.filter((a) => a.conversationId === conversationId);
  }

  /** receivedAt of every accepted send/reply/update in the conversation, ascending. */
  sendTimes(conversationId: string): number[] {
    return this.sentTo(conversationId).map((a) => a.receivedAt);
  }

  waitFor(predicate: (a: RecordedActivity) => boolean, timeoutMs = 2000): Promise<RecordedActivity> {
    const found = this.activities.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate, resolve, reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error(`FakeConnector.waitFor: no matching activity within ${timeoutMs} ms. Received ${this.activities.length}:\n${this.describe()}`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  cards(): any[] {
    return this.activities.flatMap((a) => (Array.isArray(a.activity?.attachments) ? a.activity.attachments : []))
      .filter((att: any) => att?.contentType === ADAPTIVE).map((att: any) => att.content);
  }

  reset(): void {
    for (const arr of [this.activities, this.deletedActivities, this.createdConversations, this.requests, this.unexpected]) arr.length = 0;
    this.faults = []; this.down = []; this.convWindows = new Map(); this.appWindow = []; this.holding = false;
  }

  async close(): Promise<void> {
    for (const w of this.waiters) { clearTimeout(w.timer); w.reject(new Error('FakeConnector closed')); }
    this.waiters = [];
    await new Promise<void>((resolve) => { this.server.close(() => resolve()); this.server.closeAllConnections(); });
  }

  describe(): string {
    return this.activities.map((a, i) => {
      const atts = (a.activity?.attachments ?? []).map((x: any) => x?.contentType).join(',');
      return `  #${i} ${a.method} ${a.conversationId}${a.replyToId ? ` reply-to ${a.replyToId}` : ''} type=${a.activity?.type} text=${JSON.stringify(a.activity?.text)}${atts ? ` attachments=${atts}` : ''}`;
    }).join('\n');
  }

  // ---------------------------------------------------------------- request handling

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const segs = url.pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
    // Teams' route names are case-insensitive (botbuilder asks for `pagedmembers`, the Agents SDK for
    // `pagedMembers`); ids are not. Routes are recorded and matched by the lower-case name.
    if (segs[0] === 'v3' && segs[3] !== undefined) segs[3] = segs[3].toLowerCase();
    const path = '/' + segs.join('/');
    const cid = segs[0] === 'v3' && segs[1] === 'conversations' ? segs[2] : undefined;
    this.pending += 1;
    let holding = false;
    try {
      const raw = await readBody(req);
      const now = Date.now();
      if (this.holding) {
        holding = true;
        this.held.add(res);
        res.once('close', () => {
          this.held.delete(res);
          this.pending -= 1;
        });
        return;
      }

      const reply = await this.decide(method, path, segs, cid, url.searchParams, raw, now);
      this.requests.push({ method, path, status: reply.status, at: now, ...(cid !== undefined ? { conversationId: cid } : {}) });
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    } finally {
      if (!holding) this.pending -= 1;
    }
  }

  private async decide(method: string, path: string, segs: string[], cid: string | undefined,
    query: URLSearchParams, raw: string, now: number): Promise<Reply> {
    const downRule = this.down.find((d) => matches(d.match, method, path, cid));
    if (downRule) return fault(downRule.status, downRule.retryAfterSeconds);
    const idx = this.faults.findIndex((f) => matches(f.match, method, path, cid));
    const rule = this.faults[idx];
    if (rule) {
      if (--rule.remaining <= 0) this.faults.splice(idx, 1);
      if (rule.delayMs) await sleep(rule.delayMs);
      if (rule.status >= 400) return fault(rule.status, rule.retryAfterSeconds);
    }
    const isActivityOp = cid !== undefined && segs[3] === 'activities' && segs[4] !== 'history';
    if (this.limits && !this.admit(isActivityOp ? cid : undefined, now)) {
      return { status: 429, headers: { 'Retry-After': '1' }, body: errorBody('TooManyRequests', 'FakeConnector: Teams rate limit exceeded') };
    }
    const random = this.randomFaults;
    if (random && matches(random.match, method, path, cid) && random.next() < random.rate) return fault(random.status ?? 503);
    let body: any;
    try { body = raw ? JSON.parse(raw) : undefined; } catch { return { status: 400, body: errorBody('BadSyntax', 'Invalid JSON body') }; }
    return this.route(method, segs, cid, query, body, now) ?? this.notFound(method, path);
  }

  /** Sliding 1 s windows; only admitted requests are counted. */
  private admit(conversationId: string | undefined, now: number): boolean {
    const limits = this.limits!;
    this.appWindow = this.appWindow.filter((t) => now - t < 1000);
    if (this.appWindow.length >= limits.perAppPerSecond) return false;
    if (conversationId !== undefined) {
      const win = (this.convWindows.get(conversationId) ?? []).filter((t) => now - t < 1000);
      this.convWindows.set(conversationId, win);
      if (win.length >= limits.perConversationPerSecond) return false;
      win.push(now);
    }
    this.appWindow.push(now);
    return true;
  }

  private route(method: string, segs: string[], cid: string | undefined, query: URLSearchParams, body: any, now: number): Reply | undefined {
    const [v3, kind, id, sub, subId, ...rest] = segs;
    if (v3 !== 'v3' || rest.length > 0) return undefined;
    if (kind === 'conversations' && id === undefined && method === 'POST') return this.createConversation(body, now);
    if (kind === 'conversations' && cid !== undefined) {
      if (sub === 'activities' && subId === undefined && method === 'POST') return this.record(cid, 'POST', body, now);
      if (sub === 'activities' && subId !== undefined && subId !== 'history') {
        if (method === 'POST') return this.record(cid, 'POST', body, now, subId);
        if (method === 'PUT') return this.record(cid, 'PUT', body, now, undefined, subId);
        if (method === 'DELETE') { this.deletedActivities.push({ conversationId: cid, activityId: subId, at: now }); return { status: 200 }; }
      }
      if (method !== 'GET') return undefined;
      const roster = this.roster(cid);
      if (sub === 'pagedmembers' && subId === undefined) return roster ? page(roster, query) : conversationNotFound(cid);
      if (sub === 'members' && subId === undefined) return roster ? { status: 200, body: roster.map(toAccount) } : conversationNotFound(cid);
      if (sub === 'members' && subId !== undefined) {
        const m = findMember(roster ?? [...this.users.values()].map((u) => u.member), subId);
        return m ? { status: 200, body: toAccount(m) } : { status: 404, body: errorBody('MemberNotFound', `Member ${subId} not found in ${cid}`) };
      }
    }
    if (kind === 'teams' && id !== undefined && method === 'GET' && subId === undefined) {
      const team = this.teams.get(baseConversationId(id));
      if (!team) return { status: 404, body: errorBody('NotFound', `Team ${id} not found`) };
      if (sub === undefined) return { status: 200, body: { id: team.id, name: team.name, aadGroupId: team.aadGroupId } };
      if (sub === 'conversations') return { status: 200, body: { conversations: team.channels } };
    }
    return undefined;
  }

  private record(conversationId: string, method: 'POST' | 'PUT', activity: any, now: number, replyToId?: string, updatedId?: string): Reply {
    const activityId = updatedId ?? `${now}${String(++this.seq).padStart(4, '0')}`;
    const rec: RecordedActivity = { conversationId, activityId, activity, method, receivedAt: now, ...(replyToId !== undefined ? { replyToId } : {}) };
    this.activities.push(rec);
    for (const w of this.waiters.filter((x) => x.predicate(rec))) {
      clearTimeout(w.timer);
      this.waiters = this.waiters.filter((x) => x !== w);
      w.resolve(rec);
    }
    return { status: 200, body: { id: activityId } };
  }

  private createConversation(body: any, now: number): Reply {
    const memberId: unknown = body?.members?.[0]?.id;
    if (typeof memberId !== 'string') return { status: 400, body: errorBody('BadArgument', 'members[0].id is required') };
    const user = findUser(this.users, memberId);
    if (!user || !user.appInstalled) {
      return { status: 403, body: errorBody('Forbidden', 'The bot is not installed for this user (not part of the conversation roster).') };
    }
    let id = this.personalConversationIds.get(user.member.id);
    if (!id) {
      id = `a:fake-personal-${++this.seq}-${user.member.aadObjectId}`;
      this.personalConversationIds.set(user.member.id, id);
      this.conversations.set(id, [user.member]);
    }
    this.createdConversations.push({ id, body });
    const result: { id: string; serviceUrl: string; activityId?: string } = { id, serviceUrl: this.serviceUrl };
    if (body.activity) result.activityId = (this.record(id, 'POST', body.activity, now).body as { id: string }).id;
    return { status: 201, body: result };
  }

  private roster(conversationId: string): FakeMember[] | undefined {
    const base = baseConversationId(conversationId);
    const explicit = this.conversations.get(conversationId) ?? this.conversations.get(base);
    if (explicit) return explicit;
    for (const t of this.teams.values()) if (t.id === base || t.channels.some((c) => c.id === base)) return t.members;
    return undefined;
  }

  private notFound(method: string, path: string): Reply {
    this.unexpected.push({ method, path });
    return { status: 404, body: errorBody('NotFound', `FakeConnector: no route for ${method} ${path}`) };
  }
}

function fault(status: number, retryAfterSeconds?: number): Reply {
  const code = status === 429 ? 'TooManyRequests' : status === 403 ? 'Forbidden' : status >= 500 ? 'ServiceError' : 'InjectedFault';
  return {
    status, body: errorBody(code, `FakeConnector: injected ${status}`),
    ...(retryAfterSeconds !== undefined ? { headers: { 'Retry-After': String(retryAfterSeconds) } } : {}),
  };
}

/** mulberry32: a small seeded generator, so a benchmark's failures repeat run to run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function page(roster: FakeMember[], query: URLSearchParams): Reply {
  const requested = Number(query.get('pageSize') ?? DEFAULT_PAGE_SIZE);
  const size = Math.min(MAX_PAGE_SIZE, Number.isFinite(requested) && requested >= 1 ? Math.floor(requested) : DEFAULT_PAGE_SIZE);
  const token = query.get('continuationToken');
  const offset = token ? Number(/^fake-ct-(\d+)$/.exec(token)?.[1] ?? NaN) : 0;
  if (!Number.isInteger(offset)) return { status: 400, body: errorBody('BadArgument', `Invalid continuationToken ${token}`) };
  const members = roster.slice(offset, offset + size).map(toAccount);
  const next = offset + size < roster.length ? `fake-ct-${offset + size}` : undefined;
  return { status: 200, body: { members, ...(next ? { continuationToken: next } : {}) } };
}

function findMember(members: FakeMember[], userId: string): FakeMember | undefined {
  const key = userId.toLowerCase();
  return members.find((m) => m.id === userId || m.aadObjectId.toLowerCase() === key);
}

function findUser<T extends { member: FakeMember }>(users: Map<string, T>, userId: string): T | undefined {
  return users.get(userId) ?? [...users.values()].find((u) => u.member.aadObjectId.toLowerCase() === userId.toLowerCase());
}

/** Teams' TeamsChannelAccount shape; `objectId` too, because TeamsInfo.getMembers copies it into aadObjectId. */
function toAccount(m: FakeMember): Record<string, unknown> {
  return { userRole: 'user', ...m, objectId: m.aadObjectId };
}

function conversationNotFound(cid: string): Reply {
  return { status: 404, body: errorBody('ConversationNotFound', `Conversation ${cid} not known to FakeConnector`) };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
