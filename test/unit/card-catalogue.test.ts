import { describe, expect, it } from 'vitest';
import { CARD_CATALOGUE, cardTemplates, readTemplate, templateActions } from '../browser/card-catalogue';

// The browser test presses every action of test/browser/card-catalogue.ts in the Agents
// Playground; this checks, without a browser, that the catalogue leaves no card or button out.
describe('the browser test catalogue of cards and buttons', () => {
  it('has an entry for every template in cards/, and none for a template that is gone', () => {
    expect(Object.keys(CARD_CATALOGUE).sort()).toEqual(cardTemplates());
  });

  it.each(cardTemplates())('%s: every action of the template has an entry, and every entry an action', (template) => {
    expect(Object.keys(CARD_CATALOGUE[template]?.actions ?? {}).sort()).toEqual(templateActions(readTemplate(template)));
  });

  it('every action answers with a template that exists (or opens a link)', () => {
    const templates = new Set(cardTemplates());
    for (const entry of Object.values(CARD_CATALOGUE)) {
      for (const action of Object.values(entry.actions)) expect(action.answers === 'link' || templates.has(action.answers), action.answers).toBe(true);
    }
  });

  it('finds every kind of action, and only actions (a check that can fail)', () => {
    const card = {
      body: [{ type: 'ActionSet', actions: [{ type: 'Action.Execute', verb: 'a.b', fallback: { type: 'Action.Submit', data: { verb: 'a.fallback' } } }] }],
      actions: [
        { type: 'Action.Submit', data: { verb: 'c.d' } },
        { type: 'Action.OpenUrl', id: 'link', url: 'x' },
        { type: 'Action.ShowCard', title: '${t.more}', card: { body: [{ type: 'Input.Text', id: 'x' }], actions: [{ type: 'Action.Execute', verb: 'e.f' }] } },
      ],
    };
    expect(templateActions(card)).toEqual(['Action.OpenUrl link', 'Action.ShowCard ${t.more}', 'a.b', 'c.d', 'e.f']);
  });
});
