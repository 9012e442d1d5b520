// Which writes are guessed: on portals without limits, fewer after guesses that went wrong.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PairWriteSettings, type PairWriteSettingsRow } from './pair-write-guess.js';

const quiet: PairWriteSettingsRow = {
  labels: [{ type_id: 2 }],
  limits: [],
  webhooks: [],
  journal: [],
  settings_version: 3,
};

/** Of the next `count` writes of portal 7, which are guessed (`1`) and which are not (`0`). */
function next(settings: PairWriteSettings, count: number): string {
  return Array.from({ length: count }, () => (settings.guessable(7) ? '1' : '0')).join('');
}

test('a portal is guessed on once read, unless it has limits; subscriptions do not stop it', () => {
  const settings = new PairWriteSettings();
  assert.equal(settings.guessable(7), undefined);
  settings.remember(7, quiet);
  assert.equal(settings.guessable(7), quiet);
  settings.remember(7, { ...quiet, limits: [{ max_to_object_ids: 1 }] });
  assert.equal(settings.guessable(7), undefined);
  const followed = { ...quiet, webhooks: [{ id: 1 }], journal: [{ id: 1 }] };
  settings.remember(7, followed);
  assert.equal(settings.guessable(7), followed);
});

test('a removal of pairs is guessed only while nothing follows changes: its events need the rows it finds', () => {
  const settings = new PairWriteSettings();
  settings.remember(7, quiet);
  assert.equal(settings.guessable(7, true), quiet);
  settings.remember(7, { ...quiet, webhooks: [{ id: 1 }] });
  assert.equal(settings.guessable(7, true), undefined);
  settings.remember(7, { ...quiet, journal: [{ id: 1 }] });
  assert.equal(settings.guessable(7, true), undefined);
});

test('after each wrong guess in a row, twice as many writes go unguessed; a right one ends it', () => {
  const settings = new PairWriteSettings();
  settings.remember(7, quiet);
  settings.guessedWrong(7);
  assert.equal(next(settings, 2), '01');
  settings.guessedWrong(7);
  assert.equal(next(settings, 3), '001');
  settings.guessedWrong(7);
  assert.equal(next(settings, 5), '00001');
  settings.guessedRight(7);
  assert.equal(next(settings, 2), '11');
  for (let wrong = 0; wrong < 20; wrong++) settings.guessedWrong(7);
  assert.equal(next(settings, 1025), `${'0'.repeat(1024)}1`);
});
