// End-to-end test of what an app and an auditor do on a running iomt-node (normally
// `iomt-node --dev`, started by tests/e2e/run.sh): a patient registers a pseudonym and
// anchors a record, a stranger without consent is denied access, the patient is granted
// access to its own record, and an auditor checks all of it through the runtime APIs
// (AuditApi, RecordsApi), recomputing the audit trail's hash chain itself.
//
//   IOMT_WS=ws://127.0.0.1:9944 node --test tests/e2e/records_audit.test.mjs
//
// The steps run in order and share state; a failed step makes the later ones fail fast.
// Every wait is bounded, so a dead or stuck node makes the test fail, never hang. Accounts
// and the pseudonym are fresh and random, so the test can run again on a persistent chain.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';

import { Keyring } from '@polkadot/keyring';
import { blake2AsU8a, mnemonicGenerate } from '@polkadot/util-crypto';

import { CODEC_RAW, ONE_IOMT, SS58, WS, chainConnection, cidV1Sha256, extrinsicEvents, signAndWait, withTimeout } from '../lib/chain.mjs';

/** Given to the patient and to the stranger: pays the pseudonym and record deposits and fees. */
const FUNDING = 10n * ONE_IOMT;

const CONNECT_TIMEOUT_MS = 60_000;
const TX_TIMEOUT_MS = 180_000;
const QUERY_TIMEOUT_MS = 30_000;
const DISCONNECT_TIMEOUT_MS = 10_000;
const STEP_TIMEOUT_MS = TX_TIMEOUT_MS + 60_000;

const CATEGORY = 'LaboratoryResults';
const GENESIS_HEAD = new Uint8Array(32);

const toHex = (u8a) => `0x${Buffer.from(u8a).toString('hex')}`;

// ---- chain helpers -------------------------------------------------------------------------

/**
 * Sign and send `tx` as `signer`, wait (bounded) until its block is finalized and return
 * the block hash and number, the extrinsic's events and their names. Rejects on a dispatch
 * error (with the module error's name) or an invalid/dropped transaction.
 */
async function submit(api, tx, signer, what) {
  const { blockHash, txHash } = await signAndWait(api, tx, signer, what, { timeoutMs: TX_TIMEOUT_MS });
  const { signedBlock, index, apiAt, events, names } = await extrinsicEvents(api, blockHash, txHash);
  assert.ok(index >= 0, `${what}: extrinsic ${txHash.toHex()} not in finalized block ${blockHash.toHex()}`);
  assert.ok(
    events.some((e) => api.events.system.ExtrinsicSuccess.is(e)),
    `${what}: no system.ExtrinsicSuccess; events: ${names.join(', ')}`,
  );
  return {
    blockHash,
    blockNumber: signedBlock.block.header.number.toNumber(),
    timestamp: (await apiAt.query.timestamp.now()).toBigInt(),
    apiAt,
    events,
    names,
  };
}

/** The one event `kind` (e.g. api.events.audit.AccessDenied) among `sent.events`. */
function onlyEvent(sent, kind, what) {
  const found = sent.events.filter((e) => kind.is(e));
  assert.equal(found.length, 1, `${what}: expected exactly one such event; events: ${sent.names.join(', ')}`);
  return found[0];
}

/**
 * The runtime API method `apiName.method` of `decorated` (an api or api.at(...)), as
 * polkadot.js exposes it from the metadata; fails listing what is exposed if it is missing.
 */
function runtimeCall(decorated, apiName, method) {
  const section = decorated.call[apiName];
  assert.ok(
    section,
    `runtime API "${apiName}" not in metadata; api.call exposes: ${Object.keys(decorated.call).sort().join(', ')}`,
  );
  const fn = section[method];
  assert.ok(
    typeof fn === 'function',
    `runtime API method "${apiName}.${method}" not in metadata; ${apiName} exposes: ${Object.keys(section).sort().join(', ')}`,
  );
  return (...args) => withTimeout(fn(...args), QUERY_TIMEOUT_MS, `${apiName}.${method}`);
}

/** The audit trail's hash chain recomputed off-chain: blake2_256(previous ++ SCALE(entry)). */
function chainHead(entries) {
  let head = GENESIS_HEAD;
  for (const entry of entries) {
    const encoded = entry.toU8a();
    const input = new Uint8Array(head.length + encoded.length);
    input.set(head);
    input.set(encoded, head.length);
    head = blake2AsU8a(input, 256);
  }
  return head;
}

// ---- the test ------------------------------------------------------------------------------

