// A Node FHIR client as a provider system would use it against the hub: fhir-kit-client (JSON) and undici's fetch
// (XML), with mutual TLS from a participant's leaf certificate and key in PEM and the hub's CA. It sends messages about
// the patient it is given, searches and pages through them, receives them as the recipient (mailbox, delivery, ack)
// and validates. Run by NodeClientIT:
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

// A message about the test's own patient (the Patient record's id derives from the NHS number): each send gets a
// MessageHeader and a CarePlan of its own, so the care plans it finds are exactly the ones it sent.
const template = readFileSync(messageFile, 'utf8');
function freshMessage() {
  const message = JSON.parse(template);
  const headerEntry = message.entry[0];
  headerEntry.resource.id = randomUUID();
  headerEntry.fullUrl = `urn:uuid:${headerEntry.resource.id}`;
  const planEntry = message.entry.find((entry) => entry.resource.resourceType === 'CarePlan');
  const previous = planEntry.fullUrl;
  planEntry.resource.id = randomUUID();
  planEntry.fullUrl = `urn:uuid:${planEntry.resource.id}`;
  for (const focus of headerEntry.resource.focus) {
    if (focus.reference === previous) focus.reference = planEntry.fullUrl;
  }
  return message;
}

const MESSAGES = 3;
const sent = [];
let message;
for (let i = 0; i < MESSAGES; i++) {
  message = freshMessage();
  const response = await sender.operation({ name: 'process-message', method: 'POST', input: message });
  check(response.resourceType === 'Bundle' && response.type === 'message', 'a response message');
  const header = response.entry[0].resource;
  check(header.response.code === 'ok', `message ${i} answered ${header.response.code}`);
  check(header.response.identifier === message.entry[0].resource.id, 'the response answers this message\'s header');
  seen.responseCode = header.response.code;
  seen.responseSender = header.sender?.identifier?.value;
  sent.push(response.identifier.value);
}
check(new Set(sent).size === MESSAGES, 'a hub message id for each message');

// Dispatch is asynchronous: search until every care plan sent is there (or give up after 30 s).
const token = `https://fhir.nhs.uk/Id/nhs-number|${nhs}`;
let first;
for (let attempt = 0; attempt < 60; attempt++) {
  first = await reader.search({ resourceType: 'CarePlan', searchParams: { 'patient.identifier': token, _count: 1 } });
  if (first.total >= MESSAGES) break;
  await new Promise((resolve) => setTimeout(resolve, 500));
}
seen.carePlans = first.total;
// Paging must happen: a page of one for each care plan, linked by next, each page with its self link.
const plans = new Set();
seen.pages = 0;
seen.nextLinks = 0;
seen.selfLinks = [];
for (let page = first; page; page = await reader.nextPage({ bundle: page })) {
  seen.pages++;
  check(seen.pages <= MESSAGES, 'no more pages than care plans');
  check(page.type === 'searchset' && page.entry?.length === 1, `page ${seen.pages} holds one care plan`);
  plans.add(page.entry[0].fullUrl);
  seen.selfLinks.push(page.link.find((link) => link.relation === 'self')?.url);
  if (page.link.some((link) => link.relation === 'next')) seen.nextLinks++;
}
seen.distinctCarePlans = plans.size;

const patients = await reader.search({ resourceType: 'Patient', searchParams: { identifier: token } });
check(patients.type === 'searchset', 'a searchset');
seen.patients = patients.total;
seen.fullUrl = patients.entry[0].fullUrl;
seen.patientNhs = patients.entry[0].resource.identifier.find((id) => id.system === 'https://fhir.nhs.uk/Id/nhs-number')?.value;
seen.selfLink = patients.link.find((link) => link.relation === 'self')?.url;

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

// As the recipient, with the same client's raw requests: the mailbox lists what waits (not a FHIR resource), each
// delivery is a FHIR message, and an acknowledgement removes it.
const mailbox = `${base.replace(/\/fhir\/?$/, '')}/mailbox/messages`;
async function waiting() {
  const listing = await reader.request(mailbox);
  return new Map(listing.messages.map((entry) => [entry.messageId, entry.id]));
}
let listed;
for (let attempt = 0; attempt < 60; attempt++) {
  listed = await waiting();
  if (sent.every((id) => listed.has(id))) break;
  await new Promise((resolve) => setTimeout(resolve, 500));
}
seen.received = 0;
seen.acknowledged = 0;
for (const hubMessageId of sent) {
  check(listed.has(hubMessageId), `hub message ${hubMessageId} waits in the mailbox`);
  const delivery = await reader.request(`${mailbox}/${listed.get(hubMessageId)}`);
  check(delivery.resourceType === 'Bundle' && delivery.type === 'message', 'a delivery is a FHIR message');
  check(delivery.identifier?.value === hubMessageId, 'the delivery is of the message sent');
  const patient = delivery.entry.find((entry) => entry.resource.resourceType === 'Patient')?.resource;
  check(patient?.identifier?.some((id) => id.value === nhs), 'the delivery is about the test\'s own patient');
  seen.received++;
  await reader.request(`${mailbox}/${listed.get(hubMessageId)}/ack`, { method: 'POST' });
  seen.acknowledged++;
}
const after = await waiting();
seen.stillWaiting = sent.filter((id) => after.has(id)).length;

const validated = await sender.operation({ resourceType: 'Patient', name: 'validate', method: 'POST',
  input: message.entry.find((entry) => entry.resource.resourceType === 'Patient').resource });
seen.validationErrors = (validated.issue || []).filter((issue) => issue.severity === 'error').length;

console.log(JSON.stringify(seen));
