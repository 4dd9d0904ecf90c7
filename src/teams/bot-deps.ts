import type { AgentApplication, TurnState } from '@microsoft/agents-hosting';
import type { Logger } from 'pino';
import type { DistrictConfig } from '../config/district';
import type { ChannelPostOutbox } from '../outbox/channel-post-outbox';
import type { CaseService } from '../services/case-service';
import type { ActivityService } from '../services/activity-service';
import type { ConcernService } from '../services/concern-service';
import type { FollowUpService } from '../services/follow-up-service';
import type { ForumService } from '../services/forum-service';
import type { LagesbildLinks } from '../services/lagesbild-links';
import type { SurveyService } from '../services/survey-service';
import type { Settings } from '../store/repositories/settings';
import type { InboundRules } from './inbound-endpoint';

/** Everything the Teams handlers may use; wired once in main.ts. */
export interface BotDeps {
  district: DistrictConfig;
  coordinatorIds: ReadonlySet<string>;
  allowedTenantId?: string;
  /** How the endpoint and bot id an activity names are checked before they are kept. */
  inbound: InboundRules;
  concerns: ConcernService;
  /** Case steps and Visa rapporten. */
  cases: CaseService;
  followUps: FollowUpService;
  surveys: SurveyService;
  forums: ForumService;
  activities: ActivityService;
  /** Queues a month's digest for the coordinators' channel (on demand: a new post each time). */
  digests: { postOnDemand(month: string): Promise<void> };
  /** The lägesbild's key figures and single-use download link. */
  lagesbild: Pick<LagesbildLinks, 'issue'>;
  settings: Settings;
  channelPosts: ChannelPostOutbox;
  log: Logger;
  clock: () => Date;
}

/** The Agents SDK application every feature registers its routes on. */
export type TeamsApp = AgentApplication<TurnState>;
