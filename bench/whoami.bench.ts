/**
 * `npm run bench -w @monban/bench` (first part): autocannon on 127.0.0.1 (10 connections; the
 * targets take turns for BENCH_ROUNDS rounds, 15 by default, of BENCH_SECONDS / rounds each, at
 * least 1 s) for an authenticated "who am I" (GET /session) through @monban/express and
 * @monban/fastify, against bare Express and Fastify handlers answering a fixed JSON body and
 * against better-auth's get-session behind the same frameworks, all measured in the same run.
 * The servers run in one child process (whoami.server.ts) and the load generator here, so they
 * do not share an event loop; the child's CPU time per request is read over IPC, which gives
 * the cost of a request whatever the load generator manages. A third baseline per framework
 * answers Monban's exact bytes (headers and body) from a fixed value, which splits the gap into
 * the cost of the larger answer and the cost of Monban's work. BENCH_PROFILE=dir runs the child
 * under `node --cpu-prof` into that directory.
 */
import autocannon from 'autocannon';
import { startChild } from './child.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 9);
const GOAL = 0.8;
/** Monban's who-am-I against better-auth's get-session, on the same framework. */
const PEER_GOAL = 3;

type Info = {
  bareExpress: string;
  monbanExpress: string;
  bareFastify: string;
  monbanFastify: string;
  bareExpressSame: string;
  bareFastifySame: string;
  cookie: string;
  peerExpress: string;
  peerFastify: string;
  peerExpressApi: string;
  peerFastifyApi: string;
  peerCookie: string;
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
const peerCookie = { cookie: info.peerCookie };
const targets = [
  ['bare Express', info.bareExpress, {}],
  ['bare Express, same bytes', info.bareExpressSame, {}],
  ['@monban/express who am I', info.monbanExpress, cookie],
  ['better-auth get-session, Express', info.peerExpress, peerCookie],
  ['better-auth api.getSession, Express', info.peerExpressApi, peerCookie],
  ['bare Fastify', info.bareFastify, {}],
  ['bare Fastify, same bytes', info.bareFastifySame, {}],
  ['@monban/fastify who am I', info.monbanFastify, cookie],
  ['better-auth get-session, Fastify', info.peerFastify, peerCookie],
  ['better-auth api.getSession, Fastify', info.peerFastifyApi, peerCookie],
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
    `${targets[i]![0].padEnd(36)} ${figure.rps.toFixed(0).padStart(6)} req/s  p50 ${figure.p50} ms  p99 ${figure.p99} ms  server CPU ${figure.cpuUs.toFixed(1).padStart(5)} µs/request  (median of ${ROUNDS} rounds of ${slice} s)`,
  );
  return figure;
});
/** The index of the target named `name`, and its figure. */
const at = (name: string) => targets.findIndex(([label]) => label === name);
const figureOf = (name: string) => figures[at(name)]!;
/** The median over rounds of target `i`'s throughput over target `base`'s in the same round. */
const paired = (i: number, base: number) =>
  median(rounds[i]!.map((figure, round) => figure.rps / rounds[base]![round]!.rps));
const inProcessUs = Number(await server.call('inProcess'));
console.log(
  `the same who-am-I straight through the HTTP layer in one process (no framework, no socket): ${inProcessUs.toFixed(1)} µs of CPU`,
);
await server.stop();

const verdict = (met: boolean) => (met ? 'met' : 'NOT MET');
const summary: Record<string, unknown> = {};
const peers: Record<string, unknown> = {};
for (const name of ['Express', 'Fastify'] as const) {
  const bareAt = at(`bare ${name}`);
  const monbanAt = at(`@monban/${name.toLowerCase()} who am I`);
  const [bare, same, monban] = [bareAt, bareAt + 1, monbanAt].map((i) => figures[i]!) as [
    Figure,
    Figure,
    Figure,
  ];
  const kept = paired(monbanAt, bareAt);
  const keptSame = paired(monbanAt, bareAt + 1);
  const capacity = bare.cpuUs / monban.cpuUs;
  summary[name] = { bare, same, monban, kept, keptSame, capacity, inProcessUs, rounds: ROUNDS };
  console.log(
    `${name}: @monban keeps ${(kept * 100).toFixed(0)}% of bare ${name}'s throughput (goal >= 80%: ${verdict(kept >= GOAL)}); ` +
      `server CPU per request ${monban.cpuUs.toFixed(1)} µs vs ${bare.cpuUs.toFixed(1)} µs bare, ` +
      `so a CPU-bound server keeps ${(capacity * 100).toFixed(0)}%; against the same bytes from a fixed value ${(keptSame * 100).toFixed(0)}% ` +
      `(${same.cpuUs.toFixed(1)} µs: the larger answer costs ${(same.cpuUs - bare.cpuUs).toFixed(1)} µs, Monban's work ${(monban.cpuUs - same.cpuUs).toFixed(1)} µs)`,
  );
  // Against better-auth: throughput paired round by round, and server CPU per request (what a
  // CPU-bound server would turn into throughput, the load generator's share left out).
  const peer: Record<string, unknown> = { monban, rounds: ROUNDS };
  for (const [key, label] of [
    ['endpoint', `better-auth get-session, ${name}`],
    ['api', `better-auth api.getSession, ${name}`],
  ] as const) {
    const other = figureOf(label);
    const times = paired(monbanAt, at(label));
    const cpuTimes = other.cpuUs / monban.cpuUs;
    peer[key] = { figure: other, times, cpuTimes, kept: paired(at(label), bareAt) };
    console.log(
      `${name}: @monban answers ${times.toFixed(2)}x the throughput of ${label.replace(`, ${name}`, '')} (goal >= ${PEER_GOAL}x: ${verdict(times >= PEER_GOAL)}); ` +
        `server CPU per request ${monban.cpuUs.toFixed(1)} µs vs ${other.cpuUs.toFixed(1)} µs (${cpuTimes.toFixed(1)}x)`,
    );
  }
  peers[name] = peer;
}
console.log(`BENCH_JSON ${JSON.stringify({ whoami: summary, peerWhoami: peers })}`);
