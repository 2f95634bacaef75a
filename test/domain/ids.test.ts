import t from 'tap';
import { CALLERS, CHANNELS, DISTRICT_CODES, DISTRICTS, isDistrictCode, isTopicId, OUTCOMES, roleGrants, ROLES, TOPIC_IDS, TOPIC_LABELS } from '../../src/domain/ids.js';
import { passwordProblem } from '../../src/domain/password-policy.js';
import { DomainError, InvalidInputError, isDomainError } from '../../src/domain/errors.js';

t.test('the vocabulary of SPEC §2 and §4', async (t) => {
  t.equal(TOPIC_IDS.length, 13);
  t.same(Object.keys(TOPIC_LABELS), [...TOPIC_IDS]);
  t.equal(DISTRICT_CODES.length, 14);
  t.equal(DISTRICTS['15084'], 'Burgenlandkreis');
  t.same([...CALLERS], ['ehrenamt', 'beratung', 'behoerde', 'kommune', 'unternehmen', 'migrant', 'migrantenorganisation', 'sonstige']);
  t.same([...CHANNELS], ['telefon', 'email', 'vor-ort', 'sonstige']);
  t.same([...OUTCOMES], ['beantwortet', 'weiterverwiesen', 'rueckruf', 'offen']);
  t.same([...ROLES], ['adviser', 'lead', 'editor', 'admin']);
  t.ok(isTopicId('frauen-familie'));
  t.notOk(isTopicId('steuern'));
  t.ok(isDistrictCode('15001'));
  t.notOk(isDistrictCode('toString'), 'no prototype keys');
});

t.test('admin has every right; others only their own', async (t) => {
  for (const required of ROLES) {
    t.ok(roleGrants('admin', required));
    for (const role of ROLES.filter((r) => r !== 'admin')) t.equal(roleGrants(role, required), role === required, `${role} → ${required}`);
  }
});

t.test('password rule and domain errors', async (t) => {
  t.match(passwordProblem('anna', 'kurz'), /mindestens 12/);
  t.match(passwordProblem('annaschmidt12', ' AnnaSchmidt12 '), /nicht der Benutzername/);
  t.equal(passwordProblem('anna', 'ein-langes-passwort'), null);
  t.equal(passwordProblem('anna', '🔑'.repeat(12)), null, 'characters, not UTF-16 units');
  const error = new InvalidInputError('X', 'Falsch.', [{ path: 'body.x', message: 'Falsch.' }]);
  t.ok(isDomainError(error));
  t.ok(error instanceof DomainError);
  t.match(error, { name: 'InvalidInputError', kind: 'invalid', code: 'X', details: {} });
  t.notOk(isDomainError(new Error('x')));
  const withCause = new DomainError('conflict', 'Y', 'Konflikt.', { cause: error, details: { a: 1 } });
  t.equal(withCause.cause, error);
  t.same(withCause.details, { a: 1 });
});