const connection = chainConnection(WS);
let api;

before(async () => {
  api = await connection.connect(CONNECT_TIMEOUT_MS);
});

after(() => connection.disconnect(DISCONNECT_TIMEOUT_MS));

describe(`records and audit trail on iomt-node at ${WS}`, () => {
  // Shared by the steps, in order.
  const s = {};

  before(() => {
    const keyring = new Keyring({ type: 'sr25519', ss58Format: SS58 });
    s.alice = keyring.addFromUri('//Alice');
    s.patientKey = keyring.addFromMnemonic(mnemonicGenerate(), { name: 'e2e-patient' }, 'sr25519');
    s.stranger = keyring.addFromMnemonic(mnemonicGenerate(), { name: 'e2e-stranger' }, 'sr25519');
    s.patientId = toHex(randomBytes(32));
    // A stand-in for the encrypted document the app uploads to IPFS: its sha2-256 is the
    // anchored hash, and its raw-codec CIDv1 (same digest) the locator.
    s.ciphertext = randomBytes(1024);
    s.hash = createHash('sha256').update(s.ciphertext).digest();
    s.hashHex = toHex(s.hash);
    s.locator = cidV1Sha256(CODEC_RAW, s.hash);
  });

  test('the CIDv1 encoder reproduces the IPFS docs example', () => {
    // The dag-pb sha2-256 example that pallets/records/src/cid.rs accepts in its tests.
    const digest = Buffer.from('c3c4733ec8affd06cf9e9ff50ffc6bcd2ec85a6170004bb709669c31de94391a', 'hex');
    assert.equal(cidV1Sha256(0x70, digest), 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi');
    // The record's locator: raw codec, sha2-256, 59 characters.
    assert.match(s.locator, /^bafkrei[a-z2-7]{52}$/, `raw sha2-256 CIDv1 shape: ${s.locator}`);
  });

  test('Alice funds a fresh patient account and a fresh stranger', { timeout: STEP_TIMEOUT_MS }, async () => {
    for (const who of [s.patientKey, s.stranger]) {
      const { data } = await api.query.system.account(who.address);
      assert.equal(data.free.toBigInt(), 0n, `${who.address} must be a fresh, empty account`);
    }
    const tx = api.tx.utility.batchAll([
      api.tx.balances.transferKeepAlive(s.patientKey.address, FUNDING),
      api.tx.balances.transferKeepAlive(s.stranger.address, FUNDING),
    ]);
    const sent = await submit(api, tx, s.alice, 'funding batch');
    const transfers = sent.events.filter((e) => api.events.balances.Transfer.is(e));
    assert.equal(transfers.length, 2, `two balances.Transfer events; events: ${sent.names.join(', ')}`);
    for (const who of [s.patientKey, s.stranger]) {
      const { data } = await sent.apiAt.query.system.account(who.address);
      assert.equal(data.free.toBigInt(), FUNDING, `free balance of ${who.address} after funding`);
    }
  });

  test('the patient registers a pseudonym (pseudonyms.register)', { timeout: STEP_TIMEOUT_MS }, async () => {
    assert.ok(s.patientKey, 'set-up missing');
    assert.ok((await api.query.pseudonyms.pseudonyms(s.patientId)).isNone, 'the random pseudonym must be unused');

    const sent = await submit(api, api.tx.pseudonyms.register(s.patientId), s.patientKey, 'pseudonyms.register');
    const ev = onlyEvent(sent, api.events.pseudonyms.PseudonymRegistered, 'register');
    assert.equal(ev.data.patient.toHex(), s.patientId, 'PseudonymRegistered.patient');
    assert.ok(ev.data.controller.eq(s.patientKey.address), 'PseudonymRegistered.controller is the patient account');
    assert.equal(
      ev.data.deposit.toBigInt(),
      api.consts.pseudonyms.pseudonymDeposit.toBigInt(),
      'PseudonymRegistered.deposit is the configured PseudonymDeposit',
    );

    const info = await sent.apiAt.query.pseudonyms.pseudonyms(s.patientId);
    assert.ok(info.isSome, 'the pseudonym is stored');
    assert.ok(info.unwrap().controller.eq(s.patientKey.address), 'stored controller');
    s.registered = true;
  });

  test('the patient anchors a record (records.anchor) → RecordAnchored', { timeout: STEP_TIMEOUT_MS }, async () => {
    assert.ok(s.registered, 'previous step (register) failed');
    const tx = api.tx.records.anchor(
      s.patientId,
      CATEGORY,
      s.hashHex,
      'Sha2_256',
      s.locator,
      s.ciphertext.length,
      'Aes256Gcm',
    );
    const sent = await submit(api, tx, s.patientKey, 'records.anchor');
    const ev = onlyEvent(sent, api.events.records.RecordAnchored, 'anchor');
    assert.equal(ev.data.patient.toHex(), s.patientId, 'RecordAnchored.patient');
    assert.ok(ev.data.category.eq(CATEGORY), `RecordAnchored.category (got ${ev.data.category.toString()})`);
    // polkadot.js renames fields called like codec/Map members (hash, size, ...) to `<name>_`.
    assert.equal(ev.data.hash_.toHex(), s.hashHex, 'RecordAnchored.hash');
    assert.ok(ev.data.author.eq(s.patientKey.address), 'RecordAnchored.author is the patient account');
    const expectedDeposit =
      api.consts.records.recordDepositBase.toBigInt() +
      api.consts.records.recordDepositPerByte.toBigInt() * BigInt(s.locator.length);
    assert.equal(ev.data.deposit.toBigInt(), expectedDeposit, 'RecordAnchored.deposit = base + per byte × locator length');

    s.recordId = ev.data.recordId.toBigInt();
    s.anchor = sent;
  });

  test('a stranger without consent asks to read (audit.requestAccess) → AccessDenied NoConsent', { timeout: STEP_TIMEOUT_MS }, async () => {
    assert.ok(s.recordId !== undefined, 'previous step (anchor) failed');
    const tx = api.tx.audit.requestAccess(s.patientId, { Category: CATEGORY }, 'Read', 'Treatment', null);
    const sent = await submit(api, tx, s.stranger, 'audit.requestAccess (stranger)');
    assert.equal(
      sent.events.filter((e) => api.events.audit.AccessGranted.is(e)).length,
      0,
      `the stranger must not be granted access; events: ${sent.names.join(', ')}`,
    );
    const ev = onlyEvent(sent, api.events.audit.AccessDenied, 'stranger request');
    assert.equal(ev.data.patient.toHex(), s.patientId, 'AccessDenied.patient');
    assert.ok(ev.data.accessor.eq(s.stranger.address), 'AccessDenied.accessor is the stranger');
    assert.equal(ev.data.index.toBigInt(), 1n, 'AccessDenied.index: entry 1 (entry 0 is the anchoring)');
    assert.ok(ev.data.target.isCategory && ev.data.target.asCategory.eq(CATEGORY), `AccessDenied.target (got ${ev.data.target.toString()})`);
    assert.ok(ev.data.action.isRead, 'AccessDenied.action is Read');
    assert.ok(ev.data.purpose.isTreatment, 'AccessDenied.purpose is Treatment');
    assert.ok(ev.data.reason.isNoConsent, `AccessDenied.reason is NoConsent (got ${ev.data.reason.toString()})`);
    s.denied = sent;
  });

  test('the patient asks to read its own record → AccessGranted PatientController', { timeout: STEP_TIMEOUT_MS }, async () => {
    assert.ok(s.denied, 'previous step (stranger request) failed');
    const target = { Record: [s.recordId, CATEGORY] };
    const tx = api.tx.audit.requestAccess(s.patientId, target, 'Read', 'Treatment', null);
    const sent = await submit(api, tx, s.patientKey, 'audit.requestAccess (patient)');
    assert.equal(
      sent.events.filter((e) => api.events.audit.AccessDenied.is(e)).length,
      0,
      `the patient must not be denied; events: ${sent.names.join(', ')}`,
    );
    const ev = onlyEvent(sent, api.events.audit.AccessGranted, 'patient request');
    assert.equal(ev.data.patient.toHex(), s.patientId, 'AccessGranted.patient');
    assert.ok(ev.data.accessor.eq(s.patientKey.address), 'AccessGranted.accessor is the patient account');
    assert.equal(ev.data.index.toBigInt(), 2n, 'AccessGranted.index: entry 2');
    assert.ok(ev.data.target.isRecord, `AccessGranted.target is a Record (got ${ev.data.target.toString()})`);
    const [recordId, category] = ev.data.target.asRecord;
    assert.equal(recordId.toBigInt(), s.recordId, 'AccessGranted.target record id');
    assert.ok(category.eq(CATEGORY), 'AccessGranted.target category');
    assert.ok(ev.data.action.isRead, 'AccessGranted.action is Read');
    assert.ok(ev.data.purpose.isTreatment, 'AccessGranted.purpose is Treatment');
    assert.ok(ev.data.basis.isPatientController, `AccessGranted.basis is PatientController (got ${ev.data.basis.toString()})`);
    assert.equal(ev.data.emergency.toJSON(), false, 'AccessGranted.emergency is false');
    s.granted = sent;
  });

  test('an auditor checks the trail through AuditApi (head, patientTrail, flagged, disclosures, accessorHistory)', { timeout: STEP_TIMEOUT_MS }, async () => {
    assert.ok(s.granted, 'previous step (patient request) failed');
    // Query at the block of the last request, so later blocks cannot change the answer.
    const at = s.granted.apiAt;
    const head = runtimeCall(at, 'auditApi', 'head');
    const patientTrail = runtimeCall(at, 'auditApi', 'patientTrail');
    const flagged = runtimeCall(at, 'auditApi', 'flagged');
    const disclosures = runtimeCall(at, 'auditApi', 'disclosures');
    const accessorHistory = runtimeCall(at, 'auditApi', 'accessorHistory');

    // head: the chain's commitment to the trail and its length.
    const [headHash, length] = await head(s.patientId);
    assert.equal(length.toBigInt(), 3n, 'trail length: record anchored + 2 access requests');
    assert.notEqual(headHash.toHex(), toHex(GENESIS_HEAD), 'the head moved off the genesis head');

    // patientTrail: every entry, in index order.
    const trail = await patientTrail(s.patientId, 0, 100, null);
    assert.deepEqual(trail.map(([i]) => i.toNumber()), [0, 1, 2], 'trail indexes');
    const [e0, e1, e2] = trail.map(([, e]) => e);

    // The auditor recomputes the hash chain from the entries and compares it with the head.
    assert.equal(toHex(chainHead([e0, e1, e2])), headHash.toHex(), 'recomputed hash chain equals AuditApi.head');

    // entry 0: the patient anchored the record, as its controller.
    assert.ok(e0.agent.isAccount && e0.agent.asAccount.eq(s.patientKey.address), 'entry 0 agent is the patient account');
    assert.ok(e0.action.isRecordAnchored, `entry 0 action is RecordAnchored (got ${e0.action.toString()})`);
    assert.ok(e0.entity.isRecord && e0.entity.asRecord.toBigInt() === s.recordId, `entry 0 entity is Record(${s.recordId})`);
    assert.ok(e0.purpose.isSome && e0.purpose.unwrap().isTreatment, 'entry 0 purpose is Treatment');
    assert.ok(
      e0.outcome.isAllowed && e0.outcome.asAllowed.isSome && e0.outcome.asAllowed.unwrap().isPatientController,
      `entry 0 outcome is Allowed(PatientController) (got ${e0.outcome.toString()})`,
    );
    assert.equal(e0.block.toNumber(), s.anchor.blockNumber, 'entry 0 block is the anchoring block');
    assert.equal(e0.timestamp.toBigInt(), s.anchor.timestamp, 'entry 0 timestamp is that block\'s timestamp');

    // entry 1: the stranger's denied attempt.
    assert.ok(e1.agent.isAccount && e1.agent.asAccount.eq(s.stranger.address), 'entry 1 agent is the stranger');
    assert.ok(e1.organisation.isNone && e1.role.isNone, 'entry 1: the stranger has no organisation or role');
    assert.ok(e1.action.isAccessRequest && e1.action.asAccessRequest.isRead, `entry 1 action is AccessRequest(Read) (got ${e1.action.toString()})`);
    assert.ok(e1.entity.isCategory && e1.entity.asCategory.eq(CATEGORY), `entry 1 entity is Category(${CATEGORY})`);
    assert.ok(e1.purpose.isSome && e1.purpose.unwrap().isTreatment, 'entry 1 purpose is Treatment');
    assert.ok(e1.outcome.isDenied && e1.outcome.asDenied.isNoConsent, `entry 1 outcome is Denied(NoConsent) (got ${e1.outcome.toString()})`);
    assert.equal(e1.block.toNumber(), s.denied.blockNumber, 'entry 1 block is the stranger request\'s block');

    // entry 2: the patient's granted read of its record.
    assert.ok(e2.agent.isAccount && e2.agent.asAccount.eq(s.patientKey.address), 'entry 2 agent is the patient account');
    assert.ok(e2.action.isAccessRequest && e2.action.asAccessRequest.isRead, 'entry 2 action is AccessRequest(Read)');
    assert.ok(e2.entity.isRecord && e2.entity.asRecord.toBigInt() === s.recordId, `entry 2 entity is Record(${s.recordId})`);
    assert.ok(
      e2.outcome.isAllowed && e2.outcome.asAllowed.isSome && e2.outcome.asAllowed.unwrap().isPatientController,
      `entry 2 outcome is Allowed(PatientController) (got ${e2.outcome.toString()})`,
    );
    assert.equal(e2.block.toNumber(), s.granted.blockNumber, 'entry 2 block is the patient request\'s block');

    // Paging and the block filter (binary search over the block-ordered trail).
    const page = await patientTrail(s.patientId, 1, 1, null);
    assert.deepEqual(page.map(([i]) => i.toNumber()), [1], 'patientTrail from index 1, limit 1');
    const inBlock = await patientTrail(s.patientId, 0, 100, [s.denied.blockNumber, s.denied.blockNumber]);
    assert.deepEqual(inBlock.map(([i]) => i.toNumber()), [1], 'patientTrail restricted to the stranger request\'s block');

    // flagged: exactly the denied attempt.
    const flaggedEntries = await flagged(s.patientId, null, 100);
    assert.deepEqual(flaggedEntries.map(([i]) => i.toNumber()), [1], 'flagged entries: only the denied attempt');
    assert.ok(flaggedEntries[0][1].eq(e1), 'the flagged entry is entry 1 of the trail');

    // disclosures (HIPAA accounting): exactly the patient's allowed read.
    const disclosed = await disclosures(s.patientId, 0, 100);
    assert.deepEqual(disclosed.map(([i]) => i.toNumber()), [2], 'disclosures: only the allowed read');

    // accessorHistory: the stranger's one attempt, under this patient.
    const history = await accessorHistory({ Account: s.stranger.address }, null, 100);
    assert.equal(history.length, 1, 'the stranger has exactly one audit entry');
    const [hPatient, hIndex, hEntry] = history[0];
    assert.equal(hPatient.toHex(), s.patientId, 'accessorHistory patient');
    assert.equal(hIndex.toNumber(), 1, 'accessorHistory index');
    assert.ok(hEntry.eq(e1), 'accessorHistory entry is entry 1 of the trail');

    s.audited = true;
  });

  test('an auditor verifies the document hash through RecordsApi (verifyHash, record)', { timeout: STEP_TIMEOUT_MS }, async () => {
    assert.ok(s.recordId !== undefined, 'the anchor step failed');
    const at = s.granted?.apiAt ?? s.anchor.apiAt;
    const verifyHash = runtimeCall(at, 'recordsApi', 'verifyHash');
    const record = runtimeCall(at, 'recordsApi', 'record');

    assert.equal((await verifyHash(s.recordId, s.hashHex)).isTrue, true, 'verifyHash(record, anchored hash) is true');
    const other = Buffer.from(s.hash);
    other[0] ^= 0x01;
    assert.equal((await verifyHash(s.recordId, toHex(other))).isTrue, false, 'verifyHash(record, different hash) is false');
    assert.equal((await verifyHash(s.recordId + 1_000_000n, s.hashHex)).isTrue, false, 'verifyHash(unknown record, hash) is false');

    const found = await record(s.recordId);
    assert.ok(found.isSome, 'RecordsApi.record finds the record');
    const [rec, versions] = found.unwrap();
    assert.deepEqual(versions.map((v) => v.toBigInt()), [s.recordId], 'version chain: just the original');
    assert.equal(rec.patient.toHex(), s.patientId, 'record patient');
    assert.ok(rec.category.eq(CATEGORY), 'record category');
    assert.ok(rec.author.eq(s.patientKey.address), 'record author');
    assert.ok(rec.body.isDocument, 'record body is a Document');
    const doc = rec.body.asDocument;
    // `hash` and `size` are exposed as `hash_` and `size_` (see RecordAnchored above).
    assert.equal(doc.hash_.toHex(), s.hashHex, 'document hash');
    assert.equal(doc.algorithm.type, 'Sha2_256', 'document algorithm');
    assert.equal(Buffer.from(doc.locator.toU8a(true)).toString('utf8'), s.locator, 'document locator');
    assert.equal(doc.size_.toNumber(), s.ciphertext.length, 'document size');
    assert.equal(doc.encryption.type, 'Aes256Gcm', 'document encryption');
    assert.equal(rec.version.toNumber(), 1, 'record version 1');
    assert.ok(rec.erased.isNone && rec.supersededBy.isNone, 'record neither erased nor superseded');
  });
});
