"""A Python AMQP 1.0 client (Apache Qpid Proton) against the hub's broker, as a provider system would write it.

SASL EXTERNAL over TLS with the participant's leaf certificate and key (PEM) and the hub's CA. Run by AmqpClientsIT:

  python3 amqp_client_test.py send <host> <port> <ca.pem> <cert.pem> <key.pem> <intake> <reply-queue> <message.json>
  python3 amqp_client_test.py receive <host> <port> <ca.pem> <cert.pem> <key.pem> <mailbox>

Prints one JSON line of what it received; any failure exits non-zero.
"""
import json
import sys
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


def receive(host, port, ca, cert, key, mailbox):
    connection = connect(host, port, ca, cert, key)
    try:
        receiver = connection.create_receiver(mailbox)
        delivery = receiver.receive(timeout=30)
        receiver.accept()
        return describe(delivery)
    finally:
        connection.close()


if __name__ == "__main__":
    command, arguments = sys.argv[1], sys.argv[2:]
    result = send(*arguments) if command == "send" else receive(*arguments)
    print(json.dumps(result))
