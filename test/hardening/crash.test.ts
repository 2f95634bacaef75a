/**
 * Crash safety, short form of `npm run test:crash`: three rounds of posting enquiries
 * from 8 parallel loops to the real server, SIGKILL at a random moment, restart on the
 * same data folder; every enquiry answered 201 must be there, nothing twice, roll-ups
 * equal to a recount (see support/crash.ts).
 */
import t from 'tap';
import { runCrashRounds } from './support/crash.js';

// Four server starts (about 5–15 s each on a busy machine): more than the default per-file limit.
t.setTimeout(300_000);

t.test('three kill -9 rounds under concurrent writes lose nothing that was acknowledged', async (t) => {
  const lines: string[] = [];
  const report = await runCrashRounds({
    dataDir: t.testdir({}),
    rounds: 3,
    writers: 8,
    killAfterMs: [200, 1200],
    log: (line) => lines.push(line),
  });
  t.comment(lines.join('\n'));
  for (const round of report.rounds) {
    t.same(round.problems, [], `round ${round.round}: ${round.acknowledged} acknowledged, killed after ${round.killAfterMs} ms`);
  }
  t.equal(report.survived, 3, `rounds survived (seed ${report.seed})`);
  t.ok(report.totalAcknowledged > 0, 'the load got enquiries stored before the kills');
});
