import { randomInt, randomUUID } from 'node:crypto';
import { shuffled } from '../../domain/survey/answer-pool';
import { buildAnswerRecord, type SurveyAnswer, type SurveyAnswerRecord } from '../../domain/survey/survey-answer';
import type { SurveyRound } from '../../domain/survey/survey-round';
import { queryAll, type DocumentStore, type StoredDocument } from '../document-store';
import { openAnswer, sealAnswer, type PendingAnswer } from '../sealed-answer';
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

  /** Deletes a round where it was read from (drafts only: the rule is the domain's). */
  async delete(document: StoredDocument<SurveyRound>): Promise<boolean> {
    return this.store.delete('surveyRounds', ROUNDS_PARTITION, document.id);
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

/** A pending answer as stored: sealed, padded to one size, and nothing else (no date, no round field). */
interface PoolRecord {
  sealed: string;
}

/**
 * Answers and participation, kept apart by construction (SPEC §2): an answer record has a random
 * id, the round and the answer; a participation mark the respondent's pseudonym and no time. The
 * answer reaches its record only through the pool (`SurveyAnswerPool`), in groups.
 */
export class SurveyResponses {
  constructor(private readonly store: DocumentStore) {}

  async hasAnswered(roundId: string, pseudonym: string): Promise<boolean> {
    return (await this.store.read('surveyParticipation', roundId, pseudonym)) !== undefined;
  }

  /** The round's answer records; pending answers are not among them until released. */
  async answers(roundId: string): Promise<SurveyAnswerRecord[]> {
    return (await queryAll<SurveyAnswerRecord>(this.store, 'surveyAnswers', { partitionKey: roundId })).map((document) => document.body);
  }

  /** The pseudonyms of everyone who has answered the round, in one read of its partition. */
  async answeredPseudonyms(roundId: string): Promise<Set<string>> {
    const marks = await queryAll<ParticipationMark>(this.store, 'surveyParticipation', { partitionKey: roundId });
    return new Set(marks.map((mark) => mark.id));
  }

  /** Completion counts come from the marks, so they are exact while answers still wait in the pool. */
  async answeredByUnit(roundId: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const mark of await queryAll<ParticipationMark>(this.store, 'surveyParticipation', { partitionKey: roundId })) {
      counts.set(mark.body.unitId, (counts.get(mark.body.unitId) ?? 0) + 1);
    }
    return counts;
  }
}

/**
 * The pending pool (domain/survey/answer-pool.ts): answers sealed with a key derived from the
 * installation secret, under random ids, partitioned by round. It lives in the store, so a
 * restart loses nothing, and nothing but its size is ever counted from it.
 */
export class SurveyAnswerPool {
  constructor(
    private readonly store: DocumentStore,
    private readonly key: Buffer,
    private readonly randomBelow: (n: number) => number = randomInt,
  ) {}

  /**
   * Records an answer once per person and round. The participation mark is written first and is
   * the guard: a second answer conflicts on it. If the pending answer cannot be stored, the mark
   * is taken back so the person can try again.
   */
  async answerOnce(roundId: string, answer: SurveyAnswer, pseudonym: string, unitId: string): Promise<'stored' | 'already_answered'> {
    const sealed = sealAnswer(this.key, roundId, { answerId: randomUUID(), answer: buildAnswerRecord(roundId, answer).answer });
    try {
      await this.store.create<ParticipationMark>('surveyParticipation', roundId, pseudonym, { roundId, unitId });
    } catch (error) {
      if (isStoreError(error, 'conflict')) return 'already_answered';
      throw error;
    }
    try {
      await this.store.create<PoolRecord>('surveyAnswerPool', roundId, randomUUID(), { sealed });
    } catch (error) {
      await this.store.delete('surveyParticipation', roundId, pseudonym).catch(() => undefined);
      throw error;
    }
    return 'stored';
  }

  private open(roundId: string, sealed: string): PendingAnswer {
    try {
      return openAnswer(this.key, roundId, sealed);
    } catch (error) {
      // Without DATA_KEY the key is the store's generated secret, which no dump carries.
      throw new Error('a pending survey answer cannot be opened with this installation\'s key (a store imported from a dump made without DATA_KEY?)', { cause: error });
    }
  }

  async size(roundId: string): Promise<number> {
    return this.store.count('surveyAnswerPool', { partitionKey: roundId });
  }

  /**
   * Moves `count` pending answers, chosen at random (all when `count` ≥ the pool), into answer
   * records. Every answer record is written first, in random order, and only then are the pool
   * records deleted, in another random order: were each answer followed by its own delete, the
   * log would pair them. The answer record's id was sealed with the answer, so a second process
   * releasing the same record (or a release repeated after a crash) conflicts instead of storing
   * the answer twice. Returns how many answer records this call wrote.
   */
  async release(roundId: string, count: number): Promise<number> {
    if (count <= 0) return 0;
    const chosen = shuffled(await queryAll<PoolRecord>(this.store, 'surveyAnswerPool', { partitionKey: roundId }), this.randomBelow).slice(0, count);
    let written = 0;
    for (const document of chosen) {
      const { answerId, answer } = this.open(roundId, document.body.sealed);
      try {
        await this.store.create<SurveyAnswerRecord>('surveyAnswers', roundId, answerId, buildAnswerRecord(roundId, answer));
        written += 1;
      } catch (error) {
        if (!isStoreError(error, 'conflict')) throw error;
      }
    }
    for (const document of shuffled(chosen, this.randomBelow)) await this.store.delete('surveyAnswerPool', roundId, document.id);
    return written;
  }
}
