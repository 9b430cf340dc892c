/**
 * `npm run bench`: autocannon on 127.0.0.1 (10 connections; the targets take turns for
 * BENCH_ROUNDS rounds, 15 by default, of BENCH_SECONDS / rounds each, at least 1 s) for an
 * authenticated "who am I" (GET /session) through @monban/express and @monban/fastify, against bare Express and Fastify handlers answering a fixed JSON body, all
 * measured in the same run. The servers run in one child process (whoami.server.ts) and the
 * load generator here, so they do not share an event loop; the child's CPU time per request is
 * read over IPC, which gives the cost of a request whatever the load generator manages. A
 * third baseline per framework answers Monban's exact bytes (headers and body) from a fixed
 * value, which splits the gap into the cost of the larger answer and the cost of Monban's work.
 * BENCH_PROFILE=dir runs the child under `node --cpu-prof` into that directory.
 */
import autocannon from 'autocannon';
import { startChild } from './child.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 9);
const GOAL = 0.8;

type Info = {
  bareExpress: string;
  monbanExpress: string;
  bareFastify: string;
  monbanFastify: string;
  bareExpressSame: string;
  bareFastifySame: string;
  cookie: string;
};
const profile = process.env.BENCH_PROFILE;
const server = await startChild<Info>(new URL('./whoami.server.ts', import.meta.url), {
  nodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
});
const { info } = server;

type Figure = { rps: number; p50: number; p99: number; cpuUs: number };
async function measure(url: string, headers: Record<string, string>, seconds: number) {
  const cpuBefore = await server.cpuMs();
  const result = await autocannon({ url, connections: 10, duration: seconds, headers });
  const cpu = (await server.cpuMs()) - cpuBefore;
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuUs: (cpu * 1000) / Math.max(1, result.requests.total),
  };
}

const cookie = { cookie: info.cookie };
const targets = [
  ['bare Express', info.bareExpress, {}],
  ['bare Express, same bytes', info.bareExpressSame, {}],
  ['@monban/express who am I', info.monbanExpress, cookie],
  ['bare Fastify', info.bareFastify, {}],
  ['bare Fastify, same bytes', info.bareFastifySame, {}],
  ['@monban/fastify who am I', info.monbanFastify, cookie],
] as const;
// The machine is shared: the targets take turns, ROUNDS times, and each figure is the round with
// the median throughput, so a burst of outside load cannot land on one target alone. The share
// kept is the median of each round's ratio to the bare framework measured just before it: the
// machine's speed drifts by up to 2x within a minute here, and a ratio of neighbours cancels it.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const slice = Math.max(1, Math.round(DURATION / ROUNDS));
for (const [, url, headers] of targets) await measure(url, headers, 1); // untimed JIT warm-up
const rounds: Figure[][] = targets.map(() => []);
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, [, url, headers]] of targets.entries()) {
    rounds[i]!.push(await measure(url, headers, slice));
  }
}
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const figures = rounds.map((list, i) => {
  const middle = [...list].sort((a, b) => a.rps - b.rps)[Math.floor(list.length / 2)]!;
  const figure = { ...middle, cpuUs: median(list.map((f) => f.cpuUs)) };
  console.log(
    `${targets[i]![0].padEnd(26)} ${figure.rps.toFixed(0).padStart(6)} req/s  p50 ${figure.p50} ms  p99 ${figure.p99} ms  server CPU ${figure.cpuUs.toFixed(1).padStart(5)} µs/request  (median of ${ROUNDS} rounds of ${slice} s)`,
  );
  return figure;
});
const [be, bes, me, bf, bfs, mf] = figures as [Figure, Figure, Figure, Figure, Figure, Figure];
/** The median over rounds of target `i`'s throughput over target `base`'s in the same round. */
const paired = (i: number, base: number) =>
  median(rounds[i]!.map((figure, round) => figure.rps / rounds[base]![round]!.rps));
const inProcessUs = Number(await server.call('inProcess'));
console.log(
  `the same who-am-I straight through the HTTP layer in one process (no framework, no socket): ${inProcessUs.toFixed(1)} µs of CPU`,
);
await server.stop();

const verdict = (kept: number) => (kept >= GOAL ? 'met' : 'NOT MET');
const summary: Record<string, unknown> = {};
for (const [name, bare, same, monban, index] of [
  ['Express', be, bes, me, 0],
  ['Fastify', bf, bfs, mf, 3],
] as const) {
  const kept = paired(index + 2, index);
  const keptSame = paired(index + 2, index + 1);
  const capacity = bare.cpuUs / monban.cpuUs;
  summary[name] = { bare, same, monban, kept, keptSame, capacity, inProcessUs, rounds: ROUNDS };
  console.log(
    `${name}: @monban keeps ${(kept * 100).toFixed(0)}% of bare ${name}'s throughput (goal >= 80%: ${verdict(kept)}); ` +
      `server CPU per request ${monban.cpuUs.toFixed(1)} µs vs ${bare.cpuUs.toFixed(1)} µs bare, ` +
      `so a CPU-bound server keeps ${(capacity * 100).toFixed(0)}%; against the same bytes from a fixed value ${(keptSame * 100).toFixed(0)}% ` +
      `(${same.cpuUs.toFixed(1)} µs: the larger answer costs ${(same.cpuUs - bare.cpuUs).toFixed(1)} µs, Monban's work ${(monban.cpuUs - same.cpuUs).toFixed(1)} µs)`,
  );
}
console.log(`BENCH_JSON ${JSON.stringify({ whoami: summary })}`);
