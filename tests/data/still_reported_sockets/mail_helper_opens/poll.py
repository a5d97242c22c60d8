"""The mailbox is opened by a helper of another module (IMAP4_SSL inside it)."""
import imaplib
import time

from .mailutil import login_mailbox


def poll(host: str, user: str, password: str) -> list:
    for attempt in range(5):
        try:
            box = login_mailbox(host, user, password)
            box.select("INBOX")
            typ, data = box.search(None, "UNSEEN")
            return data[0].split()
        except (imaplib.IMAP4.abort, ConnectionResetError, ConnectionRefusedError):  # expect: NFX104
            time.sleep(2 ** attempt)
    return []
