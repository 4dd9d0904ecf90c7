/**
 * When the next proactive send may go, under Teams' rate limits for bots. Teams counts sends of
 * one bot into one conversation (7 per second, 8 per 2 s, 60 per 30 s, 1,800 per hour) and all
 * requests of one app in one tenant (50 per second); going over earns 429s, and repeated 429s get
 * the bot blocked for a while. A 1:1 chat is one conversation per user, so the conversation key is
 * the recipient. Pure: every call takes `now` (epoch ms); nothing here reads a clock.
 */

export interface SlidingWindow {
  /** At most this many sends… */
  limit: number;
  /** …in any span of this many milliseconds. */
  windowMs: number;
}

export interface SendRateLimits {
  /** Every send of this process, whatever the conversation. */
  app: readonly SlidingWindow[];
  /** The sends into one conversation (one recipient's 1:1 chat). */
  conversation: readonly SlidingWindow[];
}

/** Teams' per-bot, per-conversation limits, all four at once. */
export const TEAMS_CONVERSATION_WINDOWS: readonly SlidingWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];

/** Teams allows 50 requests/s per app and tenant; replies to users share that budget, hence 40. */
export const DEFAULT_APP_SENDS_PER_SECOND = 40;
export const TEAMS_APP_REQUESTS_PER_SECOND = 50;

/** Requests that may go back to back within the even spacing (see sendRateLimits). */
const PACING_BURST = 3;
/**
 * How much later than its slot a request may reach Teams: the event loop, the connector client
 * and a busy 2-core machine delay some requests more than others (the fan-out benchmark saw up to
 * ~80 ms). Teams counts arrivals, so the app's window is widened by this much: N slots in any
 * 1 s + margin keep arrivals to N in any 1 s as long as no request is later than the margin.
 */
export const SLOT_TO_WIRE_MARGIN_MS = 100;

export function sendRateLimits(appSendsPerSecond: number = DEFAULT_APP_SENDS_PER_SECOND): SendRateLimits {
  if (!Number.isInteger(appSendsPerSecond) || appSendsPerSecond < 1 || appSendsPerSecond > TEAMS_APP_REQUESTS_PER_SECOND) {
    throw new RangeError(`app sends per second must be an integer in 1..${TEAMS_APP_REQUESTS_PER_SECOND}`);
  }
  // Evenly spaced as well as at most N per window: a sliding window alone allows N at once and N
  // again a window later, and a few ms of delay between slot and wire then puts both bursts into
  // one second at the receiving end. A burst of PACING_BURST lets a late worker catch up instead
  // of losing its slot.
  const windowMs = 1_000 + SLOT_TO_WIRE_MARGIN_MS;
  const spacingMs = Math.floor(windowMs / appSendsPerSecond);
  const burst = Math.min(PACING_BURST, appSendsPerSecond);
  return {
    app: [{ limit: appSendsPerSecond, windowMs }, { limit: burst, windowMs: burst * spacingMs - 1 }],
    conversation: TEAMS_CONVERSATION_WINDOWS,
  };
}

/**
 * The earliest instant ≥ now at which `count` more sends keep every window: no closed span of
 * `windowMs` may hold more than `limit` sends. `sendTimes` ascending. `count` sends at t are
 * allowed when at most `limit − count` sends lie in [t − windowMs, t], so the (`limit − count + 1`)-th
 * latest send bounds t. More than `limit` at once never fit: they go when the window is empty.
 */
export function earliestInWindows(sendTimes: readonly number[], windows: readonly SlidingWindow[], now: number, count = 1): number {
  let earliest = now;
  for (const window of windows) {
    const bounding = sendTimes[sendTimes.length - Math.max(1, window.limit - count + 1)];
    if (bounding !== undefined) earliest = Math.max(earliest, bounding + window.windowMs + 1);
  }
  return earliest;
}

/**
 * A send is one request into the conversation, but the app's budget counts every request: a send
 * that first creates the 1:1 chat (createConversation) costs the app two.
 */
