import type { Activity } from '../../domain/activity/activity';
import type { ActivityFollowUp } from '../../domain/activity/follow-up';
import { createOnce, queryAll, type DocumentStore, type StoredDocument } from '../document-store';

const ACTIVITIES = 'activities';
const ACTIVITIES_PARTITION = 'activities';
const FOLLOW_UPS = 'activityFollowUps';

/** The action plan's activities: a few dozen in one partition; a retired one is kept, never deleted. */
export class Activities {
  constructor(private readonly store: DocumentStore) {}

  async all(): Promise<StoredDocument<Activity>[]> {
    return queryAll<Activity>(this.store, ACTIVITIES, { partitionKey: ACTIVITIES_PARTITION });
  }

  async get(id: string): Promise<StoredDocument<Activity> | undefined> {
    return this.store.read<Activity>(ACTIVITIES, ACTIVITIES_PARTITION, id);
  }

  /** False when an activity with this id exists already (a seed that ran before). */
  async create(activity: Activity): Promise<boolean> {
    return createOnce(this.store, ACTIVITIES, ACTIVITIES_PARTITION, activity.id, activity);
  }

  /** Writes only if nobody wrote in between; StoreError `conflict` otherwise. */
  async replace(document: StoredDocument<Activity>, activity: Activity): Promise<void> {
    await this.store.replace(ACTIVITIES, ACTIVITIES_PARTITION, document.id, activity, document.etag);
  }
}

/** One follow-up per activity per year, in the year's partition; the latest answer stands. */
export class ActivityFollowUps {
  constructor(private readonly store: DocumentStore) {}

  async get(year: number, activityId: string): Promise<ActivityFollowUp | undefined> {
    return (await this.store.read<ActivityFollowUp>(FOLLOW_UPS, String(year), activityId))?.body;
  }

  async ofYear(year: number): Promise<ActivityFollowUp[]> {
    return (await queryAll<ActivityFollowUp>(this.store, FOLLOW_UPS, { partitionKey: String(year) })).map((document) => document.body);
  }

  async save(followUp: ActivityFollowUp): Promise<void> {
    await this.store.upsert(FOLLOW_UPS, String(followUp.year), followUp.activityId, followUp);
  }
}
