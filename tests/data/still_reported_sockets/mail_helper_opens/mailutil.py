import imaplib
import ssl

CONTEXT = ssl.create_default_context()


def login_mailbox(host: str, user: str, password: str) -> imaplib.IMAP4_SSL:
    box = imaplib.IMAP4_SSL(host, ssl_context=CONTEXT)
    box.login(user, password)
    return box