export interface SendRateLimiter {
  /**
   * The earliest instant ≥ now at which a send to `key` may go (app and conversation limits,
   * holds), costing the app `appRequests` requests (default 1).
   */
  earliest(key: string, now: number, appRequests?: number): number;
  /** Counts one send to `key` at `now` for the conversation, and `appRequests` (default 1) for the app. */
  record(key: string, now: number, appRequests?: number): void;
  /** Nothing to `key` before `until` (its Retry-After). */
  holdKey(key: string, until: number): void;
  /** Nothing at all before `until`: a 429 usually means the whole app is over its budget. */
  holdApp(until: number): void;
  /** How many conversations are remembered (for tests of the memory bound). */
  trackedKeys(): number;
}

interface KeyWindow {
  /** Send times, ascending, none older than the longest window. */
  times: number[];
  holdUntil: number;
}

/** Keeps send times sorted even if the wall clock stepped back between two sends. */
function insertSorted(times: number[], at: number): void {
  let index = times.length;
  while (index > 0 && times[index - 1]! > at) index -= 1;
  times.splice(index, 0, at);
}

/**
 * Drops the times that no window can see any more (before `cutoff` = now − window). A time at
 * exactly `cutoff` still shares a closed span with `now`, so it stays.
 */
function prune(times: number[], cutoff: number): void {
  let stale = 0;
  while (stale < times.length && times[stale]! < cutoff) stale += 1;
  if (stale > 0) times.splice(0, stale);
}

function longest(windows: readonly SlidingWindow[]): number {
  for (const window of windows) {
    if (!Number.isInteger(window.limit) || window.limit < 1 || !(window.windowMs > 0)) {
      throw new RangeError(`invalid send window: ${window.limit} per ${window.windowMs} ms`);
    }
  }
  return Math.max(0, ...windows.map((window) => window.windowMs));
}

/** How often idle conversations are swept out: keeps the memory bounded by the last hour's recipients. */
const SWEEP_EVERY_MS = 60_000;

/**
 * The limiter of one sending process. It remembers send times for the longest window only (an
 * hour for Teams' conversation limits), and forgets a conversation once nothing it remembers can
 * matter any more, so a survey round to thousands of users does not grow it without bound.
 */
export function createSendRateLimiter(limits: SendRateLimits = sendRateLimits()): SendRateLimiter {
  const appSpan = longest(limits.app);
  const keySpan = longest(limits.conversation);
  const appTimes: number[] = [];
  let appHoldUntil = -Infinity;
  const keys = new Map<string, KeyWindow>();
  let lastSweep = -Infinity;

  const sweep = (now: number) => {
    if (now - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = now;
    for (const [key, window] of keys) {
      prune(window.times, now - keySpan);
      if (window.times.length === 0 && window.holdUntil <= now) keys.delete(key);
    }
  };

  const windowOf = (key: string, now: number): KeyWindow | undefined => {
    const window = keys.get(key);
    if (window) prune(window.times, now - keySpan);
    return window;
  };

  return {
    earliest(key, now, appRequests = 1) {
      sweep(now);
      prune(appTimes, now - appSpan);
      const window = windowOf(key, now);
      return Math.max(
        earliestInWindows(appTimes, limits.app, now, appRequests),
        appHoldUntil,
        window ? earliestInWindows(window.times, limits.conversation, now) : now,
        window?.holdUntil ?? now,
      );
    },
    record(key, now, appRequests = 1) {
      sweep(now);
      for (let request = 0; request < appRequests; request += 1) insertSorted(appTimes, now);
      prune(appTimes, now - appSpan);
      const window = windowOf(key, now);
      if (window) insertSorted(window.times, now);
      else keys.set(key, { times: [now], holdUntil: -Infinity });
    },
    holdKey(key, until) {
      const window = keys.get(key);
      if (window) window.holdUntil = Math.max(window.holdUntil, until);
      else keys.set(key, { times: [], holdUntil: until });
    },
    holdApp(until) {
      appHoldUntil = Math.max(appHoldUntil, until);
    },
    trackedKeys: () => keys.size,
  };
}
