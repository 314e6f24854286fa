// Helpers shared by the end-to-end tests (tests/e2e/*.test.mjs) and the load script
// (tests/load/anchors.mjs): bounded waits, connecting to the node, submitting a signed
// extrinsic and reading its events back, and CIDv1 locators. Not a test file itself (the
// e2e runner picks up tests/e2e/*.test.mjs only).

import assert from 'node:assert/strict';

import { ApiPromise, WsProvider } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';

/** The node's WebSocket endpoint: IOMT_WS, else a local dev node. */
export const WS = process.env.IOMT_WS || 'ws://127.0.0.1:9944';
export const SS58 = 42;
export const DECIMALS = 12n;
export const ONE_IOMT = 10n ** DECIMALS;

/**
 * Resolve/reject with `promise`, or reject after `ms` milliseconds. `onTimeout` runs
 * before the rejection (to unsubscribe, close sockets, ...).
 */
export function withTimeout(promise, ms, what, onTimeout = () => {}) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      try {
        onTimeout();
      } catch {
        // ignore: the timeout error below is the one that matters
      }
      reject(new Error(`timed out after ${ms / 1000} s: ${what}`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A connection to the node at `ws`: `connect(ms)` resolves with the ApiPromise (crypto
 * ready too) or rejects after `ms`; `disconnect(ms)` closes whatever was opened, warning
 * (never throwing) if that takes longer than `ms`.
 */
export function chainConnection(ws = WS) {
  let provider;
  let api;
  return {
    async connect(ms) {
      // 1 s between reconnection attempts; the bounded wait below decides when to give up.
      provider = new WsProvider(ws, 1_000);
      api = await withTimeout(ApiPromise.create({ provider, noInitWarn: true }), ms, `connecting to ${ws}`, () => {
        // stop the endless reconnect loop, otherwise the process never exits
        provider.disconnect().catch(() => {});
      });
      await cryptoWaitReady();
      return api;
    },
    async disconnect(ms) {
      const closing = api ? api.disconnect() : provider ? provider.disconnect() : Promise.resolve();
      await withTimeout(closing, ms, 'disconnecting').catch((e) => {
        console.error(`warning: ${e.message}`);
      });
    },
  };
}

/** `section.name` of a module dispatch error, else the error as a string. */
export function dispatchErrorName(api, dispatchError) {
  if (dispatchError.isModule) {
    const { section, name } = api.registry.findMetaError(dispatchError.asModule);
    return `${section}.${name}`;
  }
  return dispatchError.toString();
}

/**
 * Sign and send `tx` as `signer` and wait (bounded by `timeoutMs`) until its block is
 * finalized, or only until it is in a block if `inBlock` is set. Resolves with that
 * block's hash and the transaction hash; rejects on a dispatch error (with the module
 * error's name), an invalid/dropped/usurped transaction or a finality timeout.
 */
export async function signAndWait(api, tx, signer, what, { timeoutMs, inBlock = false }) {
  let unsub = () => {};
  const done = new Promise((resolve, reject) => {
    tx.signAndSend(signer, (result) => {
      const { status, dispatchError } = result;
      if (dispatchError) {
        reject(new Error(`${what} failed: ${dispatchErrorName(api, dispatchError)}`));
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        reject(new Error(`${what}: transaction ${status.type}`));
      } else if (status.isFinalityTimeout) {
        reject(new Error(`${what}: transaction FinalityTimeout`));
      } else if (status.isFinalized) {
        resolve({ blockHash: status.asFinalized, txHash: result.txHash });
      } else if (inBlock && status.isInBlock) {
        resolve({ blockHash: status.asInBlock, txHash: result.txHash });
      }
    })
      .then((u) => {
        unsub = u;
      })
      .catch(reject);
  });
  try {
    return await withTimeout(done, timeoutMs, `${what} ${inBlock ? 'in a block' : 'finalized'}`);
  } finally {
    unsub();
  }
}

/**
 * The extrinsic `txHash` of block `blockHash`: the block, the extrinsic's index in it (-1
 * if it is not there), the api at that block, and the extrinsic's events and their names.
 */
export async function extrinsicEvents(api, blockHash, txHash) {
  const signedBlock = await api.rpc.chain.getBlock(blockHash);
  const index = signedBlock.block.extrinsics.findIndex((x) => x.hash.eq(txHash));
  const apiAt = await api.at(blockHash);
  const events = (await apiAt.query.system.events())
    .filter(({ phase }) => index >= 0 && phase.isApplyExtrinsic && phase.asApplyExtrinsic.eqn(index))
    .map(({ event }) => event);
  const names = events.map((e) => `${e.section}.${e.method}`);
  return { signedBlock, index, apiAt, events, names };
}

// ---- CIDv1 locators (the rules of pallets/records/src/cid.rs) -----------------------------

export const CODEC_RAW = 0x55;

/** RFC 4648 base32, lower case, no padding (zero trailing bits). */
export function base32Lower(bytes) {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += alphabet[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

/** The CIDv1 string (multibase 'b') of `codec` over a sha2-256 multihash of `digest`. */
export function cidV1Sha256(codec, digest) {
  assert.equal(digest.length, 32);
  return `b${base32Lower(Uint8Array.from([0x01, codec, 0x12, 0x20, ...digest]))}`;
}
