"""Run localstripe's aiohttp app on 127.0.0.1:PORT (its CLI binds to ::).

Started as a subprocess by tests/payments/conftest.py. Its store lives in
memory only: localstripe otherwise pickles it to /tmp after every write.
"""

import sys

from aiohttp import web
from localstripe import resources, server

resources.store.dump_to_disk = lambda: None

if __name__ == "__main__":
    web.run_app(
        server.app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None
    )
