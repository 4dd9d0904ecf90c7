import { CONTAINERS, type ContainerName } from '../document-store';

/** Every container is partitioned on this path; the partition key value the port names lives there. */
export const PARTITION_KEY_PATH = '/pk';

export interface CosmosContainerSpec {
  /** What the partition key value is, for people reading the code and docs/cosmos.md. */
  partitionKey: string;
}

/**
 * The one place that knows the Cosmos containers. Keyed by the port's `ContainerName`, so a name
 * added to `CONTAINERS` in document-store.ts fails the type check here until it gets an entry.
 * The ids are the port's names unchanged.
 */
export const COSMOS_CONTAINERS: { readonly [Name in ContainerName]: CosmosContainerSpec } = {
  reports: { partitionKey: '`<districtId>:<year>`: the reference sequence and the monthly digest stay in one partition' },
  settings: { partitionKey: '`settings`: one small partition' },
  rateLimits: { partitionKey: 'the user pseudonym (keyed HMAC), or a report reference for the questions asked about it' },
  leases: { partitionKey: 'the lease name (one document per partition)' },
  audit: { partitionKey: '`YYYY-MM` of the entry' },
  outbox: { partitionKey: 'the batch: a survey round id, a reminder day of a round, or a forum meeting step (one document per recipient)' },
  jobRuns: { partitionKey: 'the job name: its runs, one document per period (the idempotency key)' },
  surveyRounds: { partitionKey: '`rounds`: a handful of rounds a year, one small partition' },
  surveyAnswers: { partitionKey: 'the round id: results read one partition' },
  surveyParticipation: { partitionKey: 'the round id; the document id is the respondent pseudonym' },
  surveyAnswerPool: { partitionKey: 'the round id: sealed answers waiting to be moved into `surveyAnswers` in groups' },
  channelMessages: { partitionKey: '`channel`: digests and forum follow-ups waiting for or sent to the coordinators\' channel, a few a month' },
  forums: { partitionKey: '`forums`: the district\'s collaboration forums, one small partition' },
  forumMeetings: { partitionKey: 'the forum id; the document id is the meeting date' },
  reporterLinks: { partitionKey: 'the report reference; one sealed way back to its reporter, for the follow-up' },
  activities: { partitionKey: '`activities`: the action plan\'s activities, retired ones included, one small partition' },
  activityFollowUps: { partitionKey: 'the follow-up year (`YYYY`); the document id is the activity id' },
  downloadLinks: { partitionKey: '`links`: single-use download links (the lägesbild), each under the SHA-256 of its token, gone once used or expired' },
};

/** The container names in the port's order (the same list as `CONTAINERS`). */
export const COSMOS_CONTAINER_NAMES: readonly ContainerName[] = CONTAINERS;
