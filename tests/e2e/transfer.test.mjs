// End-to-end test of a running iomt-node (normally `iomt-node --dev`, started by
// tests/e2e/run.sh). Run with node's built-in test runner:
//
//   IOMT_WS=ws://127.0.0.1:9944 node --test tests/e2e/
//
// Every wait below is bounded, so a dead or stuck node makes the test fail, never hang.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { Keyring } from '@polkadot/keyring';
import { mnemonicGenerate } from '@polkadot/util-crypto';

import { ONE_IOMT, SS58, WS, chainConnection, extrinsicEvents, signAndWait, withTimeout } from '../lib/chain.mjs';

const CONNECT_TIMEOUT_MS = 60_000;
const FINALITY_TIMEOUT_MS = 120_000;
const TX_TIMEOUT_MS = 180_000;
const DISCONNECT_TIMEOUT_MS = 10_000;

/** Free balance of `address` at block `hash` (best block if omitted), as a BigInt. */
async function freeAt(api, address, hash) {
  const at = hash ? await api.at(hash) : api;
  const { data } = await at.query.system.account(address);
  return data.free.toBigInt();
}

const connection = chainConnection(WS);
let api;

before(async () => {
  api = await connection.connect(CONNECT_TIMEOUT_MS);
});

after(() => connection.disconnect(DISCONNECT_TIMEOUT_MS));

describe(`iomt-node at ${WS}`, () => {
  test('GRANDPA finalises blocks (finalized head > 2)', { timeout: FINALITY_TIMEOUT_MS + 10_000 }, async () => {
    let unsub = () => {};
    const reached = new Promise((resolve, reject) => {
      api.rpc.chain
        .subscribeFinalizedHeads((header) => {
          const n = header.number.toNumber();
          if (n > 2) resolve(n);
        })
        .then((u) => {
          unsub = u;
        })
        .catch(reject);
    });
    try {
      const n = await withTimeout(reached, FINALITY_TIMEOUT_MS, 'finalized head > 2');
      assert.ok(n > 2, `finalized head ${n} should be > 2`);
    } finally {
      unsub();
    }
  });

  test('Alice transfers to a fresh account with transferKeepAlive', { timeout: TX_TIMEOUT_MS + 30_000 }, async () => {
    const keyring = new Keyring({ type: 'sr25519', ss58Format: SS58 });
    const alice = keyring.addFromUri('//Alice');
    const recipient = keyring.addFromMnemonic(mnemonicGenerate(), { name: 'e2e-recipient' }, 'sr25519');

    const ed = api.consts.balances.existentialDeposit.toBigInt();
    // 1 IOMT, or 10x the existential deposit if that is larger.
    const amount = ONE_IOMT > ed * 10n ? ONE_IOMT : ed * 10n;

    assert.equal(await freeAt(api, recipient.address), 0n, 'recipient must be a fresh, empty account');
    const aliceFreeNow = await freeAt(api, alice.address);
    assert.ok(aliceFreeNow > amount * 2n, `Alice must be funded (free ${aliceFreeNow})`);

    const tx = api.tx.balances.transferKeepAlive(recipient.address, amount);

    const { blockHash, txHash } = await signAndWait(api, tx, alice, 'transfer', { timeoutMs: TX_TIMEOUT_MS });

    // Locate the extrinsic in the finalized block and read that block's events.
    const { signedBlock, index, events, names } = await extrinsicEvents(api, blockHash, txHash);
    assert.ok(index >= 0, `extrinsic ${txHash.toHex()} not found in finalized block ${blockHash.toHex()}`);

    assert.ok(
      events.some((e) => api.events.system.ExtrinsicSuccess.is(e)),
      `no system.ExtrinsicSuccess for the transfer; events: ${names.join(', ')}`,
    );
    assert.ok(
      !events.some((e) => api.events.system.ExtrinsicFailed.is(e)),
      `system.ExtrinsicFailed for the transfer; events: ${names.join(', ')}`,
    );

    const transfer = events.find((e) => api.events.balances.Transfer.is(e));
    assert.ok(transfer, `no balances.Transfer event; events: ${names.join(', ')}`);
    assert.ok(transfer.data.from.eq(alice.address), 'Transfer.from is Alice');
    assert.ok(transfer.data.to.eq(recipient.address), 'Transfer.to is the recipient');
    assert.equal(transfer.data.amount.toBigInt(), amount, 'Transfer.amount');

    const feePaid = events.find((e) => api.events.transactionPayment.TransactionFeePaid.is(e));
    assert.ok(feePaid, `no transactionPayment.TransactionFeePaid event; events: ${names.join(', ')}`);
    assert.ok(feePaid.data.who.eq(alice.address), 'the fee was paid by Alice');
    // `actualFee` includes the tip.
    const fee = feePaid.data.actualFee.toBigInt();
    assert.ok(fee > 0n, `a non-zero fee must be charged (got ${fee})`);

    // Balances across exactly the block that included the transfer.
    const parentHash = signedBlock.block.header.parentHash;
    const recipientFree = await freeAt(api, recipient.address, blockHash);
    assert.equal(recipientFree, amount, 'recipient free balance equals the amount sent');

    const aliceBefore = await freeAt(api, alice.address, parentHash);
    const aliceAfter = await freeAt(api, alice.address, blockHash);
    const drop = aliceBefore - aliceAfter;
    assert.ok(
      drop > amount,
      `Alice's free balance must drop by more than the amount (drop ${drop}, amount ${amount}, fee ${fee})`,
    );

    // If Alice did not author the block, none of the fee can have come back to her, so the
    // drop is exactly amount + fee. (When Alice is the author, part of the fee may be paid
    // back to her, depending on the runtime's fee handler.)
    const header = await api.derive.chain.getHeader(blockHash);
    const author = header?.author;
    if (author && !author.eq(alice.address)) {
      assert.equal(drop, amount + fee, `Alice's drop equals amount + fee (author ${author.toString()})`);
    }
  });
});
