import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { CARDS_DIR } from '../paths';

/** An Adaptive Card as plain JSON, ready to be wrapped in an attachment by the transport. */
export type AdaptiveCardJson = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

export type CardTemplateName =
  | 'welcome'
  | 'concern-form'
  | 'concern-receipt'
  | 'concern-channel-post'
  | 'concern-report'
  | 'concern-deleted'
  | 'followup-ask'
  | 'followup-question'
  | 'followup-add'
  | 'followup-done'
  | 'routine'
  | 'help'
  | 'survey'
  | 'survey-admin'
  | 'survey-status'
  | 'survey-results'
  | 'forum-registry'
  | 'forum-nudge'
  | 'forum-followup'
  | 'forum-followup-post'
  | 'activity-registry'
  | 'activity-followup'
  | 'notice'
  | 'digest'
  | 'case-reminder'
  | 'lagesbild';

const templates = new Map<CardTemplateName, ACData.Template>();

function template(name: CardTemplateName): ACData.Template {
  let loaded = templates.get(name);
  if (!loaded) {
    loaded = new ACData.Template(JSON.parse(readFileSync(join(CARDS_DIR, `${name}.json`), 'utf8')));
    templates.set(name, loaded);
  }
  return loaded;
}

/**
 * Expands a template of `cards/` with data. User text is only ever data here: the templating
 * engine does not evaluate expressions found inside data values.
 */
export function renderCard(name: CardTemplateName, data: object): AdaptiveCardJson {
  return template(name).expand({ $root: data }) as AdaptiveCardJson;
}
