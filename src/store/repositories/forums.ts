import type { Forum } from '../../domain/forum/forum';
import type { ForumMeeting } from '../../domain/forum/meeting';
import { createOnce, queryAll, type DocumentStore, type StoredDocument } from '../document-store';
import { isStoreError } from '../store-error';

const FORUMS = 'forums';
const FORUMS_PARTITION = 'forums';
const MEETINGS = 'forumMeetings';

/** The forum registry: a few dozen forums in one partition. */
export class Forums {
  constructor(private readonly store: DocumentStore) {}

  async all(): Promise<StoredDocument<Forum>[]> {
    const forums = await queryAll<Forum>(this.store, FORUMS, { partitionKey: FORUMS_PARTITION });
    return forums.sort((a, b) => a.body.name.localeCompare(b.body.name, 'sv'));
  }

  async get(id: string): Promise<StoredDocument<Forum> | undefined> {
    return this.store.read<Forum>(FORUMS, FORUMS_PARTITION, id);
  }

  /** False when a forum with this id exists already (a seed that ran before). */
  async create(forum: Forum): Promise<boolean> {
    return createOnce(this.store, FORUMS, FORUMS_PARTITION, forum.id, forum);
  }

  /** Writes only if nobody wrote in between; StoreError `conflict` otherwise. */
  async replace(document: StoredDocument<Forum>, forum: Forum): Promise<void> {
    await this.store.replace(FORUMS, FORUMS_PARTITION, document.id, forum, document.etag);
  }

  async delete(id: string): Promise<boolean> {
    return this.store.delete(FORUMS, FORUMS_PARTITION, id);
  }
}

/** Meetings per forum, by their planned date; they stay after the forum's next meeting moves on, for coverage. */
export class ForumMeetings {
  constructor(private readonly store: DocumentStore) {}

  async get(forumId: string, plannedOn: string): Promise<StoredDocument<ForumMeeting> | undefined> {
    return this.store.read<ForumMeeting>(MEETINGS, forumId, plannedOn);
  }

  /** Creates the meeting unless it exists; returns the stored one either way. */
  async ensure(meeting: ForumMeeting): Promise<StoredDocument<ForumMeeting>> {
    try {
      return await this.store.create(MEETINGS, meeting.forumId, meeting.plannedOn, meeting);
    } catch (error) {
      if (!isStoreError(error, 'conflict')) throw error;
      return (await this.get(meeting.forumId, meeting.plannedOn))!;
    }
  }

  /** Writes only if nobody wrote in between; StoreError `conflict` otherwise. */
  async replace(document: StoredDocument<ForumMeeting>, meeting: ForumMeeting): Promise<StoredDocument<ForumMeeting>> {
    return this.store.replace(MEETINGS, meeting.forumId, document.id, meeting, document.etag);
  }

  async ofForum(forumId: string): Promise<StoredDocument<ForumMeeting>[]> {
    return queryAll<ForumMeeting>(this.store, MEETINGS, { partitionKey: forumId });
  }
}
