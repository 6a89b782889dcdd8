"""One visit to a running Streamlit app over its own WebSocket, with any headers at all.

A browser will not send a made-up ``Host`` or some proxy headers; this client
does. It speaks the app's protocol (``BackMsg`` in, ``ForwardMsg`` out): asks for
one script run of a page with a query string, and collects every piece of text
the server sends until the run ends (following the server's own reruns, such
as a ``st.switch_page``). Everything sent counts, not only what a browser would
still show at the end: a title drawn before a redirect has reached the visitor.
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from google.protobuf.message import Message
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect


@dataclass(frozen=True)
class Visit:
    texts: tuple[str, ...]  # every string the server sent in elements, in order
    final: tuple[str, ...]  # those of the last script run only (what the page shows at the end)
    query_string: str       # the address's query string as the server last set it

    def shows(self, words: str) -> bool:
        """True when the finished page shows ``words`` (in some element)."""
        return any(words in text for text in self.final)

    def ever_sent(self, words: str) -> bool:
        """True when any run sent ``words``, even one the server cut short."""
        return any(words in text for text in self.texts)


def _strings(message: Message) -> list[str]:
    found: list[str] = []
    for field, value in message.ListFields():
        values = value if field.is_repeated else [value]
        for item in values:
            if isinstance(item, Message):
                found += _strings(item)
            elif isinstance(item, str) and item.strip():
                found.append(item)
    return found


def visit(app_url: str, *, query: str = "", page: str = "", headers: dict[str, str] | None = None,
          host: str | None = None, origin: str | None = None, source: str | None = None,
          timeout: float = 45) -> Visit:
    """Open ``page`` (its URL path, "" for the home page) with ``query``; ``host`` replaces the Host header.

    The connection always goes to the app's own loopback address and port, from the loopback
    address ``source`` when given (127.0.0.5: a different client on this computer).
    """
    parts = urlsplit(app_url)
    netloc = host or parts.netloc
    sock = socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80), timeout=timeout,
                                    source_address=(source, 0) if source else None)
    texts: list[str] = []
    final: list[str] = []
    query_string = query
    deadline = time.monotonic() + timeout
    with connect(f"ws://{netloc}/_stcore/stream", sock=sock, additional_headers=headers or {},
                 origin=origin, subprotocols=["streamlit"], open_timeout=timeout,  # type: ignore[list-item]
                 max_size=None) as ws:
        request = BackMsg()
        request.rerun_script.query_string = query
        request.rerun_script.page_name = page
        ws.send(request.SerializeToString())
        while True:
            message = ForwardMsg()
            message.ParseFromString(ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            if message.HasField("delta"):
                found = _strings(message.delta)
                texts += found
                final += found
            if message.HasField("page_info_changed"):
                query_string = message.page_info_changed.query_string
            if message.HasField("new_session"):
                final = []  # a new script run starts drawing afresh
            if message.HasField("script_finished") and \
                    message.script_finished != ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN:
                return Visit(tuple(texts), tuple(final), query_string)
