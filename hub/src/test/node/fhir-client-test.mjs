// A Node FHIR client as a provider system would use it against the hub: fhir-kit-client (JSON) and undici's fetch
// (XML), with mutual TLS from a participant's leaf certificate and key in PEM and the hub's CA. Run by NodeClientIT:
//   node fhir-client-test.mjs <base> <ca.pem> <sender-cert.pem> <sender-key.pem> <reader-cert.pem> <reader-key.pem> <message.json> <nhs>
// It prints one JSON line of what it saw; any failure exits non-zero with the reason on stderr.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Client } from 'fhir-kit-client';
import { Agent, fetch } from 'undici';

const [base, caFile, senderCert, senderKey, readerCert, readerKey, messageFile, nhs] = process.argv.slice(2);
const ca = readFileSync(caFile);

function dispatcher(cert, key) {
  return new Agent({ connect: { ca, cert: readFileSync(cert), key: readFileSync(key) } });
}

function client(cert, key, headers = {}) {
  return new Client({ baseUrl: base, customHeaders: headers, requestOptions: { dispatcher: dispatcher(cert, key) } });
}

function check(condition, what) {
  if (!condition) {
    throw new Error(what);
  }
}

const sender = client(senderCert, senderKey);
const reader = client(readerCert, readerKey, { 'X-Purpose-Of-Use': 'TREAT' });
const seen = {};

const capabilities = await sender.capabilityStatement();
check(capabilities.resourceType === 'CapabilityStatement', 'metadata is a CapabilityStatement');
seen.fhirVersion = capabilities.fhirVersion;

const message = JSON.parse(readFileSync(messageFile, 'utf8'));
message.entry[0].resource.id = randomUUID();
const response = await sender.operation({ name: 'process-message', method: 'POST', input: message });
check(response.resourceType === 'Bundle' && response.type === 'message', 'a response message');
seen.responseCode = response.entry[0].resource.response.code;
seen.responseSender = response.entry[0].resource.sender?.identifier?.value;

// Dispatch is asynchronous: search until the care home's records are there (or give up after 30 s).
const token = `https://fhir.nhs.uk/Id/nhs-number|${nhs}`;
let patients;
for (let attempt = 0; attempt < 60; attempt++) {
  patients = await reader.search({ resourceType: 'Patient', searchParams: { identifier: token } });
  if (patients.total > 0) break;
  await new Promise((resolve) => setTimeout(resolve, 500));
}
check(patients.type === 'searchset' && patients.total > 0, 'the shared Patient record is found');
seen.patients = patients.total;
seen.fullUrl = patients.entry[0].fullUrl;
seen.selfLink = patients.link.find((link) => link.relation === 'self')?.url;

const plans = await reader.search({ resourceType: 'CarePlan', searchParams: { 'patient.identifier': token, _count: 1 } });
seen.carePlans = plans.total;
if (plans.total > 1) {
  const next = await reader.nextPage({ bundle: plans });
  check(next && next.entry.length === 1, 'the next page holds the next care plan');
  seen.nextPage = true;
}

const byPost = await reader.search({ resourceType: 'Patient', searchParams: { identifier: token }, options: { postSearch: true } });
check(byPost.total === patients.total, 'POST _search finds the same');

const xml = await fetch(`${base}/Patient?identifier=${encodeURIComponent(token)}`, {
  dispatcher: dispatcher(readerCert, readerKey),
  headers: { accept: 'application/fhir+xml', 'x-purpose-of-use': 'TREAT' },
});
const xmlBody = await xml.text();
check(xml.status === 200, `XML search answered ${xml.status}: ${xmlBody}`);
seen.xmlContentType = xml.headers.get('content-type');
check(xmlBody.includes('<Bundle xmlns="http://hl7.org/fhir">'), 'an XML searchset');

const validated = await sender.operation({ resourceType: 'Patient', name: 'validate', method: 'POST',
  input: message.entry.find((entry) => entry.resource.resourceType === 'Patient').resource });
seen.validationErrors = (validated.issue || []).filter((issue) => issue.severity === 'error').length;

console.log(JSON.stringify(seen));
