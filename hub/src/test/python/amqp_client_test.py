"""A Python AMQP 1.0 client (Apache Qpid Proton) against the hub's broker, as a provider system would write it.

SASL EXTERNAL over TLS with the participant's leaf certificate and key (PEM) and the hub's CA. Run by AmqpClientsIT:

  python3 amqp_client_test.py send <host> <port> <ca.pem> <cert.pem> <key.pem> <intake> <reply-queue> <message.json>
  python3 amqp_client_test.py receive <host> <port> <ca.pem> <cert.pem> <key.pem> <mailbox> <hub-message-id>
  python3 amqp_client_test.py search <fhir-base> <ca.pem> <cert.pem> <key.pem> <nhs-number>

AMQP has no search: the hub's search is FHIR REST. "search" is what the same system does for it, over HTTPS with the
same leaf certificate and key, with nothing but Python's standard library (urllib, ssl).

Prints one JSON line of what it received; any failure exits non-zero.
"""
import json
import ssl
import sys
import urllib.parse
import urllib.request
import uuid

from proton import Message, SSLDomain
from proton.utils import BlockingConnection


def connect(host, port, ca, cert, key):
    domain = SSLDomain(SSLDomain.MODE_CLIENT)
    domain.set_trusted_ca_db(ca)
    domain.set_credentials(cert, key, None)
    domain.set_peer_authentication(SSLDomain.VERIFY_PEER_NAME)
    return BlockingConnection("amqps://%s:%s" % (host, port), ssl_domain=domain, allowed_mechs="EXTERNAL",
                              sasl_enabled=True, timeout=30)


def describe(message):
    body = message.body.decode("utf-8") if isinstance(message.body, (bytes, memoryview)) else message.body
    return {
        "content_type": message.content_type,
        "properties": sorted((message.properties or {}).keys()),
        "hub_message_id": (message.properties or {}).get("hubMessageId"),
        "body": json.loads(body),
        "correlation_id": str(message.correlation_id) if message.correlation_id is not None else None,
    }


def send(host, port, ca, cert, key, intake, replies, message_file):
    with open(message_file, encoding="utf-8") as f:
        bundle = json.load(f)
    bundle["entry"][0]["resource"]["id"] = str(uuid.uuid4())
    connection = connect(host, port, ca, cert, key)
    try:
        receiver = connection.create_receiver(replies)
        sender = connection.create_sender(intake)
        request_id = str(uuid.uuid4())
        sender.send(Message(id=request_id, reply_to=replies, content_type="application/fhir+json",
                            body=json.dumps(bundle)))
        answer = receiver.receive(timeout=30)
        receiver.accept()
        seen = describe(answer)
        seen["request_id"] = request_id
        return seen
    finally:
        connection.close()


def receive(host, port, ca, cert, key, mailbox, hub_message_id):
    """The delivery of one hub message, accepting (removing) whatever else waits before it."""
    connection = connect(host, port, ca, cert, key)
    try:
        receiver = connection.create_receiver(mailbox)
        while True:
            delivery = receiver.receive(timeout=30)
            receiver.accept()
            if (delivery.properties or {}).get("hubMessageId") == hub_message_id:
                return describe(delivery)
    finally:
        connection.close()


def search(base, ca, cert, key, nhs):
    context = ssl.create_default_context(cafile=ca)
    context.load_cert_chain(cert, key)
    query = urllib.parse.urlencode({"identifier": "https://fhir.nhs.uk/Id/nhs-number|" + nhs})
    request = urllib.request.Request(base + "/Patient?" + query,
                                     headers={"Accept": "application/fhir+json", "X-Purpose-Of-Use": "TREAT"})
    with urllib.request.urlopen(request, context=context, timeout=30) as response:
        bundle = json.load(response)
        return {
            "status": response.status,
            "content_type": response.headers.get("Content-Type"),
            "type": bundle.get("type"),
            "total": bundle.get("total"),
            "nhs_numbers": [identifier.get("value") for entry in bundle.get("entry", [])
                            for identifier in entry["resource"].get("identifier", [])
                            if identifier.get("system") == "https://fhir.nhs.uk/Id/nhs-number"],
            "self": next((link["url"] for link in bundle.get("link", []) if link["relation"] == "self"), None),
        }


if __name__ == "__main__":
    command, arguments = sys.argv[1], sys.argv[2:]
    result = {"send": send, "receive": receive, "search": search}[command](*arguments)
    print(json.dumps(result))
