"""IMAPClient IDLE loop. IMAPClient's idle_done() and search() write with imaplib's
IMAP4.send (self.sock.sendall), which imaplib does not wrap in IMAP4.abort."""
import imaplib
import ssl

from imapclient import IMAPClient

CONTEXT = ssl.create_default_context()


def connect(host: str, user: str, password: str) -> IMAPClient:
    client = IMAPClient(host, ssl=True, ssl_context=CONTEXT)
    client.login(user, password)
    client.select_folder("INBOX")
    return client


def watch(client: IMAPClient, handle) -> None:
    while True:
        try:
            client.idle()
            responses = client.idle_check(timeout=60)
            client.idle_done()
            if responses:
                for uid in client.search(["UNSEEN"]):
                    handle(uid)
        except (imaplib.IMAP4.abort, ConnectionResetError, BrokenPipeError):  # expect: NFX101
            client = connect("imap.example.com", "me", "pw")
