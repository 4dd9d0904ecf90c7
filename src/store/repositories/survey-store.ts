import { randomUUID } from 'node:crypto';
import type { SurveyAnswerRecord } from '../../domain/survey/survey-answer';
import type { SurveyRound } from '../../domain/survey/survey-round';
import { queryAll, type DocumentStore, type StoredDocument } from '../document-store';
import { isStoreError } from '../store-error';

const ROUNDS_PARTITION = 'rounds';

/** Survey rounds: a handful a year, in one small partition. */
export class SurveyRounds {
  constructor(private readonly store: DocumentStore) {}

  async all(): Promise<StoredDocument<SurveyRound>[]> {
    return queryAll<SurveyRound>(this.store, 'surveyRounds', { partitionKey: ROUNDS_PARTITION, orderBy: { field: 'opensOn', direction: 'asc' } });
  }

  async get(id: string): Promise<StoredDocument<SurveyRound> | undefined> {
    return this.store.read<SurveyRound>('surveyRounds', ROUNDS_PARTITION, id);
  }

  async create(round: SurveyRound): Promise<void> {
    await this.store.create('surveyRounds', ROUNDS_PARTITION, round.id, round);
  }

  /** Writes a changed round only if nobody changed it in between (two coordinators at once). */
  async replace(document: StoredDocument<SurveyRound>, round: SurveyRound): Promise<void> {
    await this.store.replace('surveyRounds', ROUNDS_PARTITION, document.id, round, document.etag);
  }
}

/** Who has answered a round: only a keyed pseudonym and the unit they were invited under. */
interface ParticipationMark {
  roundId: string;
  unitId: string;
}

/**
 * Answers and participation, kept apart by construction (SPEC §2): an answer is stored under a
 * random id with the round, a date without time and the answer itself; participation under the
 * respondent's pseudonym with no time at all. Nothing in either points at the other.
 */
export class SurveyResponses {
  constructor(private readonly store: DocumentStore) {}

  /**
   * Records an answer once per person and round. Participation is written first and is the
   * guard: a second answer conflicts on it. If the answer itself cannot be stored, the mark is
   * taken back so the person can try again.
   */
  async answerOnce(record: SurveyAnswerRecord, pseudonym: string, unitId: string): Promise<'stored' | 'already_answered'> {
    try {
      await this.store.create<ParticipationMark>('surveyParticipation', record.roundId, pseudonym, { roundId: record.roundId, unitId });
    } catch (error) {
      if (isStoreError(error, 'conflict')) return 'already_answered';
      throw error;
    }
    try {
      await this.store.create('surveyAnswers', record.roundId, randomUUID(), record);
    } catch (error) {
      await this.store.delete('surveyParticipation', record.roundId, pseudonym).catch(() => undefined);
      throw error;
    }
    return 'stored';
  }

  async hasAnswered(roundId: string, pseudonym: string): Promise<boolean> {
    return (await this.store.read('surveyParticipation', roundId, pseudonym)) !== undefined;
  }

  async answers(roundId: string): Promise<SurveyAnswerRecord[]> {
    return (await queryAll<SurveyAnswerRecord>(this.store, 'surveyAnswers', { partitionKey: roundId })).map((document) => document.body);
  }

  /** The pseudonyms of everyone who has answered the round, in one read of its partition. */
  async answeredPseudonyms(roundId: string): Promise<Set<string>> {
    const marks = await queryAll<ParticipationMark>(this.store, 'surveyParticipation', { partitionKey: roundId });
    return new Set(marks.map((mark) => mark.id));
  }

  async answeredByUnit(roundId: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const mark of await queryAll<ParticipationMark>(this.store, 'surveyParticipation', { partitionKey: roundId })) {
      counts.set(mark.body.unitId, (counts.get(mark.body.unitId) ?? 0) + 1);
    }
    return counts;
  }
}
