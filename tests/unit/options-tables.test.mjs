// Unit tests for the options page's pure helpers: site order, the rules listed in the matrix
// (catalogue rules by kind, plus rules turned off that the catalogue no longer has), and rule
// ids in readable words when the catalogue has no message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings } from '../../extension/src/shared/settings.js';
import { matrixRules, orderedSites } from '../../extension/src/options/tables.js';
import { readableRuleId, ruleWords } from '../../extension/src/popup/rule-catalog.js';

const catalog = [
  { id: 'ask.buy', category: 'ask', kind: 'invitation', message: 'Someone is looking to buy' },
  { id: 'offer.discount', category: 'offer', kind: 'signal', message: 'Offers a discount or sale' },
  { id: 'contact.dm', category: 'contact', kind: 'signal', message: 'Asks readers to contact you privately' },
];

test('default sites keep their order; added sites follow alphabetically', () => {
  const settings = defaultSettings();
  settings.sites['zeta.example'] = { enabled: true, sensitivity: 'normal', disabledRules: [] };
  settings.sites['alpha.example'] = { enabled: true, sensitivity: 'normal', disabledRules: [] };
  const order = orderedSites(settings);
  assert.deepEqual(order.slice(0, 2), ['reddit', 'x']);
  assert.deepEqual(order.slice(-2), ['alpha.example', 'zeta.example']);
});

test('the matrix lists pitch signals first, and keeps rules turned off that the catalogue lost', () => {
  const settings = defaultSettings();
  settings.sites.x.disabledRules = ['old.rule', 'contact.dm'];
  const rules = matrixRules(catalog, settings);
  assert.deepEqual(rules.map((r) => r.id), ['contact.dm', 'offer.discount', 'ask.buy', 'old.rule']);
  assert.equal(rules.at(-1).stale, true);
  assert.equal(rules.at(-1).message, 'Old: rule');
});

test('rule words come from the catalogue, else from the id', () => {
  assert.equal(ruleWords('contact.dm', catalog), 'Asks readers to contact you privately');
  assert.equal(ruleWords('link.store_front', catalog), 'Link: store front');
  assert.equal(readableRuleId('cta'), 'Cta');
});
