import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { AppConfig } from './config/env';
import { loadDistrictConfig, type DistrictConfig } from './config/district';
import { createHttpServer } from './http/server';
import { JobRunner } from './jobs/job-runner';
import { Scheduler } from './jobs/scheduler';
import { ChannelPostOutbox } from './outbox/channel-post-outbox';
import { createSendRateLimiter, sendRateLimits } from './domain/send-rate-limit';
import { channelMessagePosts, reportPosts, reportPostUpdates } from './outbox/channel-post-sources';
import { ChannelMessages } from './store/repositories/channel-messages';
import { ForumMeetings, Forums } from './store/repositories/forums';
import { ForumService } from './services/forum-service';
import { ActivityService } from './services/activity-service';
import { Activities, ActivityFollowUps } from './store/repositories/activities';
import { directMessageCards, reportFigures } from './services/direct-message-cards';
import { queueDigest } from './services/digest-service';
import { forumFollowupPostCard } from './cards/forum-cards';
import { stringsFor } from './domain/i18n';
import { DirectMessageOutbox } from './outbox/direct-message-outbox';
import { SurveyService } from './services/survey-service';
import { OutboxMessages } from './store/repositories/outbox-messages';
import { SurveyAnswerPool, SurveyResponses, SurveyRounds } from './store/repositories/survey-store';
import { CaseService } from './services/case-service';
import { ConcernService } from './services/concern-service';
import { LagesbildLinks } from './services/lagesbild-links';
import { DownloadLinks } from './store/repositories/download-links';
import { answerPoolKey, createPseudonymizer, pseudonymSecret, reporterLinkKey } from './services/pseudonym';
import { FollowUpService } from './services/follow-up-service';
import { FollowUpDelivery } from './services/follow-up-delivery';
import { ReporterLinks } from './store/repositories/reporter-links';
import type { DocumentStore } from './store/document-store';
import { ConcernReports } from './store/repositories/concern-reports';
import { RateLimits } from './store/repositories/rate-limits';
import { Settings } from './store/repositories/settings';
import { openStore } from './store/open-store';
import { AuditLog } from './store/repositories/audit-log';
import { createTeamsTransport } from './teams';
import { isDeadlineExceeded, withDeadline } from './deadline';
import { errorFields } from './log';

export interface RunningApp {
  port: number;
  district: DistrictConfig;
  store: DocumentStore;
  /** Graceful stop: no new requests, turns in progress finish, pending posts settle, store closed. */
  stop(): Promise<void>;
}

export interface StartOptions {
  log: Logger;
  clock?: () => Date;
  random?: () => number;
  /** For tests: a store built by the caller (default: the store named in config). */
  store?: DocumentStore;
  /** For tests that drive jobs themselves: false = no scheduled jobs in this instance. */
  scheduler?: boolean;
}

