// Load script (not a test): sustained throughput of `records.anchor` (EHR hash anchoring)
// and of plain `balances.transferKeepAlive` against a running iomt-node, normally the
// throw-away `iomt-node --dev --tmp` that scripts/load.sh starts:
//
//   IOMT_WS=ws://127.0.0.1:9944 DURATION=60 node tests/load/anchors.mjs
//
// What it does:
//   1. set-up: derives SENDERS accounts (`<LOAD_SEED>/<i>` from the dev phrase), funds them
//      from Alice with utility.batchAll, and (for the anchor phase) lets every sender register
//      its own patient pseudonym, so that it may anchor as that patient's controller;
//   2. one phase per kind (PHASES, default "transfer,anchor"): for DURATION seconds every
//      sender signs and submits (author_submitExtrinsic) extrinsics with locally tracked
//      nonces, keeping up to IN_FLIGHT of them not yet included per sender, so the pool
//      stays full; the measured window starts once every sender's pipeline is full (a
//      warm-up) and the pool is drained after it, before the next phase;
//   3. counting: the blocks produced during a phase's window (after the best head at its
//      start, up to the best head at its end) are read back; an extrinsic counts as
//      included when its block has a system.ExtrinsicSuccess for it, failures
//      (ExtrinsicFailed) are counted separately. Rates are taken over the span of the
//      blocks' timestamps (timestamp.now).
//
// Output: a human-readable summary, then one JSON line (also written to RESULT_FILE if set).
// Exit code: 0 if both phases included extrinsics without any ExtrinsicFailed, 1 otherwise,
// 2 on a set-up error. Every wait is bounded, so a dead or stuck node ends the run.
//
// Environment (defaults in brackets):
//   IOMT_WS [ws://127.0.0.1:9944]  DURATION [60] seconds per phase  SENDERS [32]
//   IN_FLIGHT [96] not-yet-included extrinsics per sender. SENDERS*IN_FLIGHT must exceed
//     what one block takes (else the client, not the chain, is measured) and stay well
//     below the node's --pool-limit (8192 by default; the pool seems to count included but
//     not yet finalized transactions too): 32 x 192 already met refusals (1016), which
//     the script re-submits but which cost client time
//   PHASES [transfer,anchor]  FUND_UNITS [1000] IOMT given to every sender
//   LOAD_SEED [//load] derivation prefix of the senders (change it to re-run on a
//     persistent chain)  RESULT_FILE  NODE_PID / NODE_LOG (optional: the node's CPU time
//     and its "Prepared block for proposing" log lines are then reported as well)

import { readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';

import { Keyring } from '@polkadot/keyring';

import { CODEC_RAW, ONE_IOMT, SS58, WS, chainConnection, cidV1Sha256, dispatchErrorName, signAndWait, withTimeout } from '../lib/chain.mjs';

const env = process.env;
const DURATION = Number(env.DURATION || 60);
const SENDERS = Number(env.SENDERS || 32);
const IN_FLIGHT = Number(env.IN_FLIGHT || 96);
const PHASES = (env.PHASES || 'transfer,anchor').split(',').map((s) => s.trim()).filter(Boolean);
const FUND_UNITS = BigInt(env.FUND_UNITS || 1000);
const LOAD_SEED = env.LOAD_SEED || '//load';
const NODE_PID = env.NODE_PID ? Number(env.NODE_PID) : null;
const NODE_LOG = env.NODE_LOG || null;
const RESULT_FILE = env.RESULT_FILE || null;

const LOADAVG_AT_START = os.loadavg().map((x) => Math.round(x * 100) / 100);

const CONNECT_TIMEOUT_MS = 60_000;
const SETUP_TX_TIMEOUT_MS = 120_000;
const DRAIN_TIMEOUT_MS = 120_000;
const HEAD_TIMEOUT_MS = 60_000;
/** Submission RPCs awaiting an answer, at most (bounds the client's memory and the socket). */
const MAX_PENDING_RPC = 512;
/** A sender whose on-chain nonce has not moved for this many blocks more than the backlog
 * needs gets its next nonce submitted again (in case the pool dropped it). */
const STALL_BLOCKS = 3;
/** Longest warm-up (filling the pool) before a phase's measured window starts anyway. */
const WARMUP_MAX_MS = 60_000;
/** Funding transfers per utility.batchAll. */
const FUND_BATCH = 64;

const PHASE_CALLS = {
  transfer: { section: 'balances', method: 'transferKeepAlive', event: ['balances', 'Transfer'] },
  anchor: { section: 'records', method: 'anchor', event: ['records', 'RecordAnchored'] },
};
for (const p of PHASES) {
  if (!PHASE_CALLS[p]) {
    console.error(`error: unknown phase "${p}" (known: ${Object.keys(PHASE_CALLS).join(', ')})`);
    process.exit(2);
  }
}

const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const tick = () => new Promise((r) => setImmediate(r));

// ---- process CPU accounting (Linux /proc) ------------------------------------------------

const CLK_TCK = 100; // USER_HZ on Linux
function nodeCpuSeconds() {
  if (!NODE_PID) return null;
  try {
    // fields after the ")" of the command name: state is field 3, utime 14, stime 15
    const stat = readFileSync(`/proc/${NODE_PID}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / CLK_TCK;
  } catch {
    return null;
  }
}
function machineCpu() {
  let busy = 0;
  let total = 0;
  for (const c of os.cpus()) {
    const t = c.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}
function cpuSnapshot() {
  return { wall: Date.now(), client: process.cpuUsage(), node: nodeCpuSeconds(), machine: machineCpu() };
}
function cpuSince(s) {
  const now = cpuSnapshot();
  const wall = (now.wall - s.wall) / 1000;
  const c = process.cpuUsage(s.client);
  const m = { busy: now.machine.busy - s.machine.busy, total: now.machine.total - s.machine.total };
  const pct = (x) => Math.round(x * 1000) / 10;
  const ncpu = os.cpus().length;
  const clientPct = (c.user + c.system) / 1e6 / wall;
  const nodePct = now.node != null && s.node != null ? (now.node - s.node) / wall : null;
  const machinePct = m.total > 0 ? m.busy / m.total : null;
  return {
    wall_s: Math.round(wall * 10) / 10,
    // percent of ONE core (200 % = both cores of a 2-core machine)
    client_cpu_pct: pct(clientPct),
    node_cpu_pct: nodePct != null ? pct(nodePct) : null,
    // percent of ALL cores: the whole machine, and what neither the client nor the node used
    // (another build or benchmark on the machine skews the figures: look at this first)
    machine_busy_pct: machinePct != null ? pct(machinePct) : null,
    others_pct: machinePct != null && nodePct != null ? pct(Math.max(0, machinePct - (clientPct + nodePct) / ncpu)) : null,
  };
}

/** "Prepared block for proposing at N (X ms)" lines of the node log: Map number -> ms. */
function proposalTimes() {
  const out = new Map();
  if (!NODE_LOG) return out;
  try {
    const re = /Prepared block for proposing at (\d+) \((\d+) ms\)/;
    for (const line of readFileSync(NODE_LOG, 'utf8').split('\n')) {
      const m = re.exec(line);
      if (m) out.set(Number(m[1]), Number(m[2]));
    }
  } catch {
    // no log: nothing to report
  }
  return out;
}

// ---- main ---------------------------------------------------------------------------------

const connection = chainConnection(WS);
let api;

async function main() {
  api = await connection.connect(CONNECT_TIMEOUT_MS);

  const [chain, nodeName, nodeVersion] = await Promise.all([
    api.rpc.system.chain(),
    api.rpc.system.name(),
    api.rpc.system.version(),
  ]);
  const rv = api.runtimeVersion;
  const nodeInfo = `${nodeName} ${nodeVersion}, runtime ${rv.specName} v${rv.specVersion}, chain "${chain}"`;
  log(`connected to ${WS}: ${nodeInfo}`);

  // ---- constants ----
  const ed = api.consts.balances.existentialDeposit.toBigInt();
  const blockTimeMs = api.consts.babe?.expectedBlockTime?.toNumber?.() ?? 6000;
  const bw = api.consts.system.blockWeights;
  const maxBlockRef = bw.maxBlock.refTime.toBigInt();
  const normal = bw.perClass.normal;
  const maxNormalRef = normal.maxTotal.isSome ? normal.maxTotal.unwrap().refTime.toBigInt() : maxBlockRef;
  const baseExtrinsicRef = normal.baseExtrinsic.refTime.toBigInt();
  const maxNormalLen = api.consts.system.blockLength.max.normal.toNumber();
  const recordDeposit = (len) =>
    api.consts.records.recordDepositBase.toBigInt() + api.consts.records.recordDepositPerByte.toBigInt() * BigInt(len);
  const pseudonymDeposit = api.consts.pseudonyms.pseudonymDeposit.toBigInt();

  // ---- accounts ----
  const keyring = new Keyring({ type: 'sr25519', ss58Format: SS58 });
  const alice = keyring.addFromUri('//Alice');
  const senders = [];
  for (let i = 0; i < SENDERS; i++) {
    const pair = keyring.addFromUri(`${LOAD_SEED}/${i}`);
    senders.push({
      i,
      pair,
      address: pair.address,
      patient: randomBytes(32), // its own patient pseudonym (registered below)
      hashPrefix: randomBytes(24), // + an 8-byte counter: unique document hashes
      counter: 0n,
      chainNonce: 0, // on-chain nonce at the last processed best block
      local: 0, // next nonce to use
      retry: [], // nonces whose submission failed and must be filled again
      lastMove: 0, // block number at which chainNonce last moved
      spent: 0n, // estimated spend of the current phase, vs the budget
    });
  }
  const byAddress = new Map(senders.map((s) => [s.address, s]));
  log(`${SENDERS} senders (${LOAD_SEED}/0..${SENDERS - 1}), up to ${IN_FLIGHT} in flight each`);

  // Signing options for immortal transactions: no RPC per signature.
  const signOpts = (nonce) => ({
    blockHash: api.genesisHash,
    genesisHash: api.genesisHash,
    nonce,
    runtimeVersion: api.runtimeVersion,
    signedExtensions: api.registry.signedExtensions,
    version: api.extrinsicType,
  });

  /** signAndSend and wait (bounded) until in a block; throws on a dispatch error. */
  const sendAndWait = (tx, pair, what) => signAndWait(api, tx, pair, what, { timeoutMs: SETUP_TX_TIMEOUT_MS, inBlock: true });

  // ---- set-up: fund the senders, register their pseudonyms ----
  const fund = FUND_UNITS * ONE_IOMT;
  const aliceFree = (await api.query.system.account(alice.address)).data.free.toBigInt();
  if (aliceFree < fund * BigInt(SENDERS) + ONE_IOMT) {
    throw new Error(`Alice has ${aliceFree / ONE_IOMT} IOMT, less than ${SENDERS} x ${FUND_UNITS}; lower FUND_UNITS or SENDERS`);
  }
  log(`funding ${SENDERS} senders with ${FUND_UNITS} IOMT each (utility.batchAll from Alice)`);
  for (let a = 0; a < SENDERS; a += FUND_BATCH) {
    const calls = senders.slice(a, a + FUND_BATCH).map((s) => api.tx.balances.transferKeepAlive(s.address, fund));
    await sendAndWait(api.tx.utility.batchAll(calls), alice, `funding batch ${a / FUND_BATCH}`);
  }
  if (PHASES.includes('anchor')) {
    log(`registering ${SENDERS} patient pseudonyms (one per sender, deposit ${Number(pseudonymDeposit) / 1e12} IOMT)`);
    await Promise.all(senders.map((s) => sendAndWait(api.tx.pseudonyms.register(s.patient), s.pair, `pseudonyms.register by sender ${s.i}`)));
  }

  // ---- cost and weight of one extrinsic of each kind (for budgets and the weight bound) ----
  const sample = senders[0];
  const makeTx = {
    transfer: (s) => {
      // to the next sender (a ring), with a per-sender counter in the amount so that no two
      // transactions are byte-identical (a resubmitted nonce is then a new transaction)
      s.counter += 1n;
      return api.tx.balances.transferKeepAlive(senders[(s.i + 1) % SENDERS].address, ONE_IOMT / 1000n + s.counter);
    },
    anchor: (s) => {
      s.counter += 1n;
      const hash = new Uint8Array(32);
      hash.set(s.hashPrefix, 0);
      new DataView(hash.buffer).setBigUint64(24, s.counter);
      // the locator as a (non-hex) string: polkadot.js encodes it as UTF-8 bytes
      return api.tx.records.anchor(s.patient, 'LaboratoryResults', hash, 'Sha2_256', cidV1Sha256(CODEC_RAW, hash), 4096, 'Aes256Gcm');
    },
  };
  const info = {};
  for (const kind of PHASES) {
    const tx = makeTx[kind](sample);
    const pi = await tx.paymentInfo(sample.pair);
    // what the block's normal class is charged per extrinsic: the declared weight (call and
    // transaction extensions) plus the class's base extrinsic weight (frame_system::CheckWeight)
    const declared = pi.weight.refTime.toBigInt();
    const refTime = declared + baseExtrinsicRef;
    const signed = makeTx[kind](sample).sign(sample.pair, signOpts(0));
    const extra = kind === 'anchor' ? recordDeposit(59) : ONE_IOMT / 1000n + 1_000_000n;
    info[kind] = {
      declared_ref_time_us: Number(declared) / 1e6,
      ref_time_us: Number(refTime) / 1e6,
      fee: pi.partialFee.toBigInt(),
      cost: (pi.partialFee.toBigInt() * 3n) / 2n + extra, // fee with margin + amount or deposit
      bytes: signed.encodedLength,
      weight_bound_per_block: Number(maxNormalRef / refTime),
    };
    log(
      `${kind}: ${info[kind].bytes} bytes, weight ${info[kind].declared_ref_time_us.toFixed(1)} µs ref_time ` +
        `+ ${(Number(baseExtrinsicRef) / 1e6).toFixed(1)} µs base extrinsic -> ` +
        `at most ${info[kind].weight_bound_per_block} per block by normal-class weight; fee ${Number(info[kind].fee) / 1e12} IOMT` +
        (kind === 'anchor' ? `, record deposit ${Number(recordDeposit(59)) / 1e12} IOMT` : ''),
    );
  }
  sample.counter = 0n;

  // ---- best-head tracking: on-chain nonces of the senders at every new best block ----
  let best = { number: -1, hash: null };
  const blockSupply = new Map(); // block number -> { included, backlogAfter } for our senders
  let headWaiters = [];
  const notify = () => {
    const w = headWaiters;
    headWaiters = [];
    w.forEach((r) => r());
  };
  let headChain = Promise.resolve();
  const unsubHeads = await api.rpc.chain.subscribeNewHeads((header) => {
    headChain = headChain
      .then(async () => {
        const number = header.number.toNumber();
        const at = await api.at(header.hash);
        const accounts = await at.query.system.account.multi(senders.map((s) => s.address));
        let included = 0;
        let backlog = 0;
        accounts.forEach((acc, k) => {
          const s = senders[k];
          const n = acc.nonce.toNumber();
          if (n > s.chainNonce) {
            included += n - s.chainNonce;
            s.chainNonce = n;
            s.lastMove = number;
          }
          if (s.local < s.chainNonce) s.local = s.chainNonce;
          backlog += s.local - s.chainNonce;
        });
        blockSupply.set(number, { included, backlogAfter: backlog });
        best = { number, hash: header.hash.toHex() };
        notify();
      })
      .catch((e) => log(`warning: processing head #${header.number}: ${e.message}`));
  });
  const waitHead = (ms) =>
    new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      headWaiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  await withTimeout(
    (async () => {
      while (best.number < 0) await waitHead(1000);
    })(),
    HEAD_TIMEOUT_MS,
    'first best head',
  );

  const backlog = () => senders.reduce((a, s) => a + (s.local - s.chainNonce), 0);
  async function drain(what) {
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    while (backlog() > 0 && Date.now() < deadline) await waitHead(2000);
    const left = backlog();
    if (left > 0) log(`warning: ${left} extrinsics still not included ${DRAIN_TIMEOUT_MS / 1000} s after ${what}`);
    return left;
  }

  // ---- one phase ----
  async function runPhase(kind) {
    await drain('the set-up');
    const budget = fund - pseudonymDeposit - ed * 10n - ONE_IOMT; // spend cap per sender and phase
    for (const s of senders) {
      s.local = s.chainNonce;
      s.retry = [];
      s.spent = 0n;
      s.lastMove = best.number;
    }
    const cost = info[kind].cost;
    const submitErrors = {};
    let submitted = 0;
    let stallProbes = 0;
    let signMs = 0;
    let pendingRpc = 0;
    let budgetStopped = 0;
    const noteError = (e) => {
      const msg = String(e?.message || e);
      const key = msg.replace(/\(.*$/, '').replace(/0x[0-9a-f]+/gi, '0x..').trim().slice(0, 80);
      submitErrors[key] = (submitErrors[key] || 0) + 1;
      // nonce taken or already used: do not fill it again
      return !/1010: Invalid Transaction: Transaction is outdated|1013|1014|1012/.test(msg);
    };

    // Blocks after which a sender that has not moved counts as stalled: STALL_BLOCKS more
    // than the blocks the whole backlog needs at the last block's rate, since the pool may
    // serve the other senders first.
    const stallBlocks = () => {
      const last = blockSupply.get(best.number)?.included || 0;
      return STALL_BLOCKS + (last > 0 ? Math.ceil(backlog() / last) : SENDERS * IN_FLIGHT);
    };
    // Warm-up: the measured window starts once the client has filled every sender's
    // pipeline (or after WARMUP_MAX_MS), at the best block of that moment, so that the first
    // counted block was built from a full pool; it then lasts DURATION seconds.
    const tWarm = Date.now();
    let startBlock = null;
    let cpu0 = null;
    let t0 = null;
    let tEnd = tWarm + WARMUP_MAX_MS + DURATION * 1000;
    let warmSubmitted = 0;
    const pipelinesFull = () => senders.every((s) => s.local - s.chainNonce >= IN_FLIGHT || s.spent > budget);
    log(`phase ${kind}: filling the pool (${SENDERS * IN_FLIGHT} extrinsics) from best block #${best.number}`);
    let lastReport = tWarm;
    while (Date.now() < tEnd) {
      if (startBlock === null && (pipelinesFull() || Date.now() - tWarm >= WARMUP_MAX_MS)) {
        if (!pipelinesFull()) log(`warning: the pool was not filled within ${WARMUP_MAX_MS / 1000} s; measuring anyway`);
        startBlock = best.number;
        cpu0 = cpuSnapshot();
        t0 = Date.now();
        tEnd = t0 + DURATION * 1000;
        warmSubmitted = submitted;
        signMs = 0;
        log(`phase ${kind}: pool filled in ${((t0 - tWarm) / 1000).toFixed(1)} s; measuring for ${DURATION} s from best block #${startBlock}`);
      }
      let progressed = false;
      for (const s of senders) {
        if (Date.now() >= tEnd) break;
        // a sender whose nonce does not move although it has work queued may have lost its
        // next nonce (dropped from the pool): probe by submitting that nonce again. If the
        // pool still holds it, the probe is refused (1013/1014) and nothing else changes.
        if (s.local > s.chainNonce && best.number - s.lastMove >= stallBlocks()) {
          if (!s.retry.includes(s.chainNonce)) s.retry.unshift(s.chainNonce);
          s.lastMove = best.number;
          stallProbes++;
        }
        if (s.local - s.chainNonce >= IN_FLIGHT && s.retry.length === 0) continue;
        if (s.spent + cost > budget) {
          if (s.spent <= budget) {
            budgetStopped++;
            s.spent = budget + 1n;
          }
          continue;
        }
        if (pendingRpc >= MAX_PENDING_RPC) break;
        const nonce = s.retry.length ? s.retry.shift() : s.local++;
        if (nonce < s.chainNonce) continue;
        const ts = performance.now();
        const tx = makeTx[kind](s).sign(s.pair, signOpts(nonce));
        signMs += performance.now() - ts;
        s.spent += cost;
        submitted++;
        pendingRpc++;
        progressed = true;
        api.rpc.author
          .submitExtrinsic(tx)
          .catch((e) => {
            if (noteError(e)) s.retry.push(nonce);
          })
          .finally(() => {
            pendingRpc--;
            if (pendingRpc === MAX_PENDING_RPC - 1) notify();
          });
        if (submitted % 32 === 0) await tick(); // let socket answers and new heads in
      }
      if (Date.now() - lastReport >= 10_000) {
        lastReport = Date.now();
        log(`  ${kind}: ${submitted} submitted, best #${best.number}, not yet included ${backlog()}, RPCs pending ${pendingRpc}`);
      }
      if (!progressed) await waitHead(Math.min(250, Math.max(1, tEnd - Date.now())));
      else await tick();
    }
    const endBlock = best.number;
    const cpu = cpuSince(cpu0);
    const wallSubmit = (Date.now() - t0) / 1000;
    submitted -= warmSubmitted; // count (and rate) the measured window only
    log(`phase ${kind}: stopped submitting at best block #${endBlock}; ${submitted} submitted in the ${wallSubmit.toFixed(1)} s window; draining the pool`);
    // wait for the submission RPCs to answer, then for the pool to drain
    const rpcDeadline = Date.now() + 30_000;
    while (pendingRpc > 0 && Date.now() < rpcDeadline) await sleep(100);
    const notIncluded = await drain(`the ${kind} phase`);

    // ---- count: read back blocks startBlock+1 ..= endBlock ----
    const want = PHASE_CALLS[kind];
    const perBlock = [];
    const failures = {};
    let otherExtrinsics = 0;
    const tsAt = async (n) => {
      const h = await api.rpc.chain.getBlockHash(n);
      return (await (await api.at(h)).query.timestamp.now()).toNumber();
    };
    const proposals = proposalTimes();
    for (let n = startBlock + 1; n <= endBlock; n++) {
      const hash = await api.rpc.chain.getBlockHash(n);
      const [signedBlock, at] = await Promise.all([api.rpc.chain.getBlock(hash), api.at(hash)]);
      const [events, weight, now] = await Promise.all([at.query.system.events(), at.query.system.blockWeight(), at.query.timestamp.now()]);
      const exts = signedBlock.block.extrinsics;
      const outcome = new Map(); // extrinsic index -> event
      let phaseEvents = 0;
      for (const { phase, event } of events) {
        if (!phase.isApplyExtrinsic) continue;
        const idx = phase.asApplyExtrinsic.toNumber();
        if (api.events.system.ExtrinsicSuccess.is(event) || api.events.system.ExtrinsicFailed.is(event)) outcome.set(idx, event);
        if (event.section === want.event[0] && event.method === want.event[1]) {
          // Transfer events also come from other calls; count those of our senders' phase calls
          const x = exts[idx];
          if (x && x.method.section === want.section && x.method.method === want.method) phaseEvents++;
        }
      }
      let ok = 0;
      let failed = 0;
      let len = 0;
      exts.forEach((x, idx) => {
        len += x.encodedLength;
        const isOurs = x.isSigned && byAddress.has(x.signer.toString());
        if (!(isOurs && x.method.section === want.section && x.method.method === want.method)) {
          if (x.isSigned) otherExtrinsics++;
          return;
        }
        const ev = outcome.get(idx);
        if (ev && api.events.system.ExtrinsicSuccess.is(ev)) ok++;
        else {
          failed++;
          let why = 'no outcome event';
          if (ev) {
            why = dispatchErrorName(api, ev.data[0]);
          }
          failures[why] = (failures[why] || 0) + 1;
        }
      });
      perBlock.push({
        number: n,
        timestamp: now.toNumber(),
        included: ok,
        failed,
        events: phaseEvents,
        extrinsics: exts.length,
        normal_ref_time: weight.normal.refTime.toBigInt(),
        length: len,
        backlog_after: blockSupply.get(n)?.backlogAfter ?? null,
        proposal_ms: proposals.get(n) ?? null,
      });
    }
    const blocks = perBlock.length;
    const included = perBlock.reduce((a, b) => a + b.included, 0);
    const failed = perBlock.reduce((a, b) => a + b.failed, 0);
    const eventsCount = perBlock.reduce((a, b) => a + b.events, 0);
    const span = blocks > 0 ? ((await tsAt(endBlock)) - (await tsAt(startBlock))) / 1000 : 0;
    const fullest = perBlock.reduce((m, b) => (!m || b.included > m.included ? b : m), null);
    const r1 = (x) => Math.round(x * 10) / 10;
    const backlogs = perBlock.map((b) => b.backlog_after).filter((x) => x != null);
    const props = perBlock.map((b) => b.proposal_ms).filter((x) => x != null);
    const measuredPerExt = fullest && fullest.included ? Number(fullest.normal_ref_time) / fullest.included : null;
    const weightPct = (b) => (Number(b.normal_ref_time) / Number(maxNormalRef)) * 100;
    const minWeightPct = blocks ? Math.min(...perBlock.map(weightPct)) : 0;
    const minBacklog = backlogs.length ? Math.min(...backlogs) : null;
    // what held the rate down (a heuristic over the phase's blocks)
    let limit;
    if (!blocks || !included) limit = 'nothing included';
    else if (minWeightPct >= 98 && (minBacklog == null || minBacklog > 0))
      limit = 'block weight: every block filled the normal class while transactions were still waiting';
    else if (minBacklog === 0) limit = 'supply: the pool ran dry after a block (the client did not keep up)';
    else limit = 'not weight: some blocks closed below the weight limit with transactions waiting after them (proposer, or the pool not yet refilled when the block was built)';
    return {
      included,
      failed,
      events: eventsCount,
      submitted,
      blocks,
      first_block: startBlock + 1,
      last_block: endBlock,
      span_s: r1(span),
      per_second: span > 0 ? r1(included / span) : 0,
      per_block_avg: blocks ? r1(included / blocks) : 0,
      per_block_max: fullest ? fullest.included : 0,
      per_block: perBlock.map((b) => b.included),
      fullest_block: fullest && {
        number: fullest.number,
        extrinsics: fullest.extrinsics,
        normal_weight_pct: r1(weightPct(fullest)),
        ref_time_per_ext_us: fullest.included ? r1(Number(fullest.normal_ref_time) / fullest.included / 1e6) : null,
        length_bytes: fullest.length,
        length_pct: r1((fullest.length / maxNormalLen) * 100),
        proposal_ms: fullest.proposal_ms,
      },
      backlog_after_block_min: minBacklog,
      normal_weight_pct_min: r1(minWeightPct),
      limit,
      proposal_ms_max: props.length ? Math.max(...props) : null,
      // the weight bound from what a block was actually charged per extrinsic (after any
      // refund, a call may use less than it declares), else from the declared weight
      weight_bound_per_block: measuredPerExt ? Math.floor(Number(maxNormalRef) / measuredPerExt) : info[kind].weight_bound_per_block,
      declared_weight_bound_per_block: info[kind].weight_bound_per_block,
      declared_ref_time_us: r1(info[kind].ref_time_us),
      ref_time_us: measuredPerExt ? r1(measuredPerExt / 1e6) : r1(info[kind].ref_time_us),
      bytes: info[kind].bytes,
      submit_rate: r1(submitted / wallSubmit),
      sign_ms_total: Math.round(signMs),
      submit_errors: submitErrors,
      stall_probes: stallProbes,
      budget_stopped_senders: budgetStopped,
      not_included_after_drain: notIncluded,
      other_signed_extrinsics: otherExtrinsics,
      failures,
      cpu,
    };
  }

  const results = {};
  for (const kind of PHASES) results[kind] = await runPhase(kind);
  unsubHeads();

  // ---- report ----
  console.log('');
  console.log(`==== load results: ${nodeInfo}`);
  console.log(`     ${SENDERS} senders x ${IN_FLIGHT} in flight, ${DURATION} s per phase, block time ${blockTimeMs / 1000} s, ${os.cpus().length} CPUs`);
  const pad = (s, n) => String(s).padStart(n);
  console.log(`     ${'phase'.padEnd(9)}${pad('included', 9)}${pad('per s', 8)}${pad('blk avg', 9)}${pad('blk max', 9)}${pad('w.bound', 9)}${pad('failed', 8)}${pad('blocks', 8)}${pad('span s', 8)}`);
  for (const [kind, r] of Object.entries(results)) {
    console.log(
      `     ${kind.padEnd(9)}${pad(r.included, 9)}${pad(r.per_second, 8)}${pad(r.per_block_avg, 9)}${pad(r.per_block_max, 9)}${pad(r.weight_bound_per_block, 9)}${pad(r.failed, 8)}${pad(r.blocks, 8)}${pad(r.span_s, 8)}`,
    );
  }
  for (const [kind, r] of Object.entries(results)) {
    const f = r.fullest_block;
    console.log(`  ${kind}:`);
    console.log(`     per block: [${r.per_block.join(', ')}]; events ${r.events} (${r.events === r.included ? 'match' : 'MISMATCH'} with ExtrinsicSuccess)`);
    if (f) {
      console.log(
        `     fullest block #${f.number}: ${f.extrinsics} extrinsics, normal weight ${f.normal_weight_pct} % of the class limit, ` +
          `${f.ref_time_per_ext_us} µs each, ${f.length_bytes} bytes (${f.length_pct} % of the normal length limit)` +
          (f.proposal_ms != null ? `, proposed in ${f.proposal_ms} ms` : ''),
      );
    }
    console.log(
      `     client: ${r.submitted} submitted (${r.submit_rate}/s), signing ${r.sign_ms_total} ms; smallest backlog after a block ${r.backlog_after_block_min}; ` +
        `slowest proposal ${r.proposal_ms_max ?? '?'} ms`,
    );
    console.log(
      `     cpu: client ${r.cpu.client_cpu_pct} %, node ${r.cpu.node_cpu_pct ?? '?'} % (of one core); machine ${r.cpu.machine_busy_pct} % busy, ` +
        `${r.cpu.others_pct ?? '?'} % by other processes (of all cores)`,
    );
    console.log(
      `     weight per extrinsic: ${r.ref_time_us} µs charged in the fullest block, ${r.declared_ref_time_us} µs declared (incl. base) ` +
        `-> ${r.weight_bound_per_block} per block (declared: ${r.declared_weight_bound_per_block})`,
    );
    console.log(`     limited by: ${r.limit} (lowest block fill ${r.normal_weight_pct_min} %)`);
    if (Object.keys(r.submit_errors).length) console.log(`     submission errors: ${JSON.stringify(r.submit_errors)} (stall probes ${r.stall_probes})`);
    if (r.failed) console.log(`     FAILED in blocks: ${r.failed} ${JSON.stringify(r.failures)}`);
    if (r.budget_stopped_senders) console.log(`     WARNING: ${r.budget_stopped_senders} senders ran out of budget (raise FUND_UNITS)`);
    if (r.not_included_after_drain) console.log(`     WARNING: ${r.not_included_after_drain} submitted extrinsics never included`);
  }
  const anyFailed = Object.values(results).some((r) => r.failed > 0 || r.included === 0);
  console.log(anyFailed ? '  RESULT: run had failures (see above)' : '  RESULT: no failed extrinsics');

  const json = {
    ...Object.fromEntries(
      Object.entries(results).map(([k, r]) => [
        k,
        {
          included: r.included,
          per_second: r.per_second,
          per_block_avg: r.per_block_avg,
          per_block_max: r.per_block_max,
          failed: r.failed,
          submitted: r.submitted,
          weight_bound_per_block: r.weight_bound_per_block,
          ref_time_us: r.ref_time_us,
          declared_ref_time_us: r.declared_ref_time_us,
          declared_weight_bound_per_block: r.declared_weight_bound_per_block,
          bytes: r.bytes,
          fullest_block: r.fullest_block,
          per_block: r.per_block,
          backlog_after_block_min: r.backlog_after_block_min,
          normal_weight_pct_min: r.normal_weight_pct_min,
          limit: r.limit,
          proposal_ms_max: r.proposal_ms_max,
          blocks: r.blocks,
          span_s: r.span_s,
          submit_errors: r.submit_errors,
          stall_probes: r.stall_probes,
          failures: r.failures,
          cpu: r.cpu,
        },
      ]),
    ),
    blocks: Object.values(results).reduce((a, r) => a + r.blocks, 0),
    node: nodeInfo,
    duration: DURATION,
    senders: SENDERS,
    in_flight: IN_FLIGHT,
    block_time_s: blockTimeMs / 1000,
    cpus: os.cpus().length,
    loadavg_at_start: LOADAVG_AT_START,
    date: new Date().toISOString(),
    ok: !anyFailed,
  };
  const line = JSON.stringify(json);
  console.log(line);
  if (RESULT_FILE) writeFileSync(RESULT_FILE, line + '\n');
  return anyFailed ? 1 : 0;
}

let code = 2;
try {
  code = await main();
} catch (e) {
  console.error(`error: ${e.stack || e.message}`);
  code = 2;
} finally {
  await connection.disconnect(10_000);
}
process.exit(code);
