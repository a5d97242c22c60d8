"""Downloads a file with urlopen and uploads it to an FTPS server in the same try.
FTP_TLS.storbinary writes over a TLS data connection with sendall and does not wrap
errors: an FTPS server that drops the connection surfaces as ssl.SSLEOFError (3.10-3.12),
which the connection-drop clause misses."""
import ftplib
import urllib.error
import urllib.request


def mirror(url, host, user, password, name):
    ftps = ftplib.FTP_TLS(host, user, password)
    ftps.prot_p()
    try:
        with urllib.request.urlopen(url, timeout=60) as source:
            ftps.storbinary(f"STOR {name}", source)
    except urllib.error.URLError as exc:
        print("download failed:", exc)
    except (ConnectionResetError, BrokenPipeError, TimeoutError):  # expect: NFX101
        print("FTPS server dropped the connection; retry later")
    finally:
        ftps.close()