/** The one place that wires the app together. */
export async function startApp(config: AppConfig, options: StartOptions): Promise<RunningApp> {
  const { log } = options;
  const clock = options.clock ?? (() => new Date());
  const random = options.random ?? Math.random;
  const district = loadDistrictConfig(config.districtConfigPath);
  const store = options.store ?? (await openStore(config));

  const settings = new Settings(store);
  const reports = new ConcernReports(store);
  const audit = new AuditLog(store);
  const secret = await pseudonymSecret(config.dataKey, settings);
  const transport = createTeamsTransport(config.credentials, config.outboundTimeoutMs);
  const pseudonymize = createPseudonymizer(secret);
  const channelMessages = new ChannelMessages(store);
  const channelPosts = new ChannelPostOutbox({
    sources: [reportPosts(reports, audit, district), reportPostUpdates(reports, district), channelMessagePosts(channelMessages)],
    poster: transport.channelPoster(settings),
    clock,
    random,
    log,
  });
  // The sealed way back to reporters: this one instance, given to the follow-up only.
  const reporterLinks = new ReporterLinks(store, reporterLinkKey(secret));
  const followUpDelivery = new FollowUpDelivery({ district, reports, links: reporterLinks });
  let kickDirectMessages = () => {};
  const followUps = new FollowUpService({
    district,
    reports,
    links: reporterLinks,
    rateLimits: new RateLimits(store),
    audit,
    outbox: new OutboxMessages(store),
    pseudonymize,
    clock,
    onQueued: () => kickDirectMessages(),
  });
  const concerns = new ConcernService({
    district,
    reports,
    rateLimits: new RateLimits(store),
    audit,
    pseudonymize,
    clock,
    onReportStored: () => void channelPosts.kick(),
    keepReach: (report, turn) => followUps.keepReach(report, turn),
  });
  const cases = new CaseService({ district, reports, audit, clock, onPostUpdateRequested: () => void channelPosts.kick() });
  const forums = new Forums(store);
  const figures = reportFigures({ district, reports, clock });
  const forumMeetings = new ForumMeetings(store);
  const surveyRounds = new SurveyRounds(store);
  const activities = new Activities(store);
  const activityFollowUps = new ActivityFollowUps(store);
  const outboxCards = directMessageCards({ district, forums, meetings: forumMeetings, rounds: surveyRounds, figures, activities, followUps: activityFollowUps });
  const directMessages = new DirectMessageOutbox({
    messages: new OutboxMessages(store, { claimTtlMs: config.outboxClaimSeconds * 1000 }),
    limiter: createSendRateLimiter(sendRateLimits(config.outboxSendsPerSecond)),
    // A follow-up question is sent to the chat in its sealed link, opened at send time (follow-up-delivery.ts).
    sender: followUpDelivery.sender(
      transport.directMessageSender(settings, (payloadRef) => (payloadRef.kind === 'followup' ? followUpDelivery.card(payloadRef) : outboxCards(payloadRef))),
    ),
    clock,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random,
    log,
  });
  kickDirectMessages = () => directMessages.kick();
  const answerPool = new SurveyAnswerPool(store, answerPoolKey(secret));
  const surveys = new SurveyService({
    district,
    rounds: surveyRounds,
    responses: new SurveyResponses(store),
    pool: answerPool,
    outbox: new OutboxMessages(store),
    readRoster: transport.rosterReader(settings),
    pseudonymize,
    clock,
    onQueued: () => directMessages.kick(),
  });
  const forumService = new ForumService({
    district,
    forums,
    meetings: forumMeetings,
    readRoster: transport.rosterReader(settings),
    clock,
    figures,
    async onFollowup(forum, meeting) {
      // The chair's answer goes to the coordinators' channel through its outbox, once per meeting.
      const card = forumFollowupPostCard(stringsFor(district.language), forum, meeting);
      await channelMessages.enqueue(`followup:${forum.id}:${meeting.plannedOn}`, { kind: 'forum-followup', card }, clock());
      void channelPosts.kick();
    },
  });
  await forumService.seed();
  const activityService = new ActivityService({
    district,
    activities,
    followUps: activityFollowUps,
    outbox: new OutboxMessages(store),
    audit,
    readRoster: transport.rosterReader(settings),
    clock,
  });
  await activityService.seed();
  // The public address is known once listening when PUBLIC_BASE_URL is unset (port 0 in tests).
  let baseUrl = config.publicBaseUrl ?? '';
  const lagesbild = new LagesbildLinks({
    lagesbild: { store, district, pool: answerPool, clock },
    links: new DownloadLinks(store),
    audit,
    baseUrl: () => baseUrl,
  });
  const processActivity = transport.messageEndpoint({
    district,
    coordinatorIds: config.coordinatorIds,
    allowedTenantId: config.allowedTenantId,
    inbound: { botAppId: config.credentials?.appId, allowLoopbackHttp: config.nodeEnv !== 'production' },
    concerns,
    cases,
    followUps,
    surveys,
    forums: forumService,
    activities: activityService,
    digests: {
      async postOnDemand(month) {
        await queueDigest(store, district, month, clock(), true);
        void channelPosts.kick();
      },
    },
    lagesbild,
    settings,
    channelPosts,
    log,
    clock,
  });

  const flushOutboxes = () => {
    void channelPosts.kick();
    directMessages.kick();
  };
  const scheduler = new Scheduler(
    new JobRunner({ config, store, log, pseudonymize, district }, `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`),
    clock,
    (job, error) => log.error({ event: 'job.failed', job, err: errorFields(error) }, 'scheduled job failed'),
    flushOutboxes,
  );

  const http = createHttpServer({ processActivity, checkReady: () => store.ping(), log, download: (token) => lagesbild.download(token) });
  const { port } = await http.listen(config.port, config.host);
  if (!config.publicBaseUrl) {
    baseUrl = `http://localhost:${port}`;
    if (config.nodeEnv === 'production') log.warn({ event: 'public_base_url.unset' }, 'PUBLIC_BASE_URL is not set: download links point at localhost');
  }
  scheduler.startFlush(config.outboxRetrySeconds, flushOutboxes);
  if (options.scheduler !== false) scheduler.start();

  if (!config.credentials) log.warn({ event: 'auth.off' }, 'MicrosoftAppId is not set: Bot Framework authentication is off (development only)');
  log.info({ event: 'started', port, store: config.store, district: district.id }, 'VBE-stöd is listening');

  return {
    port,
    district,
    store,
    async stop() {
      await scheduler.stop();
      // Bounded: a turn or send stuck on a peer must not keep the process alive. What was not
      // sent stays in the store (a claim left open expires) for the next start.
      await withDeadline(config.shutdownTimeoutMs, 'graceful stop', async () => {
        await http.close();
        await channelPosts.stop();
        await directMessages.stop();
      }).catch((error: unknown) => {
        if (!isDeadlineExceeded(error)) throw error;
        log.warn({ event: 'stop.timed_out', afterMs: config.shutdownTimeoutMs }, 'stopping without waiting any longer');
        // Nothing new starts; the store closes under whatever is still waiting.
        void channelPosts.stop();
        void directMessages.stop();
      });
      await store.close();
      log.info({ event: 'stopped' }, 'VBE-stöd stopped');
    },
  };
}
