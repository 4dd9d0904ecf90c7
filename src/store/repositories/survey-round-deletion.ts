import type { SurveyRound } from '../../domain/survey/survey-round';
import type { DocumentStore, StoredDocument } from '../document-store';

/**
 * Deletes a stored survey round where it was read from (drafts only; the rule is the domain's).
 * Kept beside SurveyRounds (survey-store.ts) rather than in it while that file changes elsewhere;
 * it belongs there as `SurveyRounds.delete`.
 */
export function surveyRoundDeleter(store: DocumentStore): (document: StoredDocument<SurveyRound>) => Promise<boolean> {
  return (document) => store.delete('surveyRounds', document.partitionKey, document.id);
}
