import { dueStep, markStepQueued } from '../domain/forum/meeting';
import { stockholmDate } from '../domain/stockholm-time';
import type { DocumentStore } from '../store/document-store';
import { ForumMeetings, Forums } from '../store/repositories/forums';
import { OutboxMessages } from '../store/repositories/outbox-messages';
import type { ForumStepRef } from './direct-message-cards';
import { advanceForum } from './forum-service';

/**
 * The nudges job (SPEC §3), once a working day from 09:00: moves each forum on to its next
 * meeting, then queues for the chair whatever is due: the nudge, the one reminder, the
 * follow-up of a past meeting. Each message is its own outbox batch named by forum, meeting,
 * step and day, so a rerun queues nothing twice; the running bot's outbox sends them.
 */
export async function queueForumSteps(store: DocumentStore, now: Date, queueAt = now): Promise<{ forums: number; nudges: number; reminders: number; followups: number }> {
  const forums = new Forums(store);
  const meetings = new ForumMeetings(store);
  const outbox = new OutboxMessages(store);
  const today = stockholmDate(now);
  const counts = { forums: 0, nudges: 0, reminders: 0, followups: 0 };
  for (const document of await forums.all()) {
    counts.forums += 1;
    const forum = await advanceForum(forums, meetings, document, today);
    for (const meeting of await meetings.ofForum(forum.id)) {
      const step = dueStep(meeting.body, forum.leadWorkingDays, today);
      if (!step) continue;
      // Nudges and reminders only for the meeting the forum is heading for; follow-ups for any past one.
      if (step !== 'followup' && meeting.body.plannedOn !== forum.nextMeetingOn) continue;
      const payload: ForumStepRef = { kind: 'forum', forumId: forum.id, plannedOn: meeting.body.plannedOn, step };
      const { chair } = forum;
      await outbox.enqueueAll(
        `forum:${forum.id}:${meeting.body.plannedOn}:${step}:${today}`,
        [{ aadObjectId: chair.aadObjectId, name: chair.name, ...(chair.userId ? { userId: chair.userId } : {}), group: forum.id }],
        payload,
        queueAt,
      );
      await meetings.replace(meeting, markStepQueued(meeting.body, step, today));
      counts[step === 'nudge' ? 'nudges' : step === 'reminder' ? 'reminders' : 'followups'] += 1;
    }
  }
  return counts;
}
